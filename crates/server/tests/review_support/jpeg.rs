//! Test photos: a valid JPEG and one for each photo fault.

use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, RgbImage};

/// A sharp 800×600 picture: dark text-like bars on a light card.
fn card(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let bar = (y / 12) % 3 == 0 && (x / 7) % 5 != 0 && x > 40 && x < width - 40;
        if bar {
            image::Rgb([20, 20, 30])
        } else {
            image::Rgb([235, 232, 220])
        }
    })
}

fn encode(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, quality)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    bytes
}

/// A JPEG the photo rules accept.
pub fn valid() -> Vec<u8> {
    let bytes = encode(&card(800, 600), 80);
    assert!(
        bytes.len() < 190 * 1024,
        "test photo is {} bytes",
        bytes.len()
    );
    bytes
}

/// Random noise at high quality: over 190 KB but far under the request limit.
pub fn too_large() -> Vec<u8> {
    let mut seed: u32 = 12345;
    let image = RgbImage::from_fn(700, 500, |_, _| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let value = (seed >> 16) as u8;
        image::Rgb([value, value.wrapping_mul(3), value.wrapping_add(90)])
    });
    encode(&image, 95)
}

/// A PNG instead of a JPEG.
pub fn png() -> Vec<u8> {
    let image = card(800, 600);
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes)
        .write_image(image.as_raw(), 800, 600, image::ExtendedColorType::Rgb8)
        .unwrap();
    bytes
}

/// Too small to read: 320×240.
pub fn too_small() -> Vec<u8> {
    encode(&card(320, 240), 80)
}

/// The first half of a valid JPEG.
pub fn truncated() -> Vec<u8> {
    let bytes = valid();
    bytes[..bytes.len() / 2].to_vec()
}

/// A valid JPEG with an EXIF orientation: 6 is rotated 90°, 2 is mirrored.
pub fn with_orientation(orientation: u16) -> Vec<u8> {
    let jpeg = valid();
    // APP1 "Exif" segment holding a little-endian TIFF header and one IFD entry
    // (tag 0x0112 Orientation, type SHORT, count 1).
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II*\0");
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&0x0112u16.to_le_bytes());
    tiff.extend_from_slice(&3u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    let length = (payload.len() + 2) as u16;
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}
