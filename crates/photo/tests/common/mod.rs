//! Generated test photos and hand-written JPEG, EXIF and PNG byte streams.
#![allow(dead_code)]

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, Rgb, RgbImage};

/// Deterministic xorshift generator, so every run draws the same photos.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Returns a value in `range`.
    pub fn between(&mut self, low: u32, high: u32) -> u32 {
        low + (self.next() % u64::from(high - low)) as u32
    }
}

fn fill(image: &mut RgbImage, x0: u32, y0: u32, x1: u32, y1: u32, color: [u8; 3]) {
    for y in y0..y1.min(image.height()) {
        for x in x0..x1.min(image.width()) {
            image.put_pixel(x, y, Rgb(color));
        }
    }
}

/// Draws a photo of an identity card on a table: a light card with a dark border, a
/// portrait block and lines of character-like strokes, plus sensor-like noise.
pub fn card_photo(width: u32, height: u32, seed: u64) -> RgbImage {
    let mut rng = Rng::new(seed);
    let mut image = RgbImage::from_fn(width, height, |x, y| {
        let shade = (40 * (x + y) / (width + height)) as u8;
        Rgb([170 - shade, 160 - shade, 140 - shade])
    });

    let (left, right) = (width / 10, width * 9 / 10);
    let (top, bottom) = (height * 15 / 100, height * 85 / 100);
    let border = (width / 400).max(2);
    fill(&mut image, left, top, right, bottom, [60, 60, 70]);
    fill(
        &mut image,
        left + border,
        top + border,
        right - border,
        bottom - border,
        [235, 233, 225],
    );

    let portrait_left = left + (right - left) * 68 / 100;
    let portrait_bottom = top + (bottom - top) * 70 / 100;
    fill(
        &mut image,
        portrait_left,
        top + (bottom - top) / 10,
        right - (right - left) / 20,
        portrait_bottom,
        [95, 85, 80],
    );

    let char_height = ((bottom - top) / 16).max(6);
    let stroke = (char_height / 6).max(1);
    let mut line_top = top + char_height;
    while line_top + char_height < bottom - char_height {
        let mut x = left + char_height;
        while x + char_height < portrait_left - char_height {
            draw_character(&mut image, &mut rng, x, line_top, char_height, stroke);
            x += char_height;
            if rng.between(0, 6) == 0 {
                x += char_height;
            }
        }
        line_top += char_height * 2;
    }

    for pixel in image.pixels_mut() {
        let noise = rng.between(0, 7) as i16 - 3;
        for channel in pixel.0.iter_mut() {
            *channel = (i16::from(*channel) + noise).clamp(0, 255) as u8;
        }
    }
    image
}

/// Draws two to four horizontal and vertical strokes inside one character cell.
fn draw_character(image: &mut RgbImage, rng: &mut Rng, x: u32, y: u32, size: u32, stroke: u32) {
    let ink = [30, 30, 40];
    let cell = size * 8 / 10;
    for _ in 0..rng.between(2, 5) {
        if rng.next() % 2 == 0 {
            let row = y + rng.between(0, cell - stroke);
            fill(image, x, row, x + cell, row + stroke, ink);
        } else {
            let column = x + rng.between(0, cell - stroke);
            fill(image, column, y, column + stroke, y + size, ink);
        }
    }
}

/// Encodes `image` as a baseline JPEG with the `image` crate (JFIF, no EXIF).
pub fn encode_jpeg(image: &DynamicImage, quality: u8) -> Vec<u8> {
    let mut bytes = Vec::new();
    image
        .write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, quality))
        .expect("encode JPEG");
    bytes
}

pub fn encode_png(image: &DynamicImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    image
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .expect("encode PNG");
    bytes
}

/// Returns the offset just after SOI and a JFIF APP0 segment, where new segments go.
fn insertion_point(jpeg: &[u8]) -> usize {
    if jpeg[2..4] == [0xFF, 0xE0] {
        4 + usize::from(u16::from_be_bytes([jpeg[4], jpeg[5]]))
    } else {
        2
    }
}

fn insert_segment(jpeg: &[u8], marker: u8, payload: &[u8]) -> Vec<u8> {
    let at = insertion_point(jpeg);
    let length = u16::try_from(payload.len() + 2).expect("segment fits 64 KiB");
    let mut bytes = jpeg[..at].to_vec();
    bytes.extend_from_slice(&[0xFF, marker]);
    bytes.extend_from_slice(&length.to_be_bytes());
    bytes.extend_from_slice(payload);
    bytes.extend_from_slice(&jpeg[at..]);
    bytes
}

/// Adds an APP1 EXIF segment (big-endian TIFF) whose IFD0 holds the orientation tag
/// and a pointer to a GPS IFD with a latitude reference, as phones write.
pub fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = b"MM\0\x2A\0\0\0\x08".to_vec();
    // IFD0 at offset 8: two entries, then the offset of the next IFD (none).
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    let gps_offset = 8 + 2 + 2 * 12 + 4;
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1]);
    tiff.extend_from_slice(&(gps_offset as u32).to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    // GPS IFD: GPSLatitudeRef = "N".
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&[0x00, 0x01, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);

    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    insert_segment(jpeg, 0xE1, &payload)
}

/// Pads `jpeg` with COM segments after its header to exactly `target` bytes.
pub fn pad_to_size(jpeg: &[u8], target: usize) -> Vec<u8> {
    assert!(
        target >= jpeg.len() + 4,
        "JPEG of {} bytes cannot grow to {target}",
        jpeg.len()
    );
    let mut bytes = jpeg.to_vec();
    let mut missing = target - jpeg.len();
    while missing > 0 {
        let mut segment = missing.min(4 + 65_533);
        if (1..4).contains(&(missing - segment)) {
            segment -= 4;
        }
        bytes = insert_segment(&bytes, 0xFE, &vec![b'.'; segment - 4]);
        missing -= segment;
    }
    assert_eq!(bytes.len(), target);
    bytes
}

/// Writes a baseline JPEG by hand: `components` components at one sample per pixel,
/// every block flat at mid-grey, with one-code Huffman tables. An Adobe APP14 segment
/// with `adobe_transform` is added when given. `scan_blocks` caps the number of blocks
/// written, so a huge declared frame still makes a tiny file.
pub fn handmade_jpeg(
    width: u16,
    height: u16,
    components: u8,
    adobe_transform: Option<u8>,
    scan_blocks: Option<usize>,
) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8];
    let mut segment = |marker: u8, payload: &[u8]| {
        bytes.extend_from_slice(&[0xFF, marker]);
        bytes.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        bytes.extend_from_slice(payload);
    };
    if let Some(transform) = adobe_transform {
        let mut adobe = b"Adobe\0\x64\0\0\0\0".to_vec();
        adobe.push(transform);
        segment(0xEE, &adobe);
    }
    let mut quantization = vec![0u8];
    quantization.extend_from_slice(&[1; 64]);
    segment(0xDB, &quantization);

    let mut frame = vec![8];
    frame.extend_from_slice(&height.to_be_bytes());
    frame.extend_from_slice(&width.to_be_bytes());
    frame.push(components);
    for id in 1..=components {
        frame.extend_from_slice(&[id, 0x11, 0]);
    }
    segment(0xC0, &frame);

    // One code of length 1 in each table: DC category 0, and AC end-of-block.
    let mut code_lengths = [0u8; 16];
    code_lengths[0] = 1;
    for class_and_id in [0x00, 0x10] {
        let mut table = vec![class_and_id];
        table.extend_from_slice(&code_lengths);
        table.push(0);
        segment(0xC4, &table);
    }

    let mut scan = vec![components];
    for id in 1..=components {
        scan.extend_from_slice(&[id, 0x00]);
    }
    scan.extend_from_slice(&[0, 63, 0]);
    segment(0xDA, &scan);

    // Each block of each component is two zero bits: DC difference 0, then end-of-block.
    let blocks = usize::from(width.div_ceil(8)) * usize::from(height.div_ceil(8));
    let blocks = scan_blocks.map_or(blocks, |cap| cap.min(blocks));
    let bits = blocks * usize::from(components) * 2;
    bytes.extend(std::iter::repeat_n(0u8, bits / 8));
    if bits % 8 != 0 {
        // The unused low bits of the last byte are 1-bits, as the standard pads.
        bytes.push(0xFF >> (bits % 8));
    }
    bytes.extend_from_slice(&[0xFF, 0xD9]);
    bytes
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Writes a PNG whose IHDR declares `width`×`height` RGB pixels, followed by a short
/// IDAT and IEND: a few dozen bytes that claim gigabytes once decoded.
pub fn png_header_only(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8; 4], data: &[u8]| {
        bytes.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        bytes.extend_from_slice(&body);
        bytes.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(b"IHDR", &header);
    chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    chunk(b"IEND", &[]);
    bytes
}

/// Peak signal-to-noise ratio in decibels between two RGB buffers of the same size.
pub fn psnr(a: &[u8], b: &[u8]) -> f64 {
    assert_eq!(a.len(), b.len());
    let squared_error: f64 = a
        .iter()
        .zip(b)
        .map(|(&x, &y)| (f64::from(x) - f64::from(y)).powi(2))
        .sum();
    let mean = squared_error / a.len() as f64;
    10.0 * (255.0f64 * 255.0 / mean).log10()
}

/// Decodes a JPEG with the `jpeg-decoder` crate, a second decoder independent of the
/// zune-jpeg decoder inside `image`. Returns width, height and RGB samples.
pub fn decode_with_jpeg_decoder(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    let pixels = decoder.decode().expect("jpeg-decoder decodes the output");
    let info = decoder.info().expect("frame info");
    let rgb = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => pixels,
        jpeg_decoder::PixelFormat::L8 => pixels.iter().flat_map(|&v| [v, v, v]).collect(),
        other => panic!("unexpected pixel format {other:?}"),
    };
    (u32::from(info.width), u32::from(info.height), rgb)
}
