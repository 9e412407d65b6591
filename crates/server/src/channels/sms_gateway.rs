//! SMS delivery through a generic HTTPS gateway.
//!
//! The gateway receives `POST {url}` with `Authorization: Bearer {api_key}` and the JSON
//! body [`SmsGatewayRequest`]. Any 2xx status means accepted. 400, 401, 403 and 422
//! mean the message will never be accepted as it is; every other status, a timeout or
//! a connection failure is worth retrying.

use std::path::PathBuf;
use std::time::Duration;

use reqwest::StatusCode;
use serde::{Deserialize, Serialize};

use super::ChannelError;

/// Settings of the SMS gateway.
#[derive(Debug, Clone, Deserialize)]
pub struct SmsGatewayConfig {
    /// Full HTTPS URL the messages are posted to.
    pub url: String,
    pub api_key: String,
    /// Signature the carrier shows in front of the text, e.g. `中国教师资格网`.
    pub sign_name: String,
    /// PEM file of an extra certificate authority to trust for the gateway, when it
    /// does not use a publicly trusted certificate.
    #[serde(default)]
    pub ca_certificate: Option<PathBuf>,
    #[serde(default = "default_timeout_seconds")]
    pub timeout_seconds: u64,
}

fn default_timeout_seconds() -> u64 {
    15
}

/// JSON body posted to the gateway for one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsGatewayRequest {
    /// Mainland mobile number, 11 digits without a country prefix.
    pub phone: String,
    pub sign_name: String,
    pub text: String,
    /// Our id of the message, the same on every retry, so the gateway can drop
    /// duplicates.
    pub reference: String,
}

/// Posts SMS messages to the configured gateway.
#[derive(Clone)]
pub struct SmsGateway {
    client: reqwest::Client,
    url: String,
    api_key: String,
    sign_name: String,
}

impl SmsGateway {
    /// Builds the HTTPS client, trusting the extra certificate authority if one is set.
    pub fn new(config: &SmsGatewayConfig) -> Result<Self, ChannelError> {
        let mut builder =
            reqwest::Client::builder().timeout(Duration::from_secs(config.timeout_seconds));
        if let Some(path) = &config.ca_certificate {
            let pem = std::fs::read(path).map_err(|error| {
                ChannelError::Config(format!(
                    "failed to read sms gateway ca certificate {}: {error}",
                    path.display()
                ))
            })?;
            let certificate = reqwest::Certificate::from_pem(&pem).map_err(|error| {
                ChannelError::Config(format!(
                    "invalid sms gateway ca certificate {}: {error}",
                    path.display()
                ))
            })?;
            builder = builder.add_root_certificate(certificate);
        }
        let client = builder.build().map_err(|error| {
            ChannelError::Config(format!("failed to build https client: {error}"))
        })?;
        Ok(Self {
            client,
            url: config.url.clone(),
            api_key: config.api_key.clone(),
            sign_name: config.sign_name.clone(),
        })
    }

    /// Posts one message; `reference` identifies it across retries.
    pub async fn send(&self, phone: &str, text: &str, reference: &str) -> Result<(), ChannelError> {
        let request = SmsGatewayRequest {
            phone: phone.to_owned(),
            sign_name: self.sign_name.clone(),
            text: text.to_owned(),
            reference: reference.to_owned(),
        };
        let response = self
            .client
            .post(&self.url)
            .bearer_auth(&self.api_key)
            .json(&request)
            .send()
            .await
            .map_err(|error| {
                ChannelError::Transient(format!("sms gateway unreachable: {error}"))
            })?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let detail = response.text().await.unwrap_or_default();
        let detail: String = detail.chars().take(200).collect();
        if is_permanent_rejection(status) {
            Err(ChannelError::Permanent(format!(
                "sms gateway rejected the message with status {status}: {detail}"
            )))
        } else {
            Err(ChannelError::Transient(format!(
                "sms gateway failed with status {status}: {detail}"
            )))
        }
    }
}

fn is_permanent_rejection(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::BAD_REQUEST
            | StatusCode::UNAUTHORIZED
            | StatusCode::FORBIDDEN
            | StatusCode::UNPROCESSABLE_ENTITY
    )
}
