//! Configuration of the identity register: the real one over HTTPS when a URL is set,
//! otherwise the simulator running inside the server.

use super::{HttpsRegister, HttpsRegisterConfig, IdentityRegister, RegisterSimulator};
use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The `[register]` section of the configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RegisterSettings {
    /// HTTPS address of the real register's verification endpoint; unset means the
    /// simulator.
    pub url: Option<String>,
    pub username: Option<String>,
    pub password: Option<String>,
    /// PEM file with the client certificate followed by its private key.
    pub client_identity_pem: Option<PathBuf>,
    /// PEM file of the CA of the register's server certificate, if not a public one.
    pub ca_pem: Option<PathBuf>,
    pub connect_timeout_ms: u64,
    pub request_timeout_ms: u64,
    /// Attempts per query, counting the first; only safe failures are retried.
    pub max_attempts: u32,
    pub retry_backoff_ms: u64,
    /// CSV of people for the simulator; unset means the shipped sample list.
    pub simulator_csv: Option<PathBuf>,
}

impl Default for RegisterSettings {
    fn default() -> Self {
        RegisterSettings {
            url: None,
            username: None,
            password: None,
            client_identity_pem: None,
            ca_pem: None,
            connect_timeout_ms: 3_000,
            request_timeout_ms: 10_000,
            max_attempts: 3,
            retry_backoff_ms: 200,
            simulator_csv: None,
        }
    }
}

impl RegisterSettings {
    /// Overrides settings from `JSZG_REGISTER_*` environment variables read through `var`.
    pub fn apply_env(&mut self, var: &impl Fn(&str) -> Option<String>) {
        if let Some(url) = var("JSZG_REGISTER_URL") {
            self.url = Some(url);
        }
        if let Some(username) = var("JSZG_REGISTER_USERNAME") {
            self.username = Some(username);
        }
        if let Some(password) = var("JSZG_REGISTER_PASSWORD") {
            self.password = Some(password);
        }
        if let Some(path) = var("JSZG_REGISTER_CLIENT_IDENTITY") {
            self.client_identity_pem = Some(PathBuf::from(path));
        }
        if let Some(path) = var("JSZG_REGISTER_CA") {
            self.ca_pem = Some(PathBuf::from(path));
        }
        if let Some(path) = var("JSZG_REGISTER_SIMULATOR_CSV") {
            self.simulator_csv = Some(PathBuf::from(path));
        }
    }

    /// Builds the register these settings describe.
    pub fn build(&self) -> Result<Arc<dyn IdentityRegister>> {
        let Some(url) = &self.url else {
            let simulator = match &self.simulator_csv {
                Some(path) => RegisterSimulator::from_csv_file(path)?,
                None => RegisterSimulator::sample(),
            };
            tracing::info!(
                list = ?self.simulator_csv,
                "identity register: simulator inside the server"
            );
            return Ok(Arc::new(simulator));
        };
        let mut config = HttpsRegisterConfig::new(
            url,
            self.username.as_deref().unwrap_or_default(),
            self.password.as_deref().unwrap_or_default(),
        );
        config.client_identity_pem = self.client_identity_pem.clone();
        config.ca_pem = self.ca_pem.clone();
        config.connect_timeout = Duration::from_millis(self.connect_timeout_ms);
        config.request_timeout = Duration::from_millis(self.request_timeout_ms);
        config.max_attempts = self.max_attempts;
        config.retry_backoff = Duration::from_millis(self.retry_backoff_ms);
        let register =
            HttpsRegister::new(config).context("setting up the identity register failed")?;
        tracing::info!(url, "identity register: HTTPS adapter");
        Ok(Arc::new(register))
    }
}
