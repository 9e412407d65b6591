//! Forgot password: match the account by document type, number and name, then reset
//! by an email link, an SMS code or the WeChat service account.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/password-resets`: the first step. Any mismatch of type, number or
/// name fails with the one code `password_reset.no_match`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartPasswordResetRequest {
    /// Document type code, e.g. `resident_id_card`.
    pub document_type: String,
    pub document_number: String,
    pub name: String,
    /// Pass of a slider captcha solved for the purpose `password_reset`.
    pub captcha_token: String,
}

/// The matched account's masked contacts and the ticket for the next steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartPasswordResetResponse {
    /// Opaque ticket that names the account in the following requests.
    pub ticket: String,
    pub ticket_expires_at: DateTime<Utc>,
    /// Bound email, masked (`1*****@qq.com`).
    pub masked_email: String,
    /// Bound phone, masked (`158*****11`).
    pub masked_phone: String,
    /// Whether the WeChat method is offered.
    pub wechat_bound: bool,
}

/// `POST /api/v1/password-resets/email-link` and `.../wechat`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetTicketRequest {
    pub ticket: String,
}

/// `POST /api/v1/password-resets/sms-code`. Like every code request, it needs a solved
/// captcha.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetSmsCodeRequest {
    pub ticket: String,
    /// Pass of a slider captcha solved for the purpose `send_code`.
    pub captcha_token: String,
}

/// Where a reset message went, masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetMessageSent {
    pub sent_to: String,
    /// Chinese text for the applicant, e.g. where to look for the message.
    pub message: String,
}

/// `POST /api/v1/password-resets/complete-with-link`: the token from the email link
/// or the WeChat reply, and the new password twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompleteResetWithLinkRequest {
    pub token: String,
    pub password: String,
    pub password_confirmation: String,
}

/// `POST /api/v1/password-resets/complete-with-sms`: the ticket, the SMS code sent to
/// the bound phone, and the new password twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompleteResetWithSmsRequest {
    pub ticket: String,
    pub code: String,
    pub password: String,
    pub password_confirmation: String,
}

/// Reply of a completed reset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetCompleted {
    /// The account's document number, masked, so the applicant knows which one to
    /// sign in to.
    pub masked_document_number: String,
}
