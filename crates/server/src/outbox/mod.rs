//! Messages to applicants: queued in the `outbox` table inside the transaction that
//! decided them, then delivered by [`worker`] through a [`Messenger`] per channel.

pub mod inbox;
pub mod worker;

use crate::clock::Clock;
use async_trait::async_trait;
use sqlx::AnyConnection;
use std::sync::Arc;

/// How a message reaches the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Sms,
    Email,
    Wechat,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
            Channel::Wechat => "wechat",
        }
    }

    pub fn parse(text: &str) -> Option<Channel> {
        match text {
            "sms" => Some(Channel::Sms),
            "email" => Some(Channel::Email),
            "wechat" => Some(Channel::Wechat),
            _ => None,
        }
    }
}

/// One message to deliver. `destination` is a phone number, an email address or a
/// WeChat open id, depending on the channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMessage {
    pub id: String,
    pub channel: Channel,
    pub destination: String,
    pub subject: String,
    pub body: String,
}

/// Why a delivery failed. A temporary failure is retried with back-off; a permanent
/// one (for example an address the gateway rejects) is not.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error("temporary delivery failure: {0}")]
    Temporary(String),
    #[error("permanent delivery failure: {0}")]
    Permanent(String),
}

/// A delivery adapter: SMS gateway, SMTP, WeChat, or the development inbox.
#[async_trait]
pub trait Messenger: Send + Sync + 'static {
    async fn deliver(&self, message: &OutgoingMessage) -> Result<(), DeliveryError>;
}

/// The adapter of each channel.
#[derive(Clone)]
pub struct Messengers {
    pub sms: Arc<dyn Messenger>,
    pub email: Arc<dyn Messenger>,
    pub wechat: Arc<dyn Messenger>,
}

impl Messengers {
    /// Every channel delivered by the same adapter.
    pub fn all(messenger: Arc<dyn Messenger>) -> Messengers {
        Messengers {
            sms: messenger.clone(),
            email: messenger.clone(),
            wechat: messenger,
        }
    }

    pub fn for_channel(&self, channel: Channel) -> &Arc<dyn Messenger> {
        match channel {
            Channel::Sms => &self.sms,
            Channel::Email => &self.email,
            Channel::Wechat => &self.wechat,
        }
    }
}

/// Queues a message inside the caller's transaction, so it is sent if and only if the
/// decision it reports is committed. Wake the worker after the commit with
/// `state.outbox_wakeup.notify_one()`.
pub async fn enqueue(
    connection: &mut AnyConnection,
    clock: &dyn Clock,
    channel: Channel,
    destination: &str,
    subject: &str,
    body: &str,
) -> Result<String, sqlx::Error> {
    let id = uuid::Uuid::new_v4().to_string();
    let now = clock.now_ms();
    sqlx::query(
        "INSERT INTO outbox (id, channel, destination, subject, body, created_at, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(channel.as_str())
    .bind(destination)
    .bind(subject)
    .bind(body)
    .bind(now)
    .bind(now)
    .execute(connection)
    .await?;
    Ok(id)
}
