//! Sign-in and sessions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    pub document_type: String,
    pub document_number: String,
    pub password: String,
    /// Pass token of a slider captcha solved for `sign_in`.
    pub captcha_token: String,
}

/// A new session. Send `token` as `Authorization: Bearer TOKEN`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInResponse {
    pub token: String,
    pub account_id: String,
    /// The session ends at this time at the latest, however active.
    pub expires_at: DateTime<Utc>,
    /// Minutes without a request after which the session ends.
    pub idle_minutes: i64,
    /// True until the applicant has completed the profile once.
    pub profile_incomplete: bool,
}
