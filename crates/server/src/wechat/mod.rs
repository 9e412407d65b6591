//! The WeChat service account (中国教师资格服务号): its signed callback, the replies to
//! registration-code and reset-password requests, and the local simulator.

pub mod callback;
pub mod registration_codes;
pub mod replies;
pub mod simulator;

use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use crate::config::{Config, Mode};
use crate::state::AppState;

/// Token used in development mode when none is configured. Production refuses to
/// start the callback without a configured token.
pub const DEVELOPMENT_TOKEN: &str = "jszg-development-wechat-token";

/// Settings of the service account.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WechatConfig {
    /// The token entered in the WeChat console, which signs every callback.
    pub token: Option<String>,
    /// The account's original id (`gh_...`), the `ToUserName` of incoming messages.
    pub service_account_id: String,
}

impl Default for WechatConfig {
    fn default() -> Self {
        WechatConfig {
            token: None,
            service_account_id: "gh_jszg_development".into(),
        }
    }
}

/// The token callbacks are checked against. In production without a configured token
/// it is random, so every callback is rejected.
pub fn callback_token(config: &Config) -> String {
    match (&config.wechat.token, config.mode) {
        (Some(token), _) => token.clone(),
        (None, Mode::Development) => DEVELOPMENT_TOKEN.to_owned(),
        (None, Mode::Production) => crate::crypto::random_token(),
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/wechat/callback",
            get(callback::verify_url).post(callback::receive_message),
        )
        .route(
            "/dev/wechat/messages",
            post(simulator::send_simulated_message),
        )
}
