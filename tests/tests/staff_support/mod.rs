//! A real server for the reviewer tests, started in the test process on a free
//! loopback port with SQLite in a temp folder, plus applicants driven through the API
//! client and reviewers created as the `staff add` command does.
#![allow(dead_code)]

pub mod contact;
pub mod screens;

use anyhow::{bail, Context, Result};
use chrono::Utc;
use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, RgbImage};
use jszg_api::client::{ApiClient, ReviewPhoto};
use jszg_api::review::{PhotoSide, ReviewForm};
use jszg_api::staff::StaffRole;
use jszg_api::{CaptchaSolution, CodeRequest, InboxMessage, ProfileUpdate, TrailPoint};
use jszg_server::{Config, RunningServer};
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub const STAFF_PASSWORD: &str = "Reviewer#2026";
pub const APPLICANT_PASSWORD: &str = "Abc#12345";

/// The server and the files the desktop app needs to reach it.
pub struct TestServer {
    pub server: RunningServer,
    pub ca_path: PathBuf,
    _folder: tempfile::TempDir,
}

impl TestServer {
    pub async fn start() -> Result<TestServer> {
        let folder = tempfile::Builder::new().prefix("jszg-staff-").tempdir()?;
        let server = jszg_server::start(Config::local(folder.path().join("server"))).await?;
        let ca_path = folder.path().join("ca.pem");
        std::fs::write(
            &ca_path,
            server.ca_pem.as_deref().context("no development CA")?,
        )?;
        Ok(TestServer {
            server,
            ca_path,
            _folder: folder,
        })
    }

    /// Environment that points the desktop app at this server.
    pub fn app_env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("JSZG_SERVER_URL", self.server.base_url.clone()),
            ("JSZG_SERVER_CA", self.ca_path.display().to_string()),
        ]
    }

    pub fn client(&self) -> ApiClient {
        ApiClient::new(&self.server.base_url, self.server.ca_pem.as_deref()).unwrap()
    }

    /// Creates a reviewer and returns its TOTP secret (base32).
    pub async fn add_reviewer(&self, username: &str) -> Result<String> {
        self.add_staff(username, StaffRole::Reviewer).await
    }

    /// Creates a staff account with `role` and returns its TOTP secret (base32).
    pub async fn add_staff(&self, username: &str, role: StaffRole) -> Result<String> {
        let state = self.server.state();
        let created = jszg_server::staff::accounts::add_staff(
            &state.db,
            &state.keys,
            &state.hasher,
            username,
            role,
            Some(STAFF_PASSWORD.to_string()),
            Utc::now().timestamp_millis(),
        )
        .await?;
        Ok(created.totp_secret)
    }

    /// Messages of the development inbox for `destination`, newest first.
    pub async fn inbox(&self, destination: &str) -> Result<Vec<InboxMessage>> {
        let admin = self
            .client()
            .with_token(Some(self.server.admin_token.clone()));
        Ok(admin
            .get(&format!("/admin/inbox?destination={destination}"))
            .await?)
    }

    /// Waits until `destination` has at least `count` messages, and returns them.
    pub async fn wait_inbox(&self, destination: &str, count: usize) -> Result<Vec<InboxMessage>> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let messages = self.inbox(destination).await?;
            if messages.len() >= count {
                return Ok(messages);
            }
            if Instant::now() > deadline {
                bail!(
                    "{destination} has {} messages, expected {count}",
                    messages.len()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Solves a slider puzzle with the answer read from the database.
    pub async fn captcha(&self, purpose: &str) -> Result<String> {
        let client = self.client();
        let puzzle = client.create_captcha(purpose).await?;
        let answer: i64 = sqlx::query_scalar("SELECT answer_x FROM captcha_puzzles WHERE id = $1")
            .bind(&puzzle.id)
            .fetch_one(&self.server.state().db.pool)
            .await?;
        let target = answer as f64 + 1.0;
        let trail = (0..=24)
            .map(|i| {
                let progress = f64::from(i) / 24.0;
                TrailPoint {
                    x: target * (0.5 - 0.5 * (std::f64::consts::PI * progress).cos()),
                    y: 2.0 * (progress * 7.0).sin(),
                    t: i64::from(i) * 35 + i64::from(i % 3) * 4,
                }
            })
            .collect();
        let solution = CaptchaSolution {
            offset_x: target,
            trail,
        };
        Ok(client
            .solve_captcha(&puzzle.id, &solution)
            .await?
            .pass_token)
    }

    /// Registers a resident-ID holder whose name differs from the identity register,
    /// completes the profile, fails one real-name verification, and returns a client
    /// signed in as that applicant.
    pub async fn applicant(&self, number: &str, phone: &str) -> Result<ApiClient> {
        let client = self.registered(number, phone).await?;
        client
            .update_profile(&ProfileUpdate {
                ethnicity: Some("01".into()),
                region: None,
                gender: None,
                birth_date: None,
                local_id_number: None,
                travel_permit_number: None,
            })
            .await?;
        client.verify_real_name("张三").await?;
        Ok(client)
    }

    /// Registers 张三 with a resident ID card, `phone` and the email `12345@qq.com`, and
    /// returns a client signed in with `APPLICANT_PASSWORD`.
    pub async fn registered(&self, number: &str, phone: &str) -> Result<ApiClient> {
        let captcha = self.captcha("send_code").await?;
        let client = self.client();
        client
            .request_code(
                &CodeRequest {
                    channel: "sms".into(),
                    destination: phone.into(),
                    purpose: "register".into(),
                    captcha_token: captcha,
                },
                None,
            )
            .await?;
        let messages = self.wait_inbox(phone, 1).await?;
        let code = code_in(&messages[0].body)?;
        client
            .register(
                &jszg_api::RegisterRequest {
                    document_type: "resident_id_card".into(),
                    document_number: number.into(),
                    name: "张三".into(),
                    validity_period: "long_term".into(),
                    validity_start: "2010-01-01".into(),
                    password: APPLICANT_PASSWORD.into(),
                    password_confirmation: APPLICANT_PASSWORD.into(),
                    email: "12345@qq.com".into(),
                    phone: phone.into(),
                    code,
                    agreement_accepted: true,
                },
                None,
            )
            .await?;
        self.sign_in(number, APPLICANT_PASSWORD).await
    }

    /// Signs the resident-ID holder `number` in with `password`.
    pub async fn sign_in(&self, number: &str, password: &str) -> Result<ApiClient> {
        let mut client = self.client();
        let captcha = self.captcha("sign_in").await?;
        client
            .sign_in(&jszg_api::SignInRequest {
                document_type: "resident_id_card".into(),
                document_number: number.into(),
                password: password.into(),
                captcha_token: captcha,
            })
            .await?;
        Ok(client)
    }
}

/// Returns the 6-digit code of an SMS or email (`验证码为 123456`).
pub fn code_in(body: &str) -> Result<String> {
    let start = body.find("验证码").context("no code in the message")?;
    let code: String = body[start..]
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    if code.len() != 6 {
        bail!("no 6-digit code in {body:?}");
    }
    Ok(code)
}

/// A sharp 800×600 card-like picture, as a JPEG under 190 KB.
pub fn card_jpeg(shade: u8) -> Vec<u8> {
    let image = RgbImage::from_fn(800, 600, |x, y| {
        let bar = (y / 12) % 3 == 0 && (x / 7) % 5 != 0 && x > 40 && x < 760;
        if bar {
            image::Rgb([20, 20, 30])
        } else {
            image::Rgb([235, 232 - shade, 220 - shade])
        }
    });
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, 80)
        .write_image(image.as_raw(), 800, 600, image::ExtendedColorType::Rgb8)
        .unwrap();
    assert!(
        bytes.len() < 190 * 1024,
        "test photo is {} bytes",
        bytes.len()
    );
    bytes
}

/// Submits a manual review with three photos and returns its id.
pub async fn submit_review(applicant: &ApiClient, name: &str) -> Result<String> {
    let form = ReviewForm {
        name: name.into(),
        validity_period: "long_term".into(),
        validity_start: chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap(),
        reason: "证件姓名已更正，公安系统尚未同步。".into(),
    };
    let photos: Vec<ReviewPhoto> = PhotoSide::ALL
        .iter()
        .enumerate()
        .map(|(i, side)| ReviewPhoto {
            side: *side,
            jpeg: card_jpeg(i as u8 * 20),
        })
        .collect();
    let submitted = applicant
        .submit_manual_review(&form, &photos, Some(&idempotency_key()))
        .await?;
    Ok(submitted.review.id)
}

fn idempotency_key() -> String {
    format!(
        "staff-e2e-{}",
        Utc::now().timestamp_nanos_opt().unwrap_or_default()
    )
}

/// The current TOTP code of `secret`, as an authenticator app shows it.
pub fn totp_now(secret: &str) -> String {
    jszg_server::staff::totp::code_at(secret, Utc::now().timestamp() as u64).unwrap()
}

/// Saves a PNG of the window when `JSZG_SCREENSHOT_DIR` is set, once running
/// transitions (a photo turning) have finished.
pub async fn screenshot(window: &jszg_e2e::Window, name: &str) -> Result<()> {
    if let Some(dir) = std::env::var_os("JSZG_SCREENSHOT_DIR") {
        window
            .wait_script(
                "transitions finished",
                "return !document.getAnimations || document.getAnimations().length === 0;",
            )
            .await?;
        let png = window.client.screenshot().await?;
        std::fs::write(PathBuf::from(dir).join(format!("{name}.png")), png)?;
    }
    Ok(())
}
