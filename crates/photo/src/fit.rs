//! The re-encoder that turns a phone photo into a JPEG the service accepts.

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, GrayImage, Luma, Rgb, RgbImage};
use serde::Serialize;
use thiserror::Error;

use crate::check::{inspect, ColorModel, Inspection, PhotoReport};
use crate::format::PhotoFormat;
use crate::issue::{Issue, IssueKind};
use crate::messages;
use crate::orientation::OrientationReport;
use crate::policy::{MIN_LONG_SIDE, MIN_SHORT_SIDE, SIZE_LIMIT_BYTES};

/// Long side of a fitted photo, in pixels, when the source is larger: enough for a
/// card's print to stay sharp, small enough to leave room for quality under 190 KB.
pub const FIT_LONG_SIDE: u32 = 1600;

/// Highest JPEG quality tried, because above it the size grows fast for no visible gain.
pub const MAX_QUALITY: u8 = 95;

/// Lowest JPEG quality accepted before the dimensions are reduced instead.
pub const MIN_QUALITY: u8 = 50;

/// Factor applied to the long side each time even [`MIN_QUALITY`] is too large.
const SHRINK_FACTOR: f64 = 0.8;

/// A photo ready for upload, with what was done to it.
#[derive(Debug, Clone, Serialize)]
pub struct FittedPhoto {
    /// The JPEG file to upload.
    #[serde(skip)]
    pub bytes: Vec<u8>,
    /// Whether `bytes` is the input, byte for byte, because it was already acceptable.
    pub unchanged: bool,
    pub original_format: PhotoFormat,
    pub original_size_bytes: u64,
    pub original_width: u32,
    pub original_height: u32,
    /// Orientation read from the input, now applied to the pixels.
    pub original_orientation: OrientationReport,
    pub size_bytes: u64,
    pub width: u32,
    pub height: u32,
    /// JPEG quality of the new encoding, or `None` when the input is returned unchanged.
    pub quality: Option<u8>,
    /// Warnings that re-encoding cannot fix, such as blur.
    pub warnings: Vec<Issue>,
}

/// Reasons the photo cannot be fitted, most important first.
#[derive(Debug, Clone, Error, Serialize)]
#[error("{}", .issues.iter().map(|issue| issue.message_en.as_str()).collect::<Vec<_>>().join("; "))]
pub struct PhotoError {
    pub issues: Vec<Issue>,
}

/// Makes a JPEG that passes [`crate::check`] from a JPEG, PNG or WebP photo.
///
/// The EXIF orientation is applied to the pixels, the photo is scaled down to
/// [`FIT_LONG_SIDE`], and it is encoded as a baseline JPEG without any metadata (so no
/// GPS position) at the highest quality that stays under the size limit. A JPEG that
/// already passes the check, has no EXIF segment and is in RGB or grey is returned
/// unchanged.
pub fn fit(bytes: &[u8]) -> Result<FittedPhoto, PhotoError> {
    let Inspection { report, decoded } = inspect(bytes);
    let blocking: Vec<Issue> = report
        .errors()
        .filter(|issue| !is_fixable(issue, report.format))
        .cloned()
        .collect();
    let decoded = match decoded {
        Some(decoded) if blocking.is_empty() => decoded,
        _ if blocking.is_empty() => {
            let issues = report.errors().cloned().collect();
            return Err(PhotoError { issues });
        }
        _ => return Err(PhotoError { issues: blocking }),
    };
    let orientation = OrientationReport::from_orientation(decoded.orientation);
    let warnings: Vec<Issue> = report
        .issues
        .iter()
        .filter(|issue| issue.code == IssueKind::Blurred.code())
        .cloned()
        .collect();

    let mut fitted = FittedPhoto {
        bytes: Vec::new(),
        unchanged: false,
        original_format: report.format,
        original_size_bytes: report.size_bytes,
        original_width: decoded.image.width(),
        original_height: decoded.image.height(),
        original_orientation: orientation,
        size_bytes: report.size_bytes,
        width: decoded.image.width(),
        height: decoded.image.height(),
        quality: None,
        warnings,
    };
    if is_kept_as_is(&report, &orientation) {
        fitted.bytes = bytes.to_vec();
        fitted.unchanged = true;
        return Ok(fitted);
    }

    let mut image = decoded.image;
    image.apply_orientation(decoded.orientation);
    let upright = flatten(image);
    let (encoded, quality, width, height) = encode_under_limit(&upright)?;
    fitted.size_bytes = encoded.len() as u64;
    fitted.bytes = encoded;
    fitted.quality = Some(quality);
    fitted.width = width;
    fitted.height = height;
    Ok(fitted)
}

fn is_fixable(issue: &Issue, format: PhotoFormat) -> bool {
    let code = issue.code;
    code == IssueKind::TooLarge.code()
        || code == IssueKind::Rotated.code()
        || code == IssueKind::Mirrored.code()
        || (code == IssueKind::Format.code() && format.is_decodable())
}

/// Tells whether the input can be uploaded as it is. A JPEG with an EXIF segment is
/// re-encoded even when upright, because EXIF may hold the GPS position of the camera.
fn is_kept_as_is(report: &PhotoReport, orientation: &OrientationReport) -> bool {
    report.acceptable
        && report.format == PhotoFormat::Jpeg
        && !report.has_exif
        && orientation.is_upright()
        && !matches!(report.color, Some(ColorModel::Cmyk | ColorModel::Ycck))
}

/// Converts to 8-bit grey or RGB, laying any transparent parts over white paper.
fn flatten(image: DynamicImage) -> DynamicImage {
    match image {
        DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_) => image,
        other if !other.color().has_alpha() => {
            if other.color().has_color() {
                DynamicImage::ImageRgb8(other.to_rgb8())
            } else {
                DynamicImage::ImageLuma8(other.to_luma8())
            }
        }
        other => {
            let rgba = other.to_rgba8();
            let over_white = |value: u8, alpha: u8| {
                let (value, alpha) = (u32::from(value), u32::from(alpha));
                ((value * alpha + 255 * (255 - alpha) + 127) / 255) as u8
            };
            if other.color().has_color() {
                DynamicImage::ImageRgb8(RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
                    let [r, g, b, a] = rgba.get_pixel(x, y).0;
                    Rgb([over_white(r, a), over_white(g, a), over_white(b, a)])
                }))
            } else {
                DynamicImage::ImageLuma8(GrayImage::from_fn(rgba.width(), rgba.height(), |x, y| {
                    let [grey, _, _, a] = rgba.get_pixel(x, y).0;
                    Luma([over_white(grey, a)])
                }))
            }
        }
    }
}

/// Scales `image` down step by step until some quality from [`MIN_QUALITY`] up fits.
/// Returns the JPEG, its quality and its dimensions.
fn encode_under_limit(image: &DynamicImage) -> Result<(Vec<u8>, u8, u32, u32), PhotoError> {
    let mut long_side_cap = f64::from(FIT_LONG_SIDE);
    let mut previous = None;
    loop {
        let (width, height) = target_dimensions(image.width(), image.height(), long_side_cap);
        if previous == Some((width, height)) {
            return Err(PhotoError {
                issues: vec![messages::cannot_fit(width, height)],
            });
        }
        previous = Some((width, height));

        let scaled;
        let source = if (width, height) == (image.width(), image.height()) {
            image
        } else {
            scaled = image.resize_exact(width, height, FilterType::Triangle);
            &scaled
        };
        if let Some((encoded, quality)) = encode_best_quality(source)? {
            return Ok((encoded, quality, width, height));
        }
        long_side_cap *= SHRINK_FACTOR;
    }
}

/// Returns dimensions with the long side at most `long_side_cap`, never enlarging, and
/// never below the minimum dimensions unless the source already is.
fn target_dimensions(width: u32, height: u32, long_side_cap: f64) -> (u32, u32) {
    let (long, short) = (f64::from(width.max(height)), f64::from(width.min(height)));
    let floor = (f64::from(MIN_LONG_SIDE) / long).max(f64::from(MIN_SHORT_SIDE) / short);
    let scale = (long_side_cap / long).max(floor).min(1.0);
    let scaled = |side: u32| ((f64::from(side) * scale).round() as u32).max(1);
    (scaled(width), scaled(height))
}

/// Binary search for the highest quality whose encoding is under the size limit.
/// Returns `None` when even [`MIN_QUALITY`] is too large.
fn encode_best_quality(image: &DynamicImage) -> Result<Option<(Vec<u8>, u8)>, PhotoError> {
    let top = encode_jpeg(image, MAX_QUALITY)?;
    if fits(&top) {
        return Ok(Some((top, MAX_QUALITY)));
    }
    // Invariant: `high` does not fit, and `best` contains the highest quality known to fit.
    let (mut low, mut high) = (MIN_QUALITY, MAX_QUALITY);
    let mut best = None;
    while low < high {
        let middle = low + (high - low) / 2;
        let encoded = encode_jpeg(image, middle)?;
        if fits(&encoded) {
            best = Some((encoded, middle));
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    Ok(best)
}

fn fits(encoded: &[u8]) -> bool {
    (encoded.len() as u64) < SIZE_LIMIT_BYTES
}

/// Encodes a baseline JPEG. The `image` encoder writes a JFIF header and no EXIF, XMP or
/// ICC segment unless asked to.
fn encode_jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let mut encoded = Vec::with_capacity(SIZE_LIMIT_BYTES as usize);
    let encoder = JpegEncoder::new_with_quality(&mut encoded, quality);
    image
        .write_with_encoder(encoder)
        .map_err(|error| PhotoError {
            issues: vec![messages::corrupt(&format!("JPEG encoding failed: {error}"))],
        })?;
    Ok(encoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_dimensions_table() {
        let cases = [
            ((4000, 3000, 1600.0), (1600, 1200)),
            ((3000, 4000, 1600.0), (1200, 1600)),
            ((1000, 800, 1600.0), (1000, 800)),
            ((1600, 1200, 1280.0), (1280, 960)),
            // A panorama keeps its short side at the minimum.
            ((8000, 1000, 1600.0), (3840, 480)),
            ((800, 600, 100.0), (640, 480)),
        ];
        for ((width, height, cap), expected) in cases {
            assert_eq!(
                target_dimensions(width, height, cap),
                expected,
                "{width}x{height} capped at {cap}"
            );
        }
    }

    #[test]
    fn alpha_is_laid_over_white() {
        let mut rgba = image::RgbaImage::new(2, 1);
        rgba.put_pixel(0, 0, image::Rgba([0, 0, 0, 0]));
        rgba.put_pixel(1, 0, image::Rgba([0, 0, 0, 255]));
        let flat = flatten(DynamicImage::ImageRgba8(rgba)).to_rgb8();
        assert_eq!(flat.get_pixel(0, 0).0, [255, 255, 255]);
        assert_eq!(flat.get_pixel(1, 0).0, [0, 0, 0]);
    }
}
