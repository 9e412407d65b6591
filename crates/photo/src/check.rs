//! The check every photo passes before upload (desktop) and on arrival (server).

use image::ColorType;
use serde::Serialize;

use crate::decode::{decode, DecodeFailure, Decoded, MAX_SIDE};
use crate::format::{detect_format, PhotoFormat};
use crate::issue::Issue;
use crate::jpeg_structure::{scan_jpeg, JpegStructure, StructureEnd};
use crate::messages;
use crate::orientation::OrientationReport;
use crate::policy::{MIN_LONG_SIDE, MIN_SHORT_SIDE, SIZE_LIMIT_BYTES};
use crate::sharpness::{sharpness_score, BLUR_THRESHOLD};

/// Color model of the stored samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColorModel {
    Grey,
    GreyAlpha,
    Rgb,
    Rgba,
    /// Four-component JPEG without the Adobe YCCK transform.
    Cmyk,
    /// Four-component JPEG with the Adobe YCCK transform.
    Ycck,
}

/// Everything the check found, serialisable as JSON for the desktop, the server and the CLI.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhotoReport {
    /// Whether the service accepts the photo as it is: no issue of severity error.
    pub acceptable: bool,
    /// Format detected from the content, never from a file name.
    pub format: PhotoFormat,
    pub size_bytes: u64,
    /// The size must be strictly below this number of bytes.
    pub size_limit_bytes: u64,
    /// Stored width in pixels, before any EXIF orientation is applied.
    pub width: Option<u32>,
    /// Stored height in pixels, before any EXIF orientation is applied.
    pub height: Option<u32>,
    pub color: Option<ColorModel>,
    /// Whether a JPEG is progressive, or `None` for other formats.
    pub progressive: Option<bool>,
    /// Whether a JPEG carries an EXIF segment, which may hold the GPS position.
    pub has_exif: bool,
    pub orientation: Option<OrientationReport>,
    /// Variance of the Laplacian on a grey copy at most 640 pixels long.
    pub sharpness: Option<f64>,
    /// Sharpness at or below which the photo is reported as blurred.
    pub blur_threshold: f64,
    pub issues: Vec<Issue>,
}

impl PhotoReport {
    fn new(format: PhotoFormat, size_bytes: u64) -> Self {
        PhotoReport {
            acceptable: false,
            format,
            size_bytes,
            size_limit_bytes: SIZE_LIMIT_BYTES,
            width: None,
            height: None,
            color: None,
            progressive: None,
            has_exif: false,
            orientation: None,
            sharpness: None,
            blur_threshold: BLUR_THRESHOLD,
            issues: Vec::new(),
        }
    }

    /// Tells whether an issue with this code was found.
    pub fn has_issue(&self, code: &str) -> bool {
        self.issues.iter().any(|issue| issue.code == code)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|issue| issue.is_error())
    }

    fn finish(mut self) -> Self {
        self.acceptable = !self.issues.iter().any(Issue::is_error);
        self
    }
}

/// The report together with the decoded image, so that fitting decodes only once.
pub(crate) struct Inspection {
    pub report: PhotoReport,
    pub decoded: Option<Decoded>,
}

/// Checks a photo against every rule of the service and reports all problems found.
///
/// The format comes from the content, the size is compared with [`SIZE_LIMIT_BYTES`],
/// and the image is decoded in full, with the pixel limits applied to the header first.
pub fn check(bytes: &[u8]) -> PhotoReport {
    inspect(bytes).report
}

/// Returns the first error that the size and the format signature alone show: over
/// the size limit, or not a JPEG. A server calls it before [`check`], because a tiny
/// PNG or WebP can declare tens of megapixels that [`check`] would decode.
pub fn upload_error(bytes: &[u8]) -> Option<Issue> {
    let size = bytes.len() as u64;
    if size >= SIZE_LIMIT_BYTES {
        return Some(messages::too_large(size));
    }
    match detect_format(bytes) {
        PhotoFormat::Jpeg => None,
        PhotoFormat::Heic => Some(messages::heic_unsupported()),
        other => Some(messages::wrong_format(other)),
    }
}

pub(crate) fn inspect(bytes: &[u8]) -> Inspection {
    let format = detect_format(bytes);
    let mut report = PhotoReport::new(format, bytes.len() as u64);
    if report.size_bytes >= SIZE_LIMIT_BYTES {
        report.issues.push(messages::too_large(report.size_bytes));
    }

    match format {
        PhotoFormat::Jpeg => {}
        PhotoFormat::Heic => report.issues.push(messages::heic_unsupported()),
        other => report.issues.push(messages::wrong_format(other)),
    }
    if !format.is_decodable() {
        return without_image(report);
    }

    let structure = (format == PhotoFormat::Jpeg).then(|| scan_jpeg(bytes));
    if let Some(structure) = &structure {
        report.progressive = structure.frame.map(|frame| frame.progressive);
        report.has_exif = structure.has_exif;
        match &structure.end {
            StructureEnd::Complete => {}
            StructureEnd::Truncated => {
                report.issues.push(messages::truncated());
                return without_image(report);
            }
            StructureEnd::Malformed { offset, reason } => {
                let detail = format!("{reason} at byte {offset}");
                report.issues.push(messages::corrupt(&detail));
                return without_image(report);
            }
        }
        if declares_more_than_data_holds(structure, bytes.len()) {
            report.issues.push(messages::truncated());
            return without_image(report);
        }
    }

    let decoded = match decode(bytes, format) {
        Ok(decoded) => decoded,
        Err(failure) => {
            let issue = match failure {
                DecodeFailure::PixelFlood => {
                    messages::pixel_flood(declared_dimensions(bytes, structure.as_ref()))
                }
                DecodeFailure::Truncated => messages::truncated(),
                DecodeFailure::Corrupt(detail) => messages::corrupt(&detail),
            };
            report.issues.push(issue);
            return without_image(report);
        }
    };

    assess_image(&mut report, &decoded, structure.as_ref());
    Inspection {
        report: report.finish(),
        decoded: Some(decoded),
    }
}

/// Largest ratio of declared pixels to file bytes accepted before decoding. Camera and
/// phone JPEGs hold 2 to 20 pixels per byte, and a flat baseline image at most about 256,
/// so a higher ratio means the scan data is missing. The JPEG decoder fills missing data
/// with grey without an error, which would let a few hundred bytes claiming 16,000 ×
/// 16,000 pixels pass as a photo after seconds of decoding.
const MAX_PIXELS_PER_BYTE: u64 = 2_000;

fn declares_more_than_data_holds(structure: &JpegStructure, length: usize) -> bool {
    let Some(frame) = structure.frame else {
        return false;
    };
    // A side over the decoder's limit is reported as a pixel flood by `decode` instead.
    if u32::from(frame.width.max(frame.height)) > MAX_SIDE {
        return false;
    }
    let pixels = u64::from(frame.width) * u64::from(frame.height);
    pixels > MAX_PIXELS_PER_BYTE * length as u64
}

fn without_image(report: PhotoReport) -> Inspection {
    Inspection {
        report: report.finish(),
        decoded: None,
    }
}

/// Adds what the decoded pixels and metadata show: dimensions, orientation, color, blur.
fn assess_image(report: &mut PhotoReport, decoded: &Decoded, structure: Option<&JpegStructure>) {
    let (width, height) = (decoded.image.width(), decoded.image.height());
    report.width = Some(width);
    report.height = Some(height);
    if width.min(height) < MIN_SHORT_SIDE || width.max(height) < MIN_LONG_SIDE {
        report
            .issues
            .push(messages::dimensions_too_small(width, height));
    }

    let orientation = OrientationReport::from_orientation(decoded.orientation);
    if orientation.rotation_degrees != 0 {
        report.issues.push(messages::rotated(&orientation));
    }
    if orientation.mirrored {
        report.issues.push(messages::mirrored(&orientation));
    }
    report.orientation = Some(orientation);

    let color = color_model(decoded.color_type, structure);
    if matches!(color, ColorModel::Cmyk | ColorModel::Ycck) {
        report.issues.push(messages::cmyk());
    }
    report.color = Some(color);

    report.sharpness = sharpness_score(&decoded.image);
    if let Some(score) = report.sharpness {
        if score <= BLUR_THRESHOLD {
            report.issues.push(messages::blurred(score));
        }
    }
}

/// Returns the color model of the file: the decoder converts CMYK to RGB, so for a
/// JPEG the component count of the frame header decides.
fn color_model(decoded: ColorType, structure: Option<&JpegStructure>) -> ColorModel {
    let frame = structure.and_then(|structure| structure.frame);
    if let (Some(frame), Some(structure)) = (frame, structure) {
        match frame.components {
            1 => return ColorModel::Grey,
            4 if structure.adobe_transform == Some(2) => return ColorModel::Ycck,
            4 => return ColorModel::Cmyk,
            _ => {}
        }
    }
    match decoded.channel_count() {
        1 => ColorModel::Grey,
        2 => ColorModel::GreyAlpha,
        3 => ColorModel::Rgb,
        _ => ColorModel::Rgba,
    }
}

/// Returns the dimensions the header declares, for the message about a pixel flood.
fn declared_dimensions(bytes: &[u8], structure: Option<&JpegStructure>) -> Option<(u32, u32)> {
    if let Some(frame) = structure.and_then(|structure| structure.frame) {
        return Some((u32::from(frame.width), u32::from(frame.height)));
    }
    // A PNG starts with its IHDR chunk: width and height at bytes 16..24.
    let ihdr = bytes.get(12..24).filter(|ihdr| ihdr.starts_with(b"IHDR"))?;
    let width = u32::from_be_bytes([ihdr[4], ihdr[5], ihdr[6], ihdr[7]]);
    let height = u32::from_be_bytes([ihdr[8], ihdr[9], ihdr[10], ihdr[11]]);
    Some((width, height))
}
