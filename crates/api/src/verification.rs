//! Real-name verification (实名核验) and the applicant's verification status.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::review::ReviewSummary;

/// `POST /api/v1/verification`: check the exact name the applicant confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerificationRequest {
    pub name: String,
}

/// What the register said about one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VerificationOutcome {
    /// Number and name match the register.
    Passed,
    /// The register's record differs from the number and name checked.
    Failed,
}

/// Answer to one verification attempt that reached the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerificationResponse {
    pub outcome: VerificationOutcome,
    /// Name in the stored form (interpuncts normalised) that was checked.
    pub name_checked: String,
    /// Set when a passed check carried a new name, which is now the account's name.
    pub name_change: Option<NameChange>,
    /// True when an application for certification or registration is on file and must be
    /// resubmitted because the name changed.
    pub resubmit_application: bool,
    pub attempts_left_today: u32,
    /// What to do next, present when the check failed.
    pub help: Option<VerificationHelp>,
}

/// The account name before and after a verification that changed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NameChange {
    pub old_name: String,
    pub new_name: String,
}

/// Likely causes of a failed check and the ways forward, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerificationHelp {
    /// Check the name and document number for typing errors.
    pub typo: String,
    /// For resident-ID holders: open a CTID online credential to update the register.
    pub ctid_refresh: Option<String>,
    /// How to ask for a manual review.
    pub manual_review: String,
    /// True when the applicant may submit a manual review now.
    pub manual_review_open: bool,
}

/// How an applicant came to be verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VerifiedBy {
    RealName,
    ManualReview,
}

/// One past verification attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerificationRecord {
    pub at: DateTime<Utc>,
    pub name_checked: String,
    pub outcome: VerificationOutcome,
}

/// `GET /api/v1/verification`: everything the verification page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerificationStatus {
    pub verified: bool,
    pub verified_by: Option<VerifiedBy>,
    /// Document type checked against the register (the travel permit for
    /// residence-permit holders), as in the registration request.
    pub checked_document_type: String,
    /// Document number checked, masked (`22*****47`).
    pub checked_document_number_masked: String,
    /// Current account name, the default name to confirm.
    pub name: String,
    pub attempts_left_today: u32,
    /// Beijing calendar day the daily count belongs to.
    pub today: NaiveDate,
    pub manual_review_open: bool,
    pub reviews_left_this_period: u32,
    /// First and last day (Beijing time) of the current review period.
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// The pending manual review, which blocks verification and profile edits.
    pub pending_review: Option<ReviewSummary>,
    pub history: Vec<VerificationRecord>,
    pub reviews: Vec<ReviewSummary>,
}
