//! Wire types of the HTTP API under `/api/v1`, and the client the desktop uses.

use serde::{Deserialize, Serialize};

/// Error body of every failed request: a stable machine code, a Chinese message the
/// UI shows as is, and the field it concerns when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// `GET /api/v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthResponse {
    pub status: String,
    /// `sqlite` or `postgres`.
    pub database: String,
    pub version: String,
}

/// A message stored by the development inbox (`GET /api/v1/admin/inbox`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxMessage {
    pub id: String,
    /// `sms`, `email` or `wechat`.
    pub channel: String,
    pub destination: String,
    pub subject: String,
    pub body: String,
    pub received_at: chrono::DateTime<chrono::Utc>,
}

pub mod account_settings;
mod accounts;
mod captcha;
pub mod client;
mod codes;
pub mod contact_change;
pub mod hooks;
pub mod password_reset;
pub mod review;
mod sessions;
pub mod staff;
pub mod staff_admin;
pub mod verification;
pub mod wechat;

pub use accounts::{ProfileResponse, ProfileUpdate, RegisterRequest, RegisterResponse};
pub use captcha::{CaptchaPass, CaptchaPuzzle, CaptchaRequest, CaptchaSolution, TrailPoint};
pub use codes::{CodeRequest, CodeSent};
pub use sessions::{SignInRequest, SignInResponse};

/// Header that makes a POST safe to retry: see `docs/api.md`.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";
