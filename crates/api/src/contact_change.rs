//! Contact change requests (修改联系方式申请): an applicant who lost the bound email or
//! phone asks staff to replace it, after the first step of forgot password.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use crate::account_settings::ContactKind;

/// `POST /api/v1/contact-change-requests/codes`: send a code to the new contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactChangeCodeRequest {
    /// Ticket of the forgot-password start.
    pub ticket: String,
    pub kind: ContactKind,
    pub value: String,
    /// Pass of a slider captcha solved for the purpose `send_code`.
    pub captcha_token: String,
}

/// Text fields of `POST /api/v1/contact-change-requests` (multipart). The form also
/// carries the part `photo`: a JPEG of the applicant holding the document, smaller
/// than 190 KB.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactChangeForm {
    pub ticket: String,
    pub kind: ContactKind,
    pub value: String,
    pub code: String,
    pub reason: String,
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactChangeStatus {
    Pending,
    Approved,
    Rejected,
}

/// Reply of a submitted request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactChangeSubmitted {
    pub id: String,
    pub status: ContactChangeStatus,
    pub submitted_at: DateTime<Utc>,
    /// Chinese text: staff decide within 1 working day and the result goes to the new
    /// contact.
    pub message: String,
}

/// `POST /api/v1/contact-change-requests/status` and `.../{id}/photo`: the ticket of a
/// forgot-password start for the same account proves ownership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactChangeTicket {
    pub ticket: String,
}

/// One of the applicant's own requests, as the status page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactChangeView {
    pub id: String,
    pub kind: ContactKind,
    /// The new email or phone, masked.
    pub new_value_masked: String,
    pub status: ContactChangeStatus,
    pub submitted_at: DateTime<Utc>,
    /// Staff decide by this time (1 working day).
    pub due_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Reason of a rejection, as the reviewer wrote it.
    pub decision_reason: Option<String>,
    /// Chinese text of what the applicant should do next.
    pub message: String,
}
