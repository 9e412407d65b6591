//! Typed HTTPS client of the API, used by the desktop app.

use crate::{
    CaptchaPass, CaptchaPuzzle, CaptchaRequest, CaptchaSolution, CodeRequest, CodeSent, ErrorBody,
    HealthResponse, ProfileResponse, ProfileUpdate, RegisterRequest, RegisterResponse,
    SignInRequest, SignInResponse, IDEMPOTENCY_KEY_HEADER,
};
mod review;
mod staff;

pub use review::ReviewPhoto;

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::time::Duration;

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server returned an error body. Show `body.message` to the applicant.
    #[error("server rejected the request with {status}: {}", .body.code)]
    Api { status: u16, body: ErrorBody },
    /// The server could not be reached or the connection broke; the call may be retried
    /// with the same idempotency key.
    #[error("server unreachable: {0}")]
    Unreachable(#[source] reqwest::Error),
    /// The response did not match what this client expects (a version mismatch).
    #[error("unexpected answer: {0}")]
    Protocol(String),
}

impl ClientError {
    /// The machine code of an API error.
    pub fn code(&self) -> Option<&str> {
        match self {
            ClientError::Api { body, .. } => Some(&body.code),
            _ => None,
        }
    }
}

/// A client for one server, e.g. `https://127.0.0.1:8443`.
#[derive(Debug, Clone)]
pub struct ApiClient {
    http: reqwest::Client,
    base_url: String,
    token: Option<String>,
}

impl ApiClient {
    /// A client that trusts only `ca_pem` (the server's development CA) when given, or
    /// the built-in web roots otherwise.
    pub fn new(base_url: &str, ca_pem: Option<&str>) -> Result<ApiClient, ClientError> {
        let mut builder = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .connect_timeout(Duration::from_secs(10));
        if let Some(pem) = ca_pem {
            let certificate = reqwest::Certificate::from_pem(pem.as_bytes()).map_err(|error| {
                ClientError::Protocol(format!("invalid CA certificate: {error}"))
            })?;
            builder = builder
                .tls_built_in_root_certs(false)
                .add_root_certificate(certificate);
        }
        let http = builder.build().map_err(ClientError::Unreachable)?;
        Ok(ApiClient {
            http,
            base_url: base_url.trim_end_matches('/').to_string(),
            token: None,
        })
    }

    /// Uses `token` as the session bearer token for later calls.
    pub fn with_token(mut self, token: Option<String>) -> ApiClient {
        self.token = token;
        self
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base_url)
    }

    /// GETs `path` (relative to `/api/v1`) and decodes the JSON response.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ClientError> {
        self.send(self.http.get(self.url(path))).await
    }

    /// POSTs `body` as JSON. `idempotency_key` makes a retry after a lost answer safe.
    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        idempotency_key: Option<&str>,
    ) -> Result<T, ClientError> {
        let mut request = self.http.post(self.url(path)).json(body);
        if let Some(key) = idempotency_key {
            request = request.header(IDEMPOTENCY_KEY_HEADER, key);
        }
        self.send(request).await
    }

    /// PUTs `body` as JSON.
    pub async fn put<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ClientError> {
        self.send(self.http.put(self.url(path)).json(body)).await
    }

    async fn send<T: DeserializeOwned>(
        &self,
        mut request: reqwest::RequestBuilder,
    ) -> Result<T, ClientError> {
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.map_err(ClientError::Unreachable)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(ClientError::Unreachable)?;
        if status.is_success() {
            let body = if bytes.is_empty() {
                b"null".as_slice()
            } else {
                &bytes
            };
            return serde_json::from_slice(body)
                .map_err(|error| ClientError::Protocol(format!("{status}: {error}")));
        }
        match serde_json::from_slice::<ErrorBody>(&bytes) {
            Ok(body) => Err(ClientError::Api {
                status: status.as_u16(),
                body,
            }),
            Err(_) => Err(ClientError::Protocol(format!(
                "{status} without an error body"
            ))),
        }
    }

    pub async fn health(&self) -> Result<HealthResponse, ClientError> {
        self.get("/health").await
    }

    pub async fn create_captcha(&self, purpose: &str) -> Result<CaptchaPuzzle, ClientError> {
        let request = CaptchaRequest {
            purpose: purpose.to_string(),
        };
        self.post("/captcha", &request, None).await
    }

    pub async fn solve_captcha(
        &self,
        id: &str,
        solution: &CaptchaSolution,
    ) -> Result<CaptchaPass, ClientError> {
        self.post(&format!("/captcha/{id}/solution"), solution, None)
            .await
    }

    pub async fn request_code(
        &self,
        request: &CodeRequest,
        idempotency_key: Option<&str>,
    ) -> Result<CodeSent, ClientError> {
        self.post("/codes", request, idempotency_key).await
    }

    pub async fn register(
        &self,
        request: &RegisterRequest,
        idempotency_key: Option<&str>,
    ) -> Result<RegisterResponse, ClientError> {
        self.post("/accounts", request, idempotency_key).await
    }

    /// Signs in and keeps the new session token for later calls.
    pub async fn sign_in(
        &mut self,
        request: &SignInRequest,
    ) -> Result<SignInResponse, ClientError> {
        let response: SignInResponse = self.post("/sessions", request, None).await?;
        self.token = Some(response.token.clone());
        Ok(response)
    }

    /// Ends the current session and forgets its token.
    pub async fn sign_out(&mut self) -> Result<(), ClientError> {
        let _: serde_json::Value = self
            .post("/sessions/current/sign-out", &serde_json::json!({}), None)
            .await?;
        self.token = None;
        Ok(())
    }

    pub async fn profile(&self) -> Result<ProfileResponse, ClientError> {
        self.get("/profile").await
    }

    pub async fn update_profile(
        &self,
        update: &ProfileUpdate,
    ) -> Result<ProfileResponse, ClientError> {
        self.put("/profile", update).await
    }
}

mod recovery;
