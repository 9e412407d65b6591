//! Problems found in a photo, each with a stable machine code and messages in Chinese
//! (shown to the applicant as is) and English (for logs).

use serde::Serialize;

/// Whether a problem stops the service from accepting the photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The service rejects the photo.
    Error,
    /// The photo is accepted, but the applicant should look at it again.
    Warning,
}

/// The kinds of problem, each mapped to one stable code by [`IssueKind::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueKind {
    Format,
    HeicUnsupported,
    TooLarge,
    Truncated,
    Corrupt,
    DimensionsTooSmall,
    PixelFlood,
    Rotated,
    Mirrored,
    Cmyk,
    Blurred,
    CannotFit,
}

impl IssueKind {
    /// Returns the stable machine code that clients and the server match on.
    pub fn code(self) -> &'static str {
        match self {
            IssueKind::Format => "photo.format",
            IssueKind::HeicUnsupported => "photo.heic_unsupported",
            IssueKind::TooLarge => "photo.too_large",
            IssueKind::Truncated => "photo.truncated",
            IssueKind::Corrupt => "photo.corrupt",
            IssueKind::DimensionsTooSmall => "photo.dimensions_too_small",
            IssueKind::PixelFlood => "photo.pixel_flood",
            IssueKind::Rotated => "photo.rotated",
            IssueKind::Mirrored => "photo.mirrored",
            IssueKind::Cmyk => "photo.cmyk",
            IssueKind::Blurred => "photo.blurred",
            IssueKind::CannotFit => "photo.cannot_fit",
        }
    }

    /// Returns the severity: only a CMYK color model and blur are warnings.
    pub fn severity(self) -> Severity {
        match self {
            IssueKind::Cmyk | IssueKind::Blurred => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// One problem found in a photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// Stable machine code such as `photo.too_large`.
    pub code: &'static str,
    pub severity: Severity,
    /// Chinese message for the applicant, saying how to fix the photo.
    pub message: String,
    /// English message for logs and staff.
    pub message_en: String,
}

impl Issue {
    /// Creates an issue of `kind` with its code and severity.
    pub fn new(kind: IssueKind, message: String, message_en: String) -> Self {
        Issue {
            code: kind.code(),
            severity: kind.severity(),
            message,
            message_en,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
