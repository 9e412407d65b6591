//! Test harness: a real server in-process on a free 127.0.0.1 port over HTTPS, with a
//! fresh temp folder, a manual clock and SQLite or a fresh PostgreSQL database.
//!
//! PostgreSQL tests use `JSZG_TEST_DATABASE_URL` (a superuser URL; each test creates its
//! own database). Without it they print a note and pass, unless `JSZG_REQUIRE_POSTGRES=1`
//! is set, in which case they fail.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use jszg_api::{ErrorBody, InboxMessage};
use jszg_server::clock::ManualClock;
use jszg_server::register::RegisterSimulator;
use jszg_server::{Config, RunningServer, StartOptions};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::Connection;
use std::sync::Arc;
use std::time::Duration;
use tempfile::TempDir;

/// Shared key of the business hooks on every test server.
pub const TEST_HOOK_KEY: &str = "test-hook-key";

/// Which database a test server uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A server under test with a client that trusts its development CA.
pub struct TestServer {
    pub server: RunningServer,
    pub client: reqwest::Client,
    pub clock: ManualClock,
    pub database_url: String,
    pub dir: Arc<TempDir>,
    /// The identity register simulator the server asks; tests switch its faults.
    pub register: Arc<RegisterSimulator>,
}

/// 10:00 on Tuesday 10 March 2026, Beijing time: the default start of the manual clock.
pub fn default_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 2, 0, 0).unwrap()
}

/// Runs `$body(Backend) -> impl Future` as two tests, `sqlite` and `postgres`.
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                super::$body(super::support::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                if super::support::postgres_available() {
                    super::$body(super::support::Backend::Postgres).await;
                }
            }
        }
    };
}

/// Whether PostgreSQL tests can run; panics when they are required but cannot.
pub fn postgres_available() -> bool {
    if std::env::var("JSZG_TEST_DATABASE_URL").is_ok() {
        return true;
    }
    if std::env::var("JSZG_REQUIRE_POSTGRES").as_deref() == Ok("1") {
        panic!("JSZG_REQUIRE_POSTGRES=1 but JSZG_TEST_DATABASE_URL is not set");
    }
    eprintln!("note: JSZG_TEST_DATABASE_URL is not set, skipping the PostgreSQL variant");
    false
}

/// Creates a fresh database on the test cluster and returns its URL.
async fn create_postgres_database() -> String {
    let admin_url = std::env::var("JSZG_TEST_DATABASE_URL").expect("JSZG_TEST_DATABASE_URL");
    let name = format!("jszg_test_{}", uuid_simple());
    let mut connection = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("connect to JSZG_TEST_DATABASE_URL");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut connection)
        .await
        .expect("create test database");
    connection.close().await.ok();
    let (base, query) = match admin_url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (admin_url.as_str(), String::new()),
    };
    let (server, _) = base.rsplit_once('/').expect("database URL has a path");
    format!("{server}/{name}{query}")
}

fn uuid_simple() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl TestServer {
    pub async fn start(backend: Backend) -> TestServer {
        let dir = Arc::new(
            tempfile::Builder::new()
                .prefix("jszg-test-")
                .tempdir()
                .unwrap(),
        );
        let database_url = match backend {
            Backend::Sqlite => format!("sqlite://{}", dir.path().join("jszg.db").display()),
            Backend::Postgres => create_postgres_database().await,
        };
        let clock = ManualClock::new(default_start());
        let register = Arc::new(RegisterSimulator::sample());
        TestServer::start_on(dir, database_url, clock, register).await
    }

    /// A second instance on the same database, data folder (keys, CA) and clock.
    pub async fn second_instance(&self) -> TestServer {
        TestServer::start_on(
            self.dir.clone(),
            self.database_url.clone(),
            self.clock.clone(),
            self.register.clone(),
        )
        .await
    }

    async fn start_on(
        dir: Arc<TempDir>,
        database_url: String,
        clock: ManualClock,
        register: Arc<RegisterSimulator>,
    ) -> TestServer {
        let mut config = Config::local(dir.path());
        config.database_url = Some(database_url.clone());
        config.hooks.key = Some(TEST_HOOK_KEY.to_string());
        let options = StartOptions {
            clock: Arc::new(clock.clone()),
            register: Some(register.clone()),
        };
        let server = jszg_server::start_with(config, options)
            .await
            .expect("test server starts");
        let ca = server.ca_pem.clone().expect("development CA");
        let client = reqwest::Client::builder()
            .add_root_certificate(reqwest::Certificate::from_pem(ca.as_bytes()).unwrap())
            .tls_built_in_root_certs(false)
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        TestServer {
            server,
            client,
            clock,
            database_url,
            dir,
            register,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.server.base_url)
    }

    pub fn db(&self) -> &jszg_server::db::Db {
        &self.server.state().db
    }

    /// POSTs `body` as JSON and returns the status and the response body.
    pub async fn post<B: Serialize>(&self, path: &str, body: &B) -> (u16, serde_json::Value) {
        self.send(self.client.post(self.url(path)).json(body)).await
    }

    /// POSTs with a bearer token.
    pub async fn post_auth<B: Serialize>(
        &self,
        path: &str,
        token: &str,
        body: &B,
    ) -> (u16, serde_json::Value) {
        self.send(
            self.client
                .post(self.url(path))
                .bearer_auth(token)
                .json(body),
        )
        .await
    }

    pub async fn get(&self, path: &str) -> (u16, serde_json::Value) {
        self.send(self.client.get(self.url(path))).await
    }

    pub async fn get_auth(&self, path: &str, token: &str) -> (u16, serde_json::Value) {
        self.send(self.client.get(self.url(path)).bearer_auth(token))
            .await
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> (u16, serde_json::Value) {
        let response = request.send().await.expect("request reaches the server");
        let status = response.status().as_u16();
        let text = response.text().await.expect("response body");
        let value = if text.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text))
        };
        (status, value)
    }

    /// Messages the development inbox holds for `destination`, newest first.
    pub async fn inbox(&self, destination: &str) -> Vec<InboxMessage> {
        let response = self
            .client
            .get(self.url("/admin/inbox"))
            .query(&[("destination", destination)])
            .bearer_auth(&self.server.admin_token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// Waits until the inbox contains `count` messages for `destination` (at most 20 s).
    pub async fn wait_for_inbox(&self, destination: &str, count: usize) -> Vec<InboxMessage> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let messages = self.inbox(destination).await;
            if messages.len() >= count {
                return messages;
            }
            if tokio::time::Instant::now() > deadline {
                panic!(
                    "inbox of {destination} has {} messages, expected {count}",
                    messages.len()
                );
            }
            self.server.state().outbox_wakeup.notify_one();
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until no outbox message is left undelivered.
    pub async fn wait_outbox_empty(&self) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let pending: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL",
            )
            .fetch_one(&self.db().pool)
            .await
            .unwrap();
            if pending == 0 {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{pending} messages still undelivered"
            );
            self.server.state().outbox_wakeup.notify_one();
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn stop(self) {
        self.server.shutdown().await;
    }
}

/// Parses an error response.
pub fn error_body(value: &serde_json::Value) -> ErrorBody {
    serde_json::from_value(value.clone()).expect("an ErrorBody")
}

/// Parses a JSON response into `T`.
pub fn parse<T: DeserializeOwned>(value: &serde_json::Value) -> T {
    serde_json::from_value(value.clone())
        .unwrap_or_else(|error| panic!("unexpected body {value}: {error}"))
}

/// A drag that speeds up and slows down, ending at `target`.
pub fn human_trail(target: f64) -> Vec<jszg_api::TrailPoint> {
    (0..=24)
        .map(|i| {
            let progress = f64::from(i) / 24.0;
            let eased = 0.5 - 0.5 * (std::f64::consts::PI * progress).cos();
            jszg_api::TrailPoint {
                x: target * eased,
                y: 2.0 * (progress * 7.0).sin(),
                t: i64::from(i) * 35 + i64::from(i % 3) * 4,
            }
        })
        .collect()
}

impl TestServer {
    /// Fetches a puzzle for `purpose` and returns its id and the answer, read from the
    /// database as only a test can.
    pub async fn new_puzzle(&self, purpose: &str) -> (String, f64) {
        let (status, body) = self
            .post("/captcha", &serde_json::json!({ "purpose": purpose }))
            .await;
        assert_eq!(status, 201, "{body}");
        let id = body["id"].as_str().unwrap().to_string();
        let answer: i64 = sqlx::query_scalar("SELECT answer_x FROM captcha_puzzles WHERE id = $1")
            .bind(&id)
            .fetch_one(&self.db().pool)
            .await
            .unwrap();
        (id, answer as f64)
    }

    /// Solves a fresh puzzle for `purpose` and returns the pass token.
    pub async fn solve_captcha(&self, purpose: &str) -> String {
        let (id, answer) = self.new_puzzle(purpose).await;
        let solution = jszg_api::CaptchaSolution {
            offset_x: answer + 1.0,
            trail: human_trail(answer + 1.0),
        };
        let (status, body) = self
            .post(&format!("/captcha/{id}/solution"), &solution)
            .await;
        assert_eq!(status, 200, "{body}");
        body["pass_token"].as_str().unwrap().to_string()
    }

    /// Starts forgot password with `fields` (type, number, name) and a fresh captcha
    /// pass; returns the status and body.
    pub async fn start_reset(&self, mut fields: serde_json::Value) -> (u16, serde_json::Value) {
        fields["captcha_token"] = self.solve_captcha("password_reset").await.into();
        self.post("/password-resets", &fields).await
    }

    /// Requests a code and returns the status and body.
    pub async fn request_code(
        &self,
        channel: &str,
        destination: &str,
        purpose: &str,
    ) -> (u16, serde_json::Value) {
        let captcha = self.solve_captcha("send_code").await;
        self.post(
            "/codes",
            &jszg_api::CodeRequest {
                channel: channel.into(),
                destination: destination.into(),
                purpose: purpose.into(),
                captcha_token: captcha,
            },
        )
        .await
    }

    /// Waits for the `count`th message to `destination` and returns the code in the
    /// newest one.
    pub async fn code_from_inbox(&self, destination: &str, count: usize) -> String {
        let messages = self.wait_for_inbox(destination, count).await;
        extract_code(&messages[0].body)
    }
}

/// The six-digit code in a message body.
pub fn extract_code(body: &str) -> String {
    let start = body.find("验证码为 ").expect("message contains a code") + "验证码为 ".len();
    body[start..start + 6].to_string()
}

/// A valid resident ID number (born 31 December 1949, female) used across tests.
pub const ID_NUMBER: &str = "11010519491231002X";
pub const PASSWORD: &str = "Abc#12345";

/// A registration form for `number` and `phone`, with `code` filled in later.
pub fn registration(number: &str, phone: &str, code: &str) -> jszg_api::RegisterRequest {
    jszg_api::RegisterRequest {
        document_type: "resident_id_card".into(),
        document_number: number.into(),
        name: "张三".into(),
        validity_period: "long_term".into(),
        validity_start: "2010-01-01".into(),
        password: PASSWORD.into(),
        password_confirmation: PASSWORD.into(),
        email: "12345@qq.com".into(),
        phone: phone.into(),
        code: code.into(),
        agreement_accepted: true,
    }
}

impl TestServer {
    /// Sends a registration code to `phone` and returns it, read from the inbox.
    pub async fn registration_code(&self, phone: &str) -> String {
        let before = self.inbox(phone).await.len();
        let (status, body) = self.request_code("sms", phone, "register").await;
        assert_eq!(status, 202, "{body}");
        self.code_from_inbox(phone, before + 1).await
    }

    /// Registers `number` with [`PASSWORD`] and returns the account id.
    pub async fn register(&self, number: &str, phone: &str) -> String {
        let code = self.registration_code(phone).await;
        let (status, body) = self
            .post("/accounts", &registration(number, phone, &code))
            .await;
        assert_eq!(status, 201, "{body}");
        body["account_id"].as_str().unwrap().to_string()
    }

    /// Signs in with a fresh captcha; returns the status and body.
    pub async fn sign_in(&self, number: &str, password: &str) -> (u16, serde_json::Value) {
        let captcha = self.solve_captcha("sign_in").await;
        self.post(
            "/sessions",
            &jszg_api::SignInRequest {
                document_type: "resident_id_card".into(),
                document_number: number.into(),
                password: password.into(),
                captcha_token: captcha,
            },
        )
        .await
    }

    /// Signs in and returns the session token.
    pub async fn session(&self, number: &str) -> String {
        let (status, body) = self.sign_in(number, PASSWORD).await;
        assert_eq!(status, 200, "{body}");
        body["token"].as_str().unwrap().to_string()
    }
}
