//! Screenshots of every screen under Xvfb, written to `docs/screenshots/`.
//! Run on demand: `cargo xtask test -p jszg-e2e --test screenshots -- --ignored`.

mod applicant_support;

use applicant_support::{complete_profile, embedded_db, register, sign_in, write_jpeg, PASSWORD};
use jszg_e2e::journey::{resident_id, solve_captcha};
use jszg_e2e::{Harness, Window};
use std::path::PathBuf;
use std::process::Command;

fn shot(name: &str) -> anyhow::Result<()> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
    std::fs::create_dir_all(&folder)?;
    let path = folder.join(format!("{name}.png"));
    let status = Command::new("import")
        .args(["-window", "root"])
        .arg(&path)
        .status()?;
    anyhow::ensure!(status.success(), "import failed for {name}");
    Ok(())
}

/// Waits two animation frames so the last change is painted before the capture.
async fn settle(window: &Window) -> anyhow::Result<()> {
    window
        .client
        .execute_async(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await?;
    Ok(())
}

#[tokio::test]
#[ignore = "writes docs/screenshots; run on demand"]
async fn capture_every_screen() -> anyhow::Result<()> {
    let photos = tempfile::Builder::new().prefix("jszg-shots-").tempdir()?;
    write_jpeg(&photos.path().join("side-a.jpg"), 800, 600, 80)?;
    write_jpeg(&photos.path().join("side-b.jpg"), 800, 600, 80)?;
    write_jpeg(&photos.path().join("handheld.jpg"), 2400, 1800, 95)?;
    let harness = Harness::start(&[("JSZG_TEST_PHOTO_DIR", photos.path().display().to_string())])?;
    let window = harness.open().await?;
    window
        .wait_script(
            "server reachable",
            "return document.querySelector('#connection').classList.contains('online');",
        )
        .await?;
    settle(&window).await?;
    shot("01-start")?;

    window.go("#/signin?business=certification").await?;
    window.wait_for("#signin-captcha[data-puzzle]").await?;
    settle(&window).await?;
    shot("02-signin")?;

    window.go("#/register").await?;
    window
        .fill("#register-document_number", "11010119900307123")
        .await?;
    window.fill("#register-name", "郝京").await?;
    window.fill("#register-password", "abc12345").await?;
    window.fill("#register-email", "abc@qq").await?;
    window
        .wait_text("#register-email-msg", |text| !text.is_empty())
        .await?;
    settle(&window).await?;
    shot("03-register-validation")?;

    window.click("#agreement-open").await?;
    window.wait_for("#agreement").await?;
    settle(&window).await?;
    shot("04-agreement")?;
    window.click("#agreement button[data-value=true]").await?;

    window.go("#/forgot").await?;
    window.wait_for("#forgot-captcha[data-puzzle]").await?;
    settle(&window).await?;
    shot("05-forgot")?;

    window.go("#/contact-change?kind=phone").await?;
    settle(&window).await?;
    shot("06-contact-change")?;

    window.go("#/help").await?;
    settle(&window).await?;
    shot("17-ctid-guide")?;

    window
        .go("#/reset-link?link=https%3A%2F%2F127.0.0.1%3A8443%2Freset-password%3Ftoken%3DdU3vQ8")
        .await?;
    window.wait_for("#reset-link-link").await?;
    settle(&window).await?;
    shot("18-reset-link")?;

    window.go("#/settings").await?;
    settle(&window).await?;
    shot("10-settings")?;

    window.click("#inbox-toggle").await?;
    window.wait_for("#inbox").await?;
    settle(&window).await?;
    shot("11-inbox")?;
    window.click("#inbox-toggle").await?;

    signed_in_screens(&harness, &window).await?;
    window.close().await;
    Ok(())
}

async fn close_inbox(window: &Window) -> anyhow::Result<()> {
    let open = window
        .client
        .execute("return !document.querySelector('#inbox').hidden;", vec![])
        .await?;
    if open == serde_json::Value::Bool(true) {
        window.click("#inbox-toggle").await?;
    }
    Ok(())
}

/// Verification, manual review with the photo report, status, WeChat and reset.
async fn signed_in_screens(harness: &Harness, window: &Window) -> anyhow::Result<()> {
    let db = embedded_db(harness);
    let number = resident_id("11010119900307123");
    register(window, &db, &number, "15800000061").await?;
    close_inbox(window).await?;
    sign_in(window, &db, &number, PASSWORD).await?;
    complete_profile(window).await?;

    window.click("#verify-run").await?;
    window.wait_for("#verify-confirm-name").await?;
    settle(window).await?;
    shot("12-verification-confirm")?;
    window
        .click("#verify-confirm button[data-value=\"true\"]")
        .await?;
    window.wait_for("#verify-failed").await?;
    settle(window).await?;
    shot("07-verification-help")?;

    window.click("#verify-to-review").await?;
    window.wait_for("#review-submit").await?;
    window
        .click("input[name=\"review-validity_period\"][value=\"twenty_years\"]")
        .await?;
    window.fill("#review-validity_start", "2020-05-01").await?;
    for (slot, file) in [
        ("side_a", "side-a.jpg"),
        ("side_b", "side-b.jpg"),
        ("handheld", "handheld.jpg"),
    ] {
        window
            .fill(&format!("#review-{slot}-test-file"), file)
            .await?;
        window.click(&format!("#review-{slot}-pick")).await?;
        window
            .wait_text(&format!("#review-{slot}-report"), |t| !t.is_empty())
            .await?;
    }
    window
        .fill("#review-reason", "户口迁移后姓名用字更正。")
        .await?;
    scroll_to(window, "#review-handheld-slot").await?;
    shot("08-manual-review")?;
    window.click("#review-handheld-fit").await?;
    window.wait_for("#review-handheld-fitted").await?;
    scroll_to(window, "#review-handheld-slot").await?;
    shot("13-photo-fitted")?;
    window.click("#review-submit").await?;
    window.wait_for("#review-confirm-left").await?;
    settle(window).await?;
    shot("14-review-confirm")?;
    window
        .click("#review-confirm button[data-value=\"true\"]")
        .await?;
    window
        .wait_for("body[data-route=\"/status\"] #review-history")
        .await?;
    settle(window).await?;
    shot("09-status")?;

    window.click("#sign-out").await?;
    window.wait_for("body[data-route=\"/start\"] h1").await?;
    window.go("#/register").await?;
    window
        .fill(
            "#register-document_number",
            &resident_id("11010119850611402"),
        )
        .await?;
    window
        .click("input[name=\"register-code_channel\"][value=\"wechat\"]")
        .await?;
    window.click("#register-wechat-sim-action-0").await?;
    window.click("#register-wechat-sim-action-1").await?;
    window
        .wait_text("#register-wechat-sim-log", |t| t.contains("注册验证码为"))
        .await?;
    scroll_to(window, "#register-wechat").await?;
    shot("15-register-wechat")?;

    window.go("#/forgot").await?;
    window.fill("#forgot-document_number", &number).await?;
    window.fill("#forgot-name", "郝京").await?;
    solve_captcha(window, &db, "forgot-captcha").await?;
    window.click("#forgot-next").await?;
    window.wait_for("#reset-sms-captcha[data-puzzle]").await?;
    settle(window).await?;
    shot("16-reset-methods")?;

    window.click("#change-phone").await?;
    window
        .wait_for("#contact-change-phone-captcha[data-puzzle]")
        .await?;
    window.wait_for("#contact-change-requests h2").await?;
    scroll_to(window, "#contact-change-requests").await?;
    settle(window).await?;
    shot("19-contact-change-requests")?;
    Ok(())
}

/// Scrolls `css` into the middle of the window and waits for the paint.
async fn scroll_to(window: &Window, css: &str) -> anyhow::Result<()> {
    window
        .client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
            vec![serde_json::json!(css)],
        )
        .await?;
    settle(window).await
}
