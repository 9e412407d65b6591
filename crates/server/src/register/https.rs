//! Adapter for the real identity register: JSON over HTTPS with a client certificate.
//!
//! Request: `POST {url}` with HTTP basic credentials and the body
//! `{"document_type": "resident_id_card", "document_number": "...", "name": "..."}`.
//! Answer: `200` with `{"result": "match" | "mismatch" | "no_record"}`.

use super::{
    IdentityRegister, RegisterDocument, RegisterError, RegisterFuture, RegisterQuery,
    RegisterVerdict,
};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::time::Duration;

/// Settings of the HTTPS adapter, read from the server configuration.
#[derive(Debug, Clone)]
pub struct HttpsRegisterConfig {
    pub url: String,
    pub username: String,
    pub password: String,
    /// PEM file holding the client certificate followed by its private key.
    pub client_identity_pem: Option<PathBuf>,
    /// PEM file of the CA that signed the register's certificate, when it is not a
    /// public one.
    pub ca_pem: Option<PathBuf>,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    /// Attempts per query, counting the first; only failures where the register
    /// certainly did not handle the request are tried again.
    pub max_attempts: u32,
    /// Wait before the first retry; each later retry waits twice as long.
    pub retry_backoff: Duration,
}

impl HttpsRegisterConfig {
    /// Settings with the documented defaults for everything but the address and
    /// credentials.
    pub fn new(url: &str, username: &str, password: &str) -> HttpsRegisterConfig {
        HttpsRegisterConfig {
            url: url.to_string(),
            username: username.to_string(),
            password: password.to_string(),
            client_identity_pem: None,
            ca_pem: None,
            connect_timeout: Duration::from_secs(3),
            request_timeout: Duration::from_secs(10),
            max_attempts: 3,
            retry_backoff: Duration::from_millis(200),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum HttpsRegisterSetupError {
    #[error("reading {path} failed: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the TLS material in {path} is invalid: {source}")]
    Pem {
        path: String,
        source: reqwest::Error,
    },
    #[error("building the HTTPS client failed: {0}")]
    Client(reqwest::Error),
}

/// The real register behind HTTPS.
pub struct HttpsRegister {
    client: reqwest::Client,
    config: HttpsRegisterConfig,
}

#[derive(Serialize)]
struct WireQuery<'a> {
    document_type: RegisterDocument,
    document_number: &'a str,
    name: &'a str,
}

#[derive(Deserialize)]
struct WireAnswer {
    result: RegisterVerdict,
}

/// Outcome of one HTTP exchange: a verdict, or an error and whether trying again is safe.
enum Exchange {
    Answered(RegisterVerdict),
    Failed { error: RegisterError, retry: bool },
}

impl HttpsRegister {
    pub fn new(config: HttpsRegisterConfig) -> Result<HttpsRegister, HttpsRegisterSetupError> {
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .https_only(true)
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout);
        if let Some(path) = &config.client_identity_pem {
            let pem = read_file(path)?;
            let identity = reqwest::Identity::from_pem(&pem).map_err(|source| {
                HttpsRegisterSetupError::Pem {
                    path: path.display().to_string(),
                    source,
                }
            })?;
            builder = builder.identity(identity);
        }
        if let Some(path) = &config.ca_pem {
            let pem = read_file(path)?;
            let ca = reqwest::Certificate::from_pem(&pem).map_err(|source| {
                HttpsRegisterSetupError::Pem {
                    path: path.display().to_string(),
                    source,
                }
            })?;
            builder = builder.add_root_certificate(ca);
        }
        let client = builder.build().map_err(HttpsRegisterSetupError::Client)?;
        Ok(HttpsRegister { client, config })
    }

    async fn exchange(&self, query: &RegisterQuery) -> Exchange {
        let body = WireQuery {
            document_type: query.document,
            document_number: &query.number,
            name: &query.name,
        };
        let sent = self
            .client
            .post(&self.config.url)
            .basic_auth(&self.config.username, Some(&self.config.password))
            .json(&body)
            .send()
            .await;
        let response = match sent {
            Ok(response) => response,
            Err(error) => return classify_transport_error(error),
        };
        let status = response.status();
        if status.is_success() {
            return match response.json::<WireAnswer>().await {
                Ok(answer) => Exchange::Answered(answer.result),
                Err(error) if error.is_timeout() => Exchange::Failed {
                    error: RegisterError::TimedOut,
                    retry: false,
                },
                Err(error) => Exchange::Failed {
                    error: RegisterError::Rejected(format!("unreadable answer: {error}")),
                    retry: false,
                },
            };
        }
        // 503 and 429 mean the register turned the request away without handling it.
        let retry = status == reqwest::StatusCode::SERVICE_UNAVAILABLE
            || status == reqwest::StatusCode::TOO_MANY_REQUESTS;
        let error = if status.is_server_error() || retry {
            RegisterError::Unavailable(format!("status {status}"))
        } else {
            RegisterError::Rejected(format!("status {status}"))
        };
        Exchange::Failed { error, retry }
    }
}

/// A connection that was never made is safe to retry; a timeout after sending is not,
/// because the register may have handled (and counted) the query.
fn classify_transport_error(error: reqwest::Error) -> Exchange {
    if error.is_connect() {
        Exchange::Failed {
            error: RegisterError::Unavailable(format!("connection failed: {error}")),
            retry: true,
        }
    } else if error.is_timeout() {
        Exchange::Failed {
            error: RegisterError::TimedOut,
            retry: false,
        }
    } else {
        Exchange::Failed {
            error: RegisterError::Unavailable(error.to_string()),
            retry: false,
        }
    }
}

fn read_file(path: &PathBuf) -> Result<Vec<u8>, HttpsRegisterSetupError> {
    std::fs::read(path).map_err(|source| HttpsRegisterSetupError::Read {
        path: path.display().to_string(),
        source,
    })
}

impl IdentityRegister for HttpsRegister {
    fn verify<'a>(&'a self, query: &'a RegisterQuery) -> RegisterFuture<'a> {
        Box::pin(async move {
            let attempts = self.config.max_attempts.max(1);
            let mut backoff = self.config.retry_backoff;
            let mut attempt = 1;
            loop {
                match self.exchange(query).await {
                    Exchange::Answered(verdict) => return Ok(verdict),
                    Exchange::Failed { error, retry } => {
                        if !retry || attempt >= attempts {
                            tracing::warn!(attempt, %error, "identity register query failed");
                            return Err(error);
                        }
                        tracing::info!(attempt, %error, "retrying identity register query");
                    }
                }
                tokio::time::sleep(backoff).await;
                backoff *= 2;
                attempt += 1;
            }
        })
    }
}
