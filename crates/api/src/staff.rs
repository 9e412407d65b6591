//! The reviewers' workstation: staff sign-in, the two queues, claims and decisions.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::review::{PhotoSide, ReviewSummary};
use crate::verification::VerificationRecord;

/// `POST /api/v1/staff/sessions`: every staff sign-in needs the TOTP code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSignInRequest {
    pub username: String,
    pub password: String,
    /// Six-digit code from the authenticator app.
    pub totp_code: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Reviewer,
    Admin,
}

/// A staff session; the token goes in `Authorization: Bearer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSession {
    pub token: String,
    pub username: String,
    pub role: StaffRole,
    pub expires_at: DateTime<Utc>,
}

/// The two queues reviewers work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QueueKind {
    ManualReview,
    ContactChange,
}

impl QueueKind {
    /// Path segment of the queue under `/api/v1/staff/`.
    pub fn path(self) -> &'static str {
        match self {
            QueueKind::ManualReview => "manual-reviews",
            QueueKind::ContactChange => "contact-changes",
        }
    }
}

/// One undecided item, as listed in a queue (oldest deadline first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    pub kind: QueueKind,
    pub id: String,
    pub submitted_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
    /// Masked document number of the applicant (`22*****47`).
    pub document_number_masked: String,
    /// Reviewer holding the item and until when, if a claim is running.
    pub claimed_by: Option<String>,
    pub claim_expires_at: Option<DateTime<Utc>>,
}

/// Answer to a successful claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Claim {
    pub kind: QueueKind,
    pub id: String,
    pub claim_expires_at: DateTime<Utc>,
}

/// A manual review with what the reviewer needs to decide it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffReviewDetail {
    pub review: ReviewSummary,
    pub document_type: String,
    /// Full document number: reviewers compare it with the photos.
    pub document_number: String,
    /// Account name at the time of reading (the review may ask for another).
    pub account_name: String,
    pub gender: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub ethnicity: Option<String>,
    /// Photos to fetch from `GET /api/v1/staff/manual-reviews/{id}/photos/{side}`.
    pub photos: Vec<PhotoSide>,
    pub verification_history: Vec<VerificationRecord>,
    /// Earlier reviews of the same applicant, newest first.
    pub earlier_reviews: Vec<ReviewSummary>,
    pub claimed_by: Option<String>,
    pub claim_expires_at: Option<DateTime<Utc>>,
}

/// Approve or reject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
}

/// `POST .../{id}/decision`. A rejection needs a preset reason code or written text;
/// when both are given the text follows the preset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionRequest {
    pub decision: Decision,
    #[serde(default)]
    pub reason_code: Option<String>,
    #[serde(default)]
    pub reason_text: Option<String>,
}

/// A preset reason offered to reviewers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonPreset {
    pub code: String,
    pub text: String,
    pub applies_to: Vec<QueueKind>,
}

/// Result of a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionRecorded {
    pub kind: QueueKind,
    pub id: String,
    pub decision: Decision,
    /// The reason as the applicant will read it.
    pub reason: Option<String>,
    pub decided_at: DateTime<Utc>,
}
