//! Writes the seed photos of the `photo_check` and `photo_fit` targets into
//! `corpus/<target>/`: tiny JPEG, PNG and WebP files, and 640 × 480 ones (the smallest
//! size the service accepts) that compress to a few KB because they are stripes.
//!
//! Run from `fuzz/` with `cargo run --example photo_seeds`.

use std::fs;
use std::io::Cursor;
use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, GrayImage, ImageFormat, Luma, Rgb, RgbImage};

const TARGETS: [&str; 2] = ["photo_check", "photo_fit"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tiny = DynamicImage::ImageRgb8(RgbImage::from_fn(24, 16, |x, y| {
        Rgb([(x * 10) as u8, (y * 15) as u8, 128])
    }));
    let tiny_grey = DynamicImage::ImageLuma8(GrayImage::from_fn(24, 16, |x, y| {
        Luma([((x + y) * 6) as u8])
    }));
    // Horizontal stripes eight pixels tall line up with the JPEG blocks, so every block
    // is flat and the file stays small, while the edges keep the sharpness score high.
    let stripes = DynamicImage::ImageRgb8(RgbImage::from_fn(640, 480, |_, y| {
        if (y / 8) % 2 == 0 {
            Rgb([30, 30, 30])
        } else {
            Rgb([230, 230, 230])
        }
    }));

    // Grey keeps the 640 × 480 JPEG to a few KB, and the tiny seeds cover colour.
    let stripes_jpeg = encode_jpeg(&DynamicImage::ImageLuma8(stripes.to_luma8()), 50)?;
    let seeds: Vec<(&str, Vec<u8>)> = vec![
        ("tiny_rgb.jpg", encode_jpeg(&tiny, 75)?),
        ("tiny_grey.jpg", encode_jpeg(&tiny_grey, 75)?),
        ("tiny_rgb.png", encode(&tiny, ImageFormat::Png)?),
        ("tiny_rgb.webp", encode(&tiny, ImageFormat::WebP)?),
        ("stripes_640x480.png", encode(&stripes, ImageFormat::Png)?),
        ("stripes_640x480.webp", encode(&stripes, ImageFormat::WebP)?),
        (
            "stripes_640x480_rotated.jpg",
            with_exif_orientation(&stripes_jpeg, 6),
        ),
        ("stripes_640x480.jpg", stripes_jpeg),
    ];

    for target in TARGETS {
        let folder = Path::new("corpus").join(target);
        fs::create_dir_all(&folder)?;
        for (name, bytes) in &seeds {
            fs::write(folder.join(name), bytes)?;
            println!("{target}/{name}: {} bytes", bytes.len());
        }
    }
    Ok(())
}

fn encode_jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, image::ImageError> {
    let mut bytes = Vec::new();
    image.write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, quality))?;
    Ok(bytes)
}

fn encode(image: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, image::ImageError> {
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, format)?;
    Ok(bytes.into_inner())
}

/// Inserts an APP1 segment right after the JPEG's SOI marker, holding a little-endian
/// TIFF header and one IFD with the Orientation tag (0x0112, SHORT).
fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut payload = b"Exif\0\0II\x2a\0\x08\0\0\0".to_vec();
    payload.extend_from_slice(&1u16.to_le_bytes());
    payload.extend_from_slice(&0x0112u16.to_le_bytes());
    payload.extend_from_slice(&3u16.to_le_bytes());
    payload.extend_from_slice(&1u32.to_le_bytes());
    payload.extend_from_slice(&orientation.to_le_bytes());
    payload.extend_from_slice(&[0, 0]);
    payload.extend_from_slice(&0u32.to_le_bytes());

    // The segment length counts its own two bytes but not the marker.
    let length = u16::try_from(payload.len() + 2).expect("EXIF segment is small");
    let mut bytes = jpeg[..2].to_vec();
    bytes.extend_from_slice(&[0xFF, 0xE1]);
    bytes.extend_from_slice(&length.to_be_bytes());
    bytes.extend_from_slice(&payload);
    bytes.extend_from_slice(&jpeg[2..]);
    bytes
}
