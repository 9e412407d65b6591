//! Requests the benchmarks send: captcha passes (answers read from the server's
//! database, as only a test tool on the same machine can), codes from the development
//! inbox, registrations and sign-ins.

use crate::server::{ServerProcess, ADMIN_TOKEN};
use anyhow::{bail, Context, Result};
use jszg_api::TrailPoint;
use jszg_api::{CaptchaSolution, CodeRequest, InboxMessage, RegisterRequest, SignInRequest};
use serde_json::{json, Value};
use std::time::Duration;

/// The password of every account the benchmarks register.
pub const PASSWORD: &str = "Abc#12345";

/// An HTTPS client of one server process.
#[derive(Clone)]
pub struct Api {
    pub http: reqwest::Client,
    pub base_url: String,
    db: sqlx::AnyPool,
}

impl Api {
    pub fn new(server: &ServerProcess) -> Result<Api> {
        Ok(Api {
            http: https_client(&server.ca_pem)?,
            base_url: server.base_url.clone(),
            db: server.db.clone(),
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base_url)
    }

    /// POSTs JSON and returns the status and the parsed body.
    pub async fn post(&self, path: &str, body: &impl serde::Serialize) -> Result<(u16, Value)> {
        let response = self.http.post(self.url(path)).json(body).send().await?;
        read(response).await
    }

    /// Solves a fresh puzzle for `purpose` and returns the pass token.
    pub async fn captcha_pass(&self, purpose: &str) -> Result<String> {
        let (status, puzzle) = self
            .post("/captcha", &json!({ "purpose": purpose }))
            .await?;
        if status != 201 {
            bail!("creating a captcha failed with {status}: {puzzle}");
        }
        let id = puzzle["id"].as_str().context("puzzle id")?.to_string();
        let answer: i64 = sqlx::query_scalar("SELECT answer_x FROM captcha_puzzles WHERE id = $1")
            .bind(&id)
            .fetch_one(&self.db)
            .await?;
        let offset = answer as f64 + 1.0;
        let solution = CaptchaSolution {
            offset_x: offset,
            trail: drag_trail(offset),
        };
        let (status, pass) = self
            .post(&format!("/captcha/{id}/solution"), &solution)
            .await?;
        if status != 200 {
            bail!("solving captcha {id} failed with {status}: {pass}");
        }
        Ok(pass["pass_token"]
            .as_str()
            .context("pass token")?
            .to_string())
    }

    /// Requests a registration code for `phone` and returns it from the inbox.
    pub async fn registration_code(&self, phone: &str) -> Result<String> {
        let request = CodeRequest {
            channel: "sms".into(),
            destination: phone.into(),
            purpose: "register".into(),
            captcha_token: self.captcha_pass("send_code").await?,
        };
        let (status, body) = self.post("/codes", &request).await?;
        if status != 202 {
            bail!("code request for {phone} failed with {status}: {body}");
        }
        for _ in 0..400 {
            let messages: Vec<InboxMessage> = self
                .http
                .get(self.url("/admin/inbox"))
                .query(&[("destination", phone)])
                .bearer_auth(ADMIN_TOKEN)
                .send()
                .await?
                .json()
                .await?;
            if let Some(message) = messages.first() {
                return extract_code(&message.body);
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        bail!("no code reached the inbox of {phone} within 10 s")
    }

    /// Registers `number` with [`PASSWORD`]; the code must have been requested.
    pub async fn register(&self, form: &RegisterRequest) -> Result<()> {
        let (status, body) = self.post("/accounts", form).await?;
        if status != 201 {
            bail!("registration failed with {status}: {body}");
        }
        Ok(())
    }

    /// Sends a sign-in with an already solved captcha; returns the status and body.
    pub async fn sign_in(
        &self,
        number: &str,
        password: &str,
        pass: String,
    ) -> Result<(u16, Value)> {
        let request = SignInRequest {
            document_type: "resident_id_card".into(),
            document_number: number.into(),
            password: password.into(),
            captcha_token: pass,
        };
        self.post("/sessions", &request).await
    }
}

/// Returns a client that trusts only `ca_pem`.
pub fn https_client(ca_pem: &str) -> Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(ca_pem.as_bytes())?)
        .tls_built_in_root_certs(false)
        .timeout(Duration::from_secs(300))
        .build()?)
}

async fn read(response: reqwest::Response) -> Result<(u16, Value)> {
    let status = response.status().as_u16();
    let text = response.text().await?;
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Ok((status, value))
}

/// A drag that speeds up and slows down, as a hand does, ending at `target`.
fn drag_trail(target: f64) -> Vec<TrailPoint> {
    (0..=24)
        .map(|i| {
            let progress = f64::from(i) / 24.0;
            let eased = 0.5 - 0.5 * (std::f64::consts::PI * progress).cos();
            TrailPoint {
                x: target * eased,
                y: 2.0 * (progress * 7.0).sin(),
                t: i64::from(i) * 35 + i64::from(i % 3) * 4,
            }
        })
        .collect()
}

fn extract_code(body: &str) -> Result<String> {
    let marker = "验证码为 ";
    let start = body.find(marker).context("message contains no code")? + marker.len();
    body.get(start..start + 6)
        .map(str::to_string)
        .context("code is shorter than six digits")
}

/// A registration form for serial `n`; the code is filled in by the caller.
pub fn registration(n: u32, code: String) -> RegisterRequest {
    RegisterRequest {
        document_type: "resident_id_card".into(),
        document_number: resident_id(n),
        name: "张三".into(),
        validity_period: "long_term".into(),
        validity_start: "2010-01-01".into(),
        password: PASSWORD.into(),
        password_confirmation: PASSWORD.into(),
        email: "12345@qq.com".into(),
        phone: phone(n),
        code,
        agreement_accepted: true,
    }
}

/// Returns a valid resident ID number for serial `n` (below 3,650,000): the birth date
/// walks day by day from 1 January 1970, the last three digits repeat every 1,000.
pub fn resident_id(n: u32) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
    let birth = epoch + chrono::Duration::days(i64::from(n / 1000));
    let first17 = format!("110105{}{:03}", birth.format("%Y%m%d"), n % 1000);
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    format!("{first17}{}", CHECK[(sum % 11) as usize] as char)
}

/// Returns a mobile number for serial `n`.
pub fn phone(n: u32) -> String {
    format!("158{n:08}")
}
