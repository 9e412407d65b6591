//! Steps of the applicant journeys through the window, test photos, and a server run
//! in the test process that can be stopped and started again on the same port.
#![allow(dead_code)]

use anyhow::{Context, Result};
use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, Rgb, RgbImage};
use jszg_e2e::journey::{sms_code_from_inbox, solve_captcha};
use jszg_e2e::{free_port, Harness, Window};
use jszg_server::{Config, RunningServer};
use std::path::{Path, PathBuf};

pub const PASSWORD: &str = "Secret#123";
pub const NAME: &str = "郝京";

/// Waits until the footer shows the server as reachable.
pub async fn wait_online(window: &Window) -> Result<()> {
    window
        .wait_script(
            "server reachable",
            "return document.querySelector('#connection').classList.contains('online');",
        )
        .await
}

/// Waits until the footer shows the server as unreachable.
pub async fn wait_offline(window: &Window) -> Result<()> {
    window
        .wait_script(
            "server unreachable",
            "return document.querySelector('#connection').classList.contains('offline');",
        )
        .await
}

/// Registers `number` with an SMS code read from the development inbox.
pub async fn register(window: &Window, db: &Path, number: &str, phone: &str) -> Result<()> {
    window.go("#/register").await?;
    window.fill("#register-document_number", number).await?;
    window.fill("#register-name", NAME).await?;
    window
        .click("input[name=\"register-validity_period\"][value=\"twenty_years\"]")
        .await?;
    window
        .fill("#register-validity_start", "2020-05-01")
        .await?;
    window
        .wait_script(
            "end date filled in",
            "return document.querySelector('#register-validity_end').value === '2040-05-01';",
        )
        .await?;
    window.fill("#register-password", PASSWORD).await?;
    window.fill("#register-password_confirm", PASSWORD).await?;
    window.fill("#register-email", "123456@qq.com").await?;
    window.fill("#register-phone", phone).await?;
    solve_captcha(window, db, "register-captcha").await?;
    window.click("#register-code-request").await?;
    let code = sms_code_from_inbox(window, phone).await?;
    window.fill("#register-code", &code).await?;
    agree_and_submit_registration(window).await
}

/// Accepts the agreement, submits the filled-in registration and waits for the
/// sign-in page it leads to.
pub async fn agree_and_submit_registration(window: &Window) -> Result<()> {
    window
        .click("input[name=\"register-agreement\"][value=\"agreed\"]")
        .await?;
    window.click("#register-submit").await?;
    window
        .wait_text("#register-notice", |text| text.contains("注册成功"))
        .await?;
    // The page moves on to sign-in by itself after a moment.
    window.wait_for("body[data-route=\"/signin\"] h1").await?;
    Ok(())
}

/// Signs in with `password` and solves the slider captcha.
pub async fn sign_in(window: &Window, db: &Path, number: &str, password: &str) -> Result<()> {
    window.go("#/signin").await?;
    window.fill("#signin-document_number", number).await?;
    window.fill("#signin-password", password).await?;
    solve_captcha(window, db, "signin-captcha").await?;
    window.click("#signin-submit").await?;
    Ok(())
}

/// Completes a resident-ID holder's profile on first sign-in and waits for the
/// verification page it leads to.
pub async fn complete_profile(window: &Window) -> Result<()> {
    window
        .wait_for("body[data-route=\"/profile\"] #profile")
        .await?;
    window
        .wait_text("#profile-notice", |text| text.contains("完善个人身份信息"))
        .await?;
    window.select("#profile-ethnicity", "01").await?;
    window.click("#profile-submit").await?;
    window
        .wait_text("#profile-notice", |text| text.contains("已保存"))
        .await?;
    window
        .wait_for("body[data-route=\"/verify\"] #verify-run")
        .await?;
    Ok(())
}

/// Writes a noisy, sharp photo-like JPEG of `width` × `height` at `quality`.
pub fn write_jpeg(path: &Path, width: u32, height: u32, quality: u8) -> Result<u64> {
    let mut seed = width ^ (height << 8) ^ u32::from(quality);
    let image = RgbImage::from_fn(width, height, |x, y| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let noise = (seed >> 27) as u8;
        let band = if (x / 40 + y / 40) % 2 == 0 { 60 } else { 190 };
        Rgb([
            band ^ (noise / 3),
            (y * 255 / height) as u8,
            (x * 255 / width) as u8 ^ noise,
        ])
    });
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, quality).write_image(
        image.as_raw(),
        width,
        height,
        image::ExtendedColorType::Rgb8,
    )?;
    std::fs::write(path, &bytes)?;
    Ok(bytes.len() as u64)
}

/// Server database of the embedded server that the app in `harness` started.
pub fn embedded_db(harness: &Harness) -> PathBuf {
    harness.data_dir.path().join("server").join("jszg.db")
}

/// A server in the test process, on a fixed loopback port so that it can be stopped
/// and started again where the app expects it.
pub struct OutsideServer {
    pub running: Option<RunningServer>,
    pub port: u16,
    pub folder: tempfile::TempDir,
    pub ca_path: PathBuf,
    pub base_url: String,
}

impl OutsideServer {
    fn config(folder: &Path, port: u16) -> Config {
        let mut config = Config::local(folder.join("server"));
        config.listen = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        config
    }

    pub async fn start() -> Result<OutsideServer> {
        let folder = tempfile::Builder::new().prefix("jszg-outside-").tempdir()?;
        let port = free_port();
        let running = jszg_server::start(Self::config(folder.path(), port)).await?;
        let ca_path = folder.path().join("ca.pem");
        std::fs::write(
            &ca_path,
            running.ca_pem.as_deref().context("no development CA")?,
        )?;
        Ok(OutsideServer {
            base_url: running.base_url.clone(),
            running: Some(running),
            port,
            folder,
            ca_path,
        })
    }

    /// Environment that points the desktop app at this server.
    pub fn app_env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("JSZG_SERVER_URL", self.base_url.clone()),
            ("JSZG_SERVER_CA", self.ca_path.display().to_string()),
        ]
    }

    pub fn database(&self) -> PathBuf {
        self.folder.path().join("server").join("jszg.db")
    }

    pub async fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            running.shutdown().await;
        }
    }

    /// Starts the server again on the same port, data folder and certificates.
    pub async fn restart(&mut self) -> Result<()> {
        self.stop().await;
        let running = jszg_server::start(Self::config(self.folder.path(), self.port)).await?;
        self.running = Some(running);
        Ok(())
    }
}
