//! Verification codes sent by SMS or email.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/codes`: send a code to a phone or email address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeRequest {
    /// `sms` or `email`.
    pub channel: String,
    /// Mobile number or email address, as typed.
    pub destination: String,
    /// `register` or `change_contact`.
    pub purpose: String,
    /// Pass token of a slider captcha solved for `send_code`.
    pub captcha_token: String,
}

/// A code was queued for delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeSent {
    /// The destination as the applicant should see it, e.g. `158*****11`.
    pub destination_masked: String,
    pub expires_at: DateTime<Utc>,
    /// Earliest time a new code for the same destination and purpose may be requested.
    pub resend_after: DateTime<Utc>,
    /// SMS codes left for this phone number today (Beijing time); `None` for email.
    pub sms_left_today: Option<u32>,
}
