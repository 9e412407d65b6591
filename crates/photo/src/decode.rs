//! Decoding with memory limits checked against the header before any pixel is decoded.

use std::io::{Cursor, ErrorKind};

use image::error::ImageError;
use image::metadata::Orientation;
use image::{ColorType, DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::format::PhotoFormat;

/// Largest width or height accepted, in pixels: above the 12,000 × 9,000 of the
/// 108-megapixel phone cameras and the 16,320 of 200-megapixel ones in their default
/// binned mode, so only a forged header or a scan of a poster reaches it.
pub const MAX_SIDE: u32 = 16_384;

/// Largest decoded buffer accepted, in bytes: 512 MiB, the default of the `image` crate,
/// enough for 108 megapixels of RGB.
pub const MAX_DECODED_BYTES: u64 = 512 * 1024 * 1024;

/// A decoded image with what its decoder read from the metadata.
pub(crate) struct Decoded {
    pub image: DynamicImage,
    pub orientation: Orientation,
    pub color_type: ColorType,
}

/// Why decoding failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecodeFailure {
    /// The header declares more pixels than the limits allow, so nothing was decoded.
    PixelFlood,
    /// The data ended before the image did.
    Truncated,
    /// The decoder rejected the data with this English message.
    Corrupt(String),
}

/// Decodes `bytes` of a format for which [`PhotoFormat::is_decodable`] holds.
pub(crate) fn decode(bytes: &[u8], format: PhotoFormat) -> Result<Decoded, DecodeFailure> {
    let image_format = match format {
        PhotoFormat::Jpeg => ImageFormat::Jpeg,
        PhotoFormat::Png => ImageFormat::Png,
        PhotoFormat::Webp => ImageFormat::WebP,
        other => {
            return Err(DecodeFailure::Corrupt(format!(
                "no decoder for {}",
                other.display_name()
            )))
        }
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);

    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format);
    reader.limits(limits.clone());
    // `into_decoder` reads only the header and applies the dimension limits to it.
    let mut decoder = reader.into_decoder().map_err(classify)?;
    limits
        .reserve(decoder.total_bytes())
        .map_err(|_| DecodeFailure::PixelFlood)?;

    let orientation = decoder.orientation().map_err(classify)?;
    let color_type = decoder.color_type();
    let image = DynamicImage::from_decoder(decoder).map_err(classify)?;
    Ok(Decoded {
        image,
        orientation,
        color_type,
    })
}

fn classify(error: ImageError) -> DecodeFailure {
    match error {
        ImageError::Limits(_) => DecodeFailure::PixelFlood,
        ImageError::IoError(io) if io.kind() == ErrorKind::UnexpectedEof => {
            DecodeFailure::Truncated
        }
        other => {
            let text = other.to_string();
            // The PNG and WebP decoders report a cut-off file as a decoding error.
            if text.contains("EOF") || text.contains("end of file") {
                DecodeFailure::Truncated
            } else {
                DecodeFailure::Corrupt(text)
            }
        }
    }
}
