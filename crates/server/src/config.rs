//! Server configuration: a TOML file, then environment variables, then defaults.
//!
//! Every setting, its environment variable and its default are listed in
//! `docs/operations.md`.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Whether missing secrets may be generated (development) or must be configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Development,
    Production,
}

/// Where messages to applicants go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum MessengerKind {
    /// The development inbox: every message is stored and listed over the admin API.
    #[default]
    Inbox,
    /// Email through the `[smtp]` relay and SMS through the `[sms_gateway]`.
    Outside,
}

/// All settings of one server instance.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub mode: Mode,
    /// Address and port the HTTPS listener binds to.
    pub listen: SocketAddr,
    /// Folder for the SQLite database, the development CA and generated keys.
    pub data_dir: PathBuf,
    /// `sqlite://...` or `postgres://...`; defaults to `jszg.db` in the data folder.
    pub database_url: Option<String>,
    /// PEM certificate chain and private key; both unset means the development CA.
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    /// Base64 of 32 bytes: AES-256-GCM key for document numbers and photos at rest.
    pub data_key: Option<String>,
    /// Base64 of 32 bytes: HMAC-SHA-256 key for document-number look-ups.
    pub hmac_key: Option<String>,
    /// Bearer token of the admin endpoints; generated into the data folder if unset.
    pub admin_token: Option<String>,
    /// A session ends after this many minutes without a request.
    pub session_idle_minutes: i64,
    /// A session ends this many hours after sign-in, however active.
    pub session_absolute_hours: i64,
    /// Maximum database connections per instance.
    pub database_max_connections: u32,
    pub messenger: MessengerKind,
    /// The identity register: the real one over HTTPS, or the simulator.
    pub register: crate::register::RegisterSettings,
    pub staff: crate::staff::settings::StaffSettings,
    pub hooks: crate::staff::settings::HookSettings,
    /// SMTP relay, required with `messenger = "outside"`.
    pub smtp: Option<crate::channels::smtp::SmtpConfig>,
    /// HTTPS SMS gateway, required with `messenger = "outside"`.
    pub sms_gateway: Option<crate::channels::sms_gateway::SmsGatewayConfig>,
    pub wechat: crate::wechat::WechatConfig,
    pub recovery: crate::recovery::RecoveryConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            mode: Mode::Development,
            listen: SocketAddr::from(([127, 0, 0, 1], 8443)),
            data_dir: PathBuf::from("data"),
            database_url: None,
            tls_cert: None,
            tls_key: None,
            data_key: None,
            hmac_key: None,
            admin_token: None,
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            database_max_connections: 16,
            messenger: MessengerKind::Inbox,
            register: Default::default(),
            staff: Default::default(),
            hooks: Default::default(),
            smtp: None,
            sms_gateway: None,
            wechat: Default::default(),
            recovery: Default::default(),
        }
    }
}

impl Config {
    /// Configuration of the server embedded in the desktop app: SQLite and generated
    /// secrets in `data_dir`, the development CA, the development inbox, and a free
    /// port on 127.0.0.1.
    pub fn local(data_dir: impl Into<PathBuf>) -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: data_dir.into(),
            ..Config::default()
        }
    }

    /// Reads the TOML file at `path` (when given), then applies environment variables.
    pub fn load(path: Option<&Path>) -> Result<Config> {
        let mut config = match path {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("failed to read config file {}", path.display()))?;
                toml::from_str(&text)
                    .with_context(|| format!("invalid config file {}", path.display()))?
            }
            None => Config::default(),
        };
        config.apply_env(|name| std::env::var(name).ok())?;
        Ok(config)
    }

    /// Overrides settings from environment variables read through `var`.
    pub fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<()> {
        if let Some(mode) = var("JSZG_MODE") {
            self.mode = match mode.as_str() {
                "development" => Mode::Development,
                "production" => Mode::Production,
                other => bail!("JSZG_MODE must be development or production, not {other:?}"),
            };
        }
        if let Some(listen) = var("JSZG_LISTEN") {
            self.listen = listen
                .parse()
                .with_context(|| format!("JSZG_LISTEN is not an address:port: {listen:?}"))?;
        }
        if let Some(dir) = var("JSZG_DATA_DIR") {
            self.data_dir = PathBuf::from(dir);
        }
        if let Some(url) = var("DATABASE_URL") {
            self.database_url = Some(url);
        }
        if let Some(path) = var("JSZG_TLS_CERT") {
            self.tls_cert = Some(PathBuf::from(path));
        }
        if let Some(path) = var("JSZG_TLS_KEY") {
            self.tls_key = Some(PathBuf::from(path));
        }
        for (name, slot) in [
            ("JSZG_DATA_KEY", &mut self.data_key),
            ("JSZG_HMAC_KEY", &mut self.hmac_key),
            ("JSZG_ADMIN_TOKEN", &mut self.admin_token),
        ] {
            if let Some(value) = var(name) {
                *slot = Some(value);
            }
        }
        self.register.apply_env(&var);
        self.staff.apply_env(&var)?;
        self.hooks.apply_env(&var);
        self.apply_channel_secrets(&var);
        Ok(())
    }

    /// Secrets of the outside parties, kept out of the configuration file.
    fn apply_channel_secrets(&mut self, var: &impl Fn(&str) -> Option<String>) {
        if let (Some(smtp), Some(password)) = (self.smtp.as_mut(), var("JSZG_SMTP_PASSWORD")) {
            smtp.password = Some(password);
        }
        if let (Some(gateway), Some(key)) = (self.sms_gateway.as_mut(), var("JSZG_SMS_API_KEY")) {
            gateway.api_key = key;
        }
        if let Some(token) = var("JSZG_WECHAT_TOKEN") {
            self.wechat.token = Some(token);
        }
    }

    /// The database URL, defaulting to SQLite in the data folder.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("jszg.db").display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_overrides_file_values() {
        let mut config: Config = toml::from_str("listen = \"127.0.0.1:9000\"").unwrap();
        assert_eq!(config.listen.port(), 9000);
        config
            .apply_env(|name| match name {
                "JSZG_LISTEN" => Some("127.0.0.1:9100".into()),
                "DATABASE_URL" => Some("postgres://db/jszg".into()),
                _ => None,
            })
            .unwrap();
        assert_eq!(config.listen.port(), 9100);
        assert_eq!(config.database_url(), "postgres://db/jszg");
    }

    #[test]
    fn database_defaults_to_sqlite_in_data_dir() {
        let config = Config::local("/tmp/jszg-x");
        assert_eq!(config.database_url(), "sqlite:///tmp/jszg-x/jszg.db");
        assert_eq!(config.listen.port(), 0);
    }

    #[test]
    fn unknown_setting_is_rejected() {
        let parsed: Result<Config, _> = toml::from_str("listen_port = 1");
        assert!(parsed.is_err());
    }
}
