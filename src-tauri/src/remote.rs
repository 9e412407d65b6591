//! The HTTPS link to the central server: JSON requests with the session token and an
//! idempotency key, and the server's coded errors passed through unchanged.

use jszg_api::ErrorBody;
use reqwest::{Certificate, StatusCode};
use serde_json::Value;
use std::time::Duration;

use crate::store::SubmissionFile;

/// Failure of a request, split by what the caller should do next.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RemoteError {
    /// No response (offline, refused, timed out) or a 5xx status, so try again later.
    #[error("server unreachable: {0}")]
    Unreachable(String),
    /// The server rejected the request with a coded error the page shows as is.
    #[error("server rejected the request: {} {}", .0.code, .0.message)]
    Rejected(ErrorBody),
}

impl From<jszg_api::client::ClientError> for RemoteError {
    fn from(error: jszg_api::client::ClientError) -> RemoteError {
        match error {
            jszg_api::client::ClientError::Api { status, body } if status < 500 => {
                RemoteError::Rejected(body)
            }
            other => RemoteError::Unreachable(other.to_string()),
        }
    }
}

impl RemoteError {
    /// Returns the error in the page's shape (`code`, `message`, `field`).
    pub fn body(&self) -> ErrorBody {
        match self {
            RemoteError::Unreachable(_) => ErrorBody {
                code: "network.unreachable".into(),
                message: "暂时无法连接服务器，请检查网络后重试；已填写的内容已保存在本机。".into(),
                field: None,
            },
            RemoteError::Rejected(body) => body.clone(),
        }
    }
}

/// A configured server: its address and an HTTPS client that trusts its CA.
#[derive(Clone)]
pub struct ServerLink {
    base_url: String,
    ca_pem: Option<String>,
    client: reqwest::Client,
}

impl ServerLink {
    /// Builds a link to `base_url`. With `ca_pem` the client trusts only that CA, so a
    /// local development server's certificate is pinned.
    pub fn new(base_url: &str, ca_pem: Option<&str>) -> Result<ServerLink, String> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30));
        if let Some(pem) = ca_pem.filter(|pem| !pem.trim().is_empty()) {
            let certificate = Certificate::from_pem(pem.as_bytes())
                .map_err(|e| format!("CA certificate is not valid PEM: {e}"))?;
            builder = builder
                .tls_built_in_root_certs(false)
                .add_root_certificate(certificate);
        }
        let client = builder
            .build()
            .map_err(|e| format!("HTTPS client setup failed: {e}"))?;
        Ok(ServerLink {
            base_url: base_url.trim_end_matches('/').to_string(),
            ca_pem: ca_pem.map(str::to_string),
            client,
        })
    }

    /// Returns the typed API client for this server, carrying `token` when given.
    pub fn api(&self, token: Option<String>) -> Result<jszg_api::client::ApiClient, RemoteError> {
        jszg_api::client::ApiClient::new(&self.base_url, self.ca_pem.as_deref())
            .map(|client| client.with_token(token))
            .map_err(|error| RemoteError::Unreachable(error.to_string()))
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Returns whether the server passes its health check.
    pub async fn is_reachable(&self) -> bool {
        let request = self
            .client
            .get(format!("{}/api/v1/health", self.base_url))
            .timeout(Duration::from_secs(3));
        matches!(request.send().await, Ok(response) if response.status().is_success())
    }

    /// Sends `GET /api/v1{path}`.
    pub async fn get(&self, path: &str, token: Option<&str>) -> Result<Value, RemoteError> {
        let mut request = self.client.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        read_response(request.send().await).await
    }

    /// Sends `METHOD /api/v1{path}` with a JSON body, or as multipart when `files` is not
    /// empty (each JSON field a text part, each file a part named after its slot).
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &Value,
        files: &[SubmissionFile],
        idempotency_key: Option<&str>,
        token: Option<&str>,
    ) -> Result<Value, RemoteError> {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        request = if files.is_empty() {
            request.json(body)
        } else {
            request.multipart(multipart_form(body, files)?)
        };
        read_response(request.send().await).await
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{}", self.base_url, path)
    }
}

fn multipart_form(
    body: &Value,
    files: &[SubmissionFile],
) -> Result<reqwest::multipart::Form, RemoteError> {
    let mut form = reqwest::multipart::Form::new();
    if let Value::Object(fields) = body {
        for (name, value) in fields {
            let text = match value {
                Value::String(text) => text.clone(),
                Value::Null => continue,
                other => other.to_string(),
            };
            form = form.text(name.clone(), text);
        }
    }
    for file in files {
        let part = reqwest::multipart::Part::bytes(file.bytes.clone())
            .file_name(file.file_name.clone())
            .mime_str("image/jpeg")
            .map_err(|e| RemoteError::Unreachable(e.to_string()))?;
        form = form.part(file.part.clone(), part);
    }
    Ok(form)
}

async fn read_response(sent: reqwest::Result<reqwest::Response>) -> Result<Value, RemoteError> {
    let response = sent.map_err(|e| RemoteError::Unreachable(e.to_string()))?;
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|e| RemoteError::Unreachable(e.to_string()))?;
    if status.is_success() {
        if text.trim().is_empty() {
            return Ok(Value::Null);
        }
        return serde_json::from_str(&text)
            .map_err(|e| RemoteError::Unreachable(format!("invalid JSON from server: {e}")));
    }
    if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS && text.is_empty() {
        return Err(RemoteError::Unreachable(format!(
            "server responded with {status}"
        )));
    }
    match serde_json::from_str::<ErrorBody>(&text) {
        Ok(body) => Err(RemoteError::Rejected(body)),
        Err(_) => Err(RemoteError::Rejected(ErrorBody {
            code: format!("http.{}", status.as_u16()),
            message: format!("服务器拒绝了请求（{}）。", status.as_u16()),
            field: None,
        })),
    }
}
