//! An SMS gateway on 127.0.0.1 over HTTPS (a certificate of its own development CA)
//! that checks the bearer key and keeps every accepted message. It answers 401 for a wrong key, 422 for a phone number that is not 11
//! digits, and 503 while `fail_next` is above zero.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use jszg_server::channels::sms_gateway::SmsGatewayRequest;

#[derive(Default)]
struct GatewayState {
    api_key: String,
    accepted: Mutex<Vec<SmsGatewayRequest>>,
    fail_next: AtomicUsize,
}

pub struct SmsGatewayStandIn {
    pub url: String,
    /// PEM file of the CA that signed the gateway's certificate.
    pub ca_path: std::path::PathBuf,
    state: Arc<GatewayState>,
    _dir: tempfile::TempDir,
}

impl SmsGatewayStandIn {
    pub async fn start(api_key: &str) -> SmsGatewayStandIn {
        let state = Arc::new(GatewayState {
            api_key: api_key.to_string(),
            ..GatewayState::default()
        });
        let app = Router::new()
            .route("/v1/messages", post(accept_message))
            .with_state(state.clone());
        let dir = tempfile::tempdir().unwrap();
        let identity = jszg_server::tls::server_identity(None, None, dir.path()).unwrap();
        let tls = axum_server::tls_rustls::RustlsConfig::from_config(
            jszg_server::tls::rustls_config(&identity).unwrap(),
        );
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("https://{}/v1/messages", listener.local_addr().unwrap());
        tokio::spawn(async move {
            axum_server::from_tcp_rustls(listener, tls)
                .serve(app.into_make_service())
                .await
                .unwrap();
        });
        let (ca_path, _) = identity.dev_ca.expect("development CA");
        SmsGatewayStandIn {
            url,
            ca_path,
            state,
            _dir: dir,
        }
    }

    pub fn accepted(&self) -> Vec<SmsGatewayRequest> {
        self.state.accepted.lock().unwrap().clone()
    }

    /// Makes the next `count` requests fail with 503.
    pub fn fail_next(&self, count: usize) {
        self.state.fail_next.store(count, Ordering::SeqCst);
    }
}

async fn accept_message(
    State(state): State<Arc<GatewayState>>,
    headers: HeaderMap,
    Json(request): Json<SmsGatewayRequest>,
) -> StatusCode {
    let expected = format!("Bearer {}", state.api_key);
    let authorized = headers
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value == expected);
    if !authorized {
        return StatusCode::UNAUTHORIZED;
    }
    let failing = state
        .fail_next
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
            left.checked_sub(1)
        })
        .is_ok();
    if failing {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    let valid_phone =
        request.phone.len() == 11 && request.phone.bytes().all(|b| b.is_ascii_digit());
    if !valid_phone {
        return StatusCode::UNPROCESSABLE_ENTITY;
    }
    state.accepted.lock().unwrap().push(request);
    StatusCode::ACCEPTED
}
