//! Logs never contain a document number, password, code or session token.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use support::{registration, Backend, TestServer, ID_NUMBER, PASSWORD};

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs one global subscriber for this test binary, at debug level, in JSON. Times
/// are left out so that no timestamp digits can match a six-digit code by chance.
fn captured() -> &'static Buffer {
    static BUFFER: OnceLock<Buffer> = OnceLock::new();
    BUFFER.get_or_init(|| {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        tracing_subscriber::fmt()
            .json()
            .without_time()
            .with_current_span(true)
            .with_span_list(true)
            .with_env_filter("debug")
            .with_writer(move || writer.clone())
            .init();
        buffer
    })
}

async fn secrets_stay_out_of_logs(backend: Backend) {
    let buffer = captured();
    let server = TestServer::start(backend).await;
    let phone = "13800138000";
    let code = server.registration_code(phone).await;
    let (status, _) = server
        .post("/accounts", &registration(ID_NUMBER, phone, "000001"))
        .await;
    assert_eq!(status, 400);
    let (status, body) = server
        .post("/accounts", &registration(ID_NUMBER, phone, &code))
        .await;
    assert_eq!(status, 201, "{body}");
    let (status, _) = server.sign_in(ID_NUMBER, "Wrong#pass1").await;
    assert_eq!(status, 401);
    let token = server.session(ID_NUMBER).await;
    let (status, _) = server.get_auth("/profile", &token).await;
    assert_eq!(status, 200);
    server.stop().await;

    let logs = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("request_id"), "the capture works");
    assert!(logs.contains("/api/v1/accounts"), "routes are logged");
    assert!(logs.contains("11*****2X"), "masked numbers are logged");
    for secret in [
        ID_NUMBER,
        PASSWORD,
        "Wrong#pass1",
        code.as_str(),
        token.as_str(),
    ] {
        assert!(!logs.contains(secret), "the logs contain {secret}");
    }
}
both_backends!(secrets, secrets_stay_out_of_logs);
