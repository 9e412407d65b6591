//! The adapters as [`Messenger`]s of the outbox worker.

use std::sync::Arc;

use anyhow::Context;
use async_trait::async_trait;
use jszg_core::Email;

use super::sms_gateway::SmsGateway;
use super::smtp::SmtpMailer;
use super::ChannelError;
use crate::config::Config;
use crate::outbox::{DeliveryError, Messenger, Messengers, OutgoingMessage};

/// Appended to every email sent to a webmail address such as qq.com, whose filters
/// often file notices as spam.
pub const SPAM_FOLDER_REMINDER: &str =
    "温馨提示：如果在收件箱中找不到本站邮件，请查看垃圾邮件文件夹，并将发件地址加入白名单。";

impl From<ChannelError> for DeliveryError {
    fn from(error: ChannelError) -> Self {
        match error {
            ChannelError::Transient(text) => DeliveryError::Temporary(text),
            ChannelError::Permanent(text) | ChannelError::Config(text) => {
                DeliveryError::Permanent(text)
            }
        }
    }
}

/// Returns the email body as sent: `body`, plus the spam-folder reminder for webmail addresses.
pub fn email_body_for(destination: &str, body: &str) -> String {
    let webmail = Email::parse(destination).is_ok_and(|email| email.is_webmail());
    if webmail && !body.contains(SPAM_FOLDER_REMINDER) {
        format!("{body}\n\n{SPAM_FOLDER_REMINDER}")
    } else {
        body.to_owned()
    }
}

#[async_trait]
impl Messenger for SmtpMailer {
    async fn deliver(&self, message: &OutgoingMessage) -> Result<(), DeliveryError> {
        let body = email_body_for(&message.destination, &message.body);
        self.send(&message.destination, &message.subject, &body)
            .await
            .map_err(DeliveryError::from)
    }
}

#[async_trait]
impl Messenger for SmsGateway {
    async fn deliver(&self, message: &OutgoingMessage) -> Result<(), DeliveryError> {
        self.send(&message.destination, &message.body, &message.id)
            .await
            .map_err(DeliveryError::from)
    }
}

/// WeChat replies travel in the callback response, so an outbox message on the WeChat
/// channel cannot be delivered in production.
struct CallbackRepliesOnly;

#[async_trait]
impl Messenger for CallbackRepliesOnly {
    async fn deliver(&self, message: &OutgoingMessage) -> Result<(), DeliveryError> {
        Err(DeliveryError::Permanent(format!(
            "wechat message {} not sent: the service account only replies inside callbacks",
            message.id
        )))
    }
}

/// Builds the messengers of `messenger = "outside"`: the SMTP relay and the SMS gateway.
pub fn outside_messengers(config: &Config) -> anyhow::Result<Messengers> {
    let smtp = config
        .smtp
        .as_ref()
        .context("messenger = \"outside\" needs an [smtp] section")?;
    let gateway = config
        .sms_gateway
        .as_ref()
        .context("messenger = \"outside\" needs an [sms_gateway] section")?;
    Ok(Messengers {
        email: Arc::new(SmtpMailer::new(smtp)?),
        sms: Arc::new(SmsGateway::new(gateway)?),
        wechat: Arc::new(CallbackRepliesOnly),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminder_added_for_qq_only_once() {
        let body = email_body_for("12345@qq.com", "正文");
        assert_eq!(body, format!("正文\n\n{SPAM_FOLDER_REMINDER}"));
        assert_eq!(email_body_for("12345@qq.com", &body), body);
    }

    #[test]
    fn reminder_absent_for_company_mail() {
        assert_eq!(email_body_for("a.b@school.edu.cn", "正文"), "正文");
    }
}
