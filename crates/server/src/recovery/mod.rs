//! Password recovery and signed-in changes of the password and contact details.

pub mod account_store;
pub mod http;
pub mod new_password;
pub mod notices;
pub mod reset_links;
pub mod reset_methods;
pub mod reset_start;
pub mod settings;

use serde::Deserialize;

/// Settings of password recovery.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RecoveryConfig {
    /// Page that reset links open; the token is appended as `?token=...`.
    pub reset_link_base: String,
}

impl Default for RecoveryConfig {
    fn default() -> Self {
        RecoveryConfig {
            reset_link_base: "https://127.0.0.1:8443/reset-password".into(),
        }
    }
}
