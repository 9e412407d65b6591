//! Business hooks for the certification and periodic-registration systems,
//! authenticated with the shared key in the `X-Hook-Key` header.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::verification::VerifiedBy;

/// `POST /api/v1/hooks/verification-status`: which applicant to look up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicantLookup {
    pub document_type: String,
    pub document_number: String,
}

/// Whether the applicant may do certification or registration business.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicantVerification {
    /// False when no such account exists, as for an unverified one.
    pub account_exists: bool,
    pub verified: bool,
    pub verified_by: Option<VerifiedBy>,
    pub verified_at: Option<DateTime<Utc>>,
    /// Current account name, which the certification system compares with its record.
    pub name: Option<String>,
}

/// `POST /api/v1/hooks/applications`: an application was filed or withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationNotice {
    pub document_type: String,
    pub document_number: String,
    /// True while an application is on file; false once it is withdrawn or finished.
    pub on_file: bool,
}

/// Answer to an application notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationFlag {
    pub on_file: bool,
}
