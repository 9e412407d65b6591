//! Photo checks shared by the desktop (before upload) and the server (final judge), so
//! both apply the same rules: a JPEG smaller than 190 KB, complete, large enough to read,
//! upright, not mirrored and sharp. [`fit`] turns a phone photo into such a JPEG.

mod check;
pub mod cli;
mod decode;
mod fit;
mod format;
mod issue;
mod jpeg_structure;
mod messages;
mod orientation;
mod policy;
mod sharpness;

pub use check::{check, upload_error, ColorModel, PhotoReport};
pub use decode::{MAX_DECODED_BYTES, MAX_SIDE};
pub use fit::{fit, FittedPhoto, PhotoError, FIT_LONG_SIDE, MAX_QUALITY, MIN_QUALITY};
pub use format::{detect_format, PhotoFormat};
pub use issue::{Issue, IssueKind, Severity};
pub use orientation::OrientationReport;
pub use policy::{MIN_LONG_SIDE, MIN_SHORT_SIDE, SIZE_LIMIT_BYTES};
pub use sharpness::{sharpness_score, BLUR_THRESHOLD, WORKING_LONG_SIDE};
