//! Email delivery over SMTP (lettre), with implicit TLS, STARTTLS or plain text.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Deserialize;

use super::ChannelError;

/// How the connection to the SMTP relay is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Implicit TLS from the first byte (usually port 465).
    Tls,
    /// Plain connection upgraded with STARTTLS; fails if the relay does not offer it
    /// (usually port 587).
    Starttls,
    /// No encryption. Only for a relay on the same host or in tests.
    None,
}

/// Settings of the SMTP relay that sends every email of the server.
#[derive(Debug, Clone, Deserialize)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
    /// Sender mailbox, e.g. `中国教师资格网 <noreply@jszg.example.cn>`.
    pub from: String,
    #[serde(default = "default_timeout_seconds")]
    pub timeout_seconds: u64,
}

fn default_timeout_seconds() -> u64 {
    30
}

/// Sends plain-text emails through one SMTP relay.
#[derive(Clone)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    /// Builds the transport; no connection is made until the first email.
    pub fn new(config: &SmtpConfig) -> Result<Self, ChannelError> {
        let from: Mailbox = config.from.parse().map_err(|error| {
            ChannelError::Config(format!("invalid smtp sender address: {error}"))
        })?;
        let builder = match config.security {
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host),
            SmtpSecurity::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host)
            }
            SmtpSecurity::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
                &config.host,
            )),
        }
        .map_err(|error| ChannelError::Config(format!("invalid smtp relay settings: {error}")))?;
        let mut builder = builder
            .port(config.port)
            .timeout(Some(Duration::from_secs(config.timeout_seconds)));
        if let (Some(username), Some(password)) = (&config.username, &config.password) {
            builder = builder.credentials(Credentials::new(username.clone(), password.clone()));
        }
        Ok(Self {
            transport: builder.build(),
            from,
        })
    }

    /// Sends one plain-text email. A 5xx reply of the relay is permanent; a refused
    /// connection, a timeout or a 4xx reply is worth retrying.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), ChannelError> {
        let recipient: Mailbox = to.parse().map_err(|error| {
            ChannelError::Permanent(format!("invalid recipient address: {error}"))
        })?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(recipient)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .map_err(|error| ChannelError::Permanent(format!("invalid email: {error}")))?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(error) if error.is_permanent() => Err(ChannelError::Permanent(format!(
                "smtp relay rejected the email: {error}"
            ))),
            Err(error) => Err(ChannelError::Transient(format!(
                "smtp delivery failed: {error}"
            ))),
        }
    }
}
