//! Adapters to the outside parties that carry messages to applicants: an SMTP relay,
//! an HTTPS SMS gateway and the WeChat service account.

pub mod messengers;
pub mod sms_gateway;
pub mod smtp;
pub mod wechat;

/// Failure of one delivery attempt.
#[derive(Debug, thiserror::Error)]
pub enum ChannelError {
    /// The settings are wrong; no attempt was made.
    #[error("{0}")]
    Config(String),
    /// The message can never be delivered as it is; retrying will not help.
    #[error("{0}")]
    Permanent(String),
    /// The attempt failed for a reason that may pass, such as a timeout.
    #[error("{0}")]
    Transient(String),
}
