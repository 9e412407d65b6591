//! The bridge to `jszg-photo`: the check report as the page shows it, an upright
//! preview, and the re-encoder that fits a photo under the upload limit.

use base64::Engine;
use image::{DynamicImage, ImageDecoder, ImageReader};
use jszg_api::ErrorBody;
use jszg_photo::Severity;
use serde::Serialize;
use std::io::Cursor;

/// Long side of the preview shown next to a photo slot, in pixels.
pub const PREVIEW_LONG_SIDE: u32 = 360;

/// Codes of faults that re-encoding cannot repair: the applicant needs another photo.
const UNFIXABLE: [&str; 5] = [
    "photo.truncated",
    "photo.corrupt",
    "photo.dimensions_too_small",
    "photo.pixel_flood",
    "photo.heic_unsupported",
];

/// One fault of a photo with its Chinese message.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Problem {
    pub code: String,
    /// A warning does not stop the upload (blur, CMYK colours).
    pub warning: bool,
    pub message: String,
}

/// The check report of a photo as the page shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PhotoCheck {
    /// Whether the server will accept the photo as it is.
    pub acceptable: bool,
    pub size_bytes: u64,
    pub size_limit_bytes: u64,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Clockwise rotation the stored pixels need to be upright (from EXIF).
    pub rotation_degrees: u16,
    pub mirrored: bool,
    /// Whether "自动调整" can repair every blocking fault.
    pub fixable: bool,
    pub problems: Vec<Problem>,
}

/// Checks a photo with the rules the server applies.
pub fn report(bytes: &[u8]) -> PhotoCheck {
    let report = jszg_photo::check(bytes);
    let problems: Vec<Problem> = report
        .issues
        .iter()
        .map(|issue| Problem {
            code: issue.code.to_string(),
            warning: issue.severity == Severity::Warning,
            message: issue.message.clone(),
        })
        .collect();
    let fixable = !report.acceptable
        && !problems
            .iter()
            .any(|problem| UNFIXABLE.contains(&problem.code.as_str()));
    PhotoCheck {
        acceptable: report.acceptable,
        size_bytes: report.size_bytes,
        size_limit_bytes: report.size_limit_bytes,
        width: report.width,
        height: report.height,
        rotation_degrees: report.orientation.map_or(0, |o| o.rotation_degrees),
        mirrored: report.orientation.is_some_and(|o| o.mirrored),
        fixable,
        problems,
    }
}

/// Returns a small JPEG data URL of the photo turned upright as its EXIF orientation
/// says, or `None` when the photo cannot be decoded.
pub fn preview(bytes: &[u8]) -> Option<String> {
    let mut decoder = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?
        .into_decoder()
        .ok()?;
    let orientation = decoder.orientation().ok()?;
    let mut image = DynamicImage::from_decoder(decoder).ok()?;
    image.apply_orientation(orientation);
    let small = image
        .thumbnail(PREVIEW_LONG_SIDE, PREVIEW_LONG_SIDE)
        .into_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode_image(&small)
        .ok()?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(&jpeg);
    Some(format!("data:image/jpeg;base64,{encoded}"))
}

/// Re-encodes a photo under the upload limit: upright, without metadata, at the
/// highest quality that fits. Faults that re-encoding cannot repair come back as the
/// first fault's code with every fault's Chinese message.
pub fn fit(bytes: &[u8]) -> Result<Vec<u8>, ErrorBody> {
    match jszg_photo::fit(bytes) {
        Ok(fitted) => Ok(fitted.bytes),
        Err(error) => {
            tracing::info!(%error, "photo cannot be fitted");
            let code = error
                .issues
                .first()
                .map_or("photo.cannot_fit", |issue| issue.code);
            let message = error
                .issues
                .iter()
                .map(|issue| issue.message.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            Err(ErrorBody {
                code: code.to_string(),
                message,
                field: None,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb, RgbImage};

    /// A noisy photo-like JPEG of `width` × `height` at `quality`.
    fn jpeg(width: u32, height: u32, quality: u8) -> Vec<u8> {
        let mut seed = 7u32;
        let image = RgbImage::from_fn(width, height, |x, y| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let noise = (seed >> 24) as u8 / 4;
            Rgb([
                (x * 255 / width) as u8 ^ noise,
                (y * 255 / height) as u8,
                noise.wrapping_mul(3),
            ])
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
            .write_image(
                image.as_raw(),
                width,
                height,
                image::ExtendedColorType::Rgb8,
            )
            .unwrap();
        out
    }

    #[test]
    fn oversized_photo_is_reported_in_chinese_and_fitted_under_the_limit() {
        let big = jpeg(1600, 1200, 98);
        assert!(
            big.len() as u64 >= jszg_photo::SIZE_LIMIT_BYTES,
            "{}",
            big.len()
        );
        let check = report(&big);
        assert!(!check.acceptable);
        assert!(check.fixable);
        let too_large = check
            .problems
            .iter()
            .find(|p| p.code == "photo.too_large")
            .expect("size fault reported");
        assert!(
            too_large.message.contains("190 KB"),
            "{}",
            too_large.message
        );

        let fitted = fit(&big).expect("fits");
        assert!((fitted.len() as u64) < jszg_photo::SIZE_LIMIT_BYTES);
        assert!(report(&fitted).acceptable);
    }

    #[test]
    fn broken_photo_is_not_fixable_and_fit_says_why() {
        let mut cut = jpeg(800, 600, 90);
        cut.truncate(cut.len() / 2);
        let check = report(&cut);
        assert!(!check.acceptable);
        assert!(!check.fixable);
        let error = fit(&cut).unwrap_err();
        assert!(error.code.starts_with("photo."), "{}", error.code);
        assert!(!error.message.is_empty());
        assert_eq!(report(b"not a photo").problems[0].code, "photo.format");
    }

    #[test]
    fn preview_is_small_and_decodable() {
        let url = preview(&jpeg(1200, 900, 90)).expect("preview");
        let data = url.strip_prefix("data:image/jpeg;base64,").unwrap();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap();
        let image = image::load_from_memory(&bytes).unwrap();
        assert_eq!((image.width(), image.height()), (360, 270));
        assert_eq!(preview(b"nothing"), None);
    }
}
