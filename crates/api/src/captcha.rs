//! Slider captcha: the puzzle, the applicant's drag, and the one-time pass it earns.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/captcha`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaptchaRequest {
    /// What the pass will be good for: `send_code`, `sign_in` or `password_reset`.
    pub purpose: String,
}

/// A slider puzzle: drag the piece horizontally until it fills the hole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaptchaPuzzle {
    pub id: String,
    /// PNG of the background with the hole, base64.
    pub background_png: String,
    /// PNG of the piece (transparent outside its outline), base64.
    pub piece_png: String,
    pub width: u32,
    pub height: u32,
    pub piece_size: u32,
    /// Top edge of the piece in background pixels; the piece starts at x = 0.
    pub piece_y: u32,
    pub expires_at: DateTime<Utc>,
}

/// One sample of the drag: x offset of the piece (background pixels), vertical pointer
/// position and milliseconds since the drag started.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrailPoint {
    pub x: f64,
    pub y: f64,
    pub t: i64,
}

/// `POST /api/v1/captcha/{id}/solution`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaptchaSolution {
    /// Final x offset of the piece in background pixels.
    pub offset_x: f64,
    pub trail: Vec<TrailPoint>,
}

/// A one-time token proving a solved puzzle, valid 2 minutes for its purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaptchaPass {
    pub pass_token: String,
    pub purpose: String,
    pub expires_at: DateTime<Utc>,
}
