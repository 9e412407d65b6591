//! The reviewers' workstation: staff sign-in, the two queues, claims and decisions.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::contact_change::{ContactChangeStatus, ContactKind};
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

/// A queue item as a page lists it: the item's fields at the top level, its state and,
/// once decided, the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueEntry {
    #[serde(flatten)]
    pub item: QueueItem,
    /// Due by 24:00 Beijing time today and not yet overdue.
    pub due_today: bool,
    pub state: QueueState,
    /// The decision of a decided item.
    pub decision: Option<Decision>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// The state of a queue item: undecided and free, undecided and claimed by a reviewer,
/// or decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QueueState {
    Pending,
    Claimed,
    Decided,
}

impl QueueState {
    /// Returns the value of the `state` query parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            QueueState::Pending => "pending",
            QueueState::Claimed => "claimed",
            QueueState::Decided => "decided",
        }
    }
}

/// Query of `GET /api/v1/staff/{queue}`. Without `state` the undecided items are listed
/// (pending and claimed), oldest deadline first; decided items are listed newest
/// decision first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct QueueFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<QueueState>,
    /// Items per page, 1 to 500 (default 200).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// Items to skip (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
}

/// Undecided items of one queue: all of them, those past their deadline, and those due
/// by 24:00 Beijing time today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueCounts {
    pub total: i64,
    pub overdue: i64,
    pub due_today: i64,
}

/// Response of `GET /api/v1/staff/{queue}`: one page of items and the queue's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueuePage {
    pub kind: QueueKind,
    pub items: Vec<QueueEntry>,
    /// Items matching the filter, over all pages.
    pub matching: i64,
    pub counts: QueueCounts,
}

/// Response of `POST /api/v1/staff/{queue}/{id}/claim/release`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimReleased {
    pub kind: QueueKind,
    pub id: String,
    /// False when there was no running claim to release (a repeated release).
    pub released: bool,
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

/// A contact change request with what the reviewer needs to decide it: the applicant's
/// declared data, the account it concerns, and the photo at
/// `GET /api/v1/staff/contact-changes/{id}/photo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffContactChangeDetail {
    pub id: String,
    pub kind: ContactKind,
    pub status: ContactChangeStatus,
    /// The new email or phone, in full: the reviewer compares it with the reason.
    pub new_value: String,
    /// The applicant's reason for the request.
    pub reason: String,
    pub submitted_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
    pub due_today: bool,
    pub document_type: String,
    /// Full document number: reviewers compare it with the photo.
    pub document_number: String,
    pub account_name: String,
    pub gender: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// The contact the request would replace, masked.
    pub current_value_masked: String,
    /// An application for certification or registration is on file: the request can
    /// only be rejected (preset reason `application_on_file`).
    pub application_on_file: bool,
    /// Earlier requests of the same account, newest first.
    pub earlier_requests: Vec<ContactChangeHistoryItem>,
    pub claimed_by: Option<String>,
    pub claim_expires_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
}

/// An earlier contact change request of the same account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactChangeHistoryItem {
    pub id: String,
    pub kind: ContactKind,
    pub status: ContactChangeStatus,
    pub submitted_at: DateTime<Utc>,
    pub decision_reason: Option<String>,
}
