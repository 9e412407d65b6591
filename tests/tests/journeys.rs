//! The applicant's path through the app against the embedded local server.

use jszg_e2e::journey::{resident_id, sms_code_from_inbox, solve_captcha};
use jszg_e2e::{Harness, Window};
use std::path::{Path, PathBuf};

const PASSWORD: &str = "Secret#123";

async fn wait_online(window: &Window) -> anyhow::Result<()> {
    window
        .wait_script(
            "server reachable",
            "return document.querySelector('#connection').classList.contains('online');",
        )
        .await
}

async fn register(window: &Window, db: &Path, number: &str, phone: &str) -> anyhow::Result<()> {
    window.go("#/register").await?;
    window.fill("#register-document_number", number).await?;
    window.fill("#register-name", "郝京").await?;
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
    window
        .click("input[name=\"register-agreement\"][value=\"agreed\"]")
        .await?;
    window.click("#register-submit").await?;
    window
        .wait_text("#register-notice", |text| text.contains("注册成功"))
        .await?;
    Ok(())
}

async fn sign_in(window: &Window, db: &Path, number: &str) -> anyhow::Result<()> {
    window.go("#/signin").await?;
    window.fill("#signin-document_number", number).await?;
    window.fill("#signin-password", PASSWORD).await?;
    solve_captcha(window, db, "signin-captcha").await?;
    window.click("#signin-submit").await?;
    Ok(())
}

fn server_db(harness: &Harness) -> PathBuf {
    harness.data_dir.path().join("server").join("jszg.db")
}

#[tokio::test]
async fn register_sign_in_complete_profile() -> anyhow::Result<()> {
    let harness = Harness::start(&[])?;
    let db = server_db(&harness);
    let window = harness.open().await?;
    wait_online(&window).await?;
    let number = resident_id("11010119900307123");

    register(&window, &db, &number, "15800000011").await?;
    sign_in(&window, &db, &number).await?;
    window
        .wait_for("body[data-route=\"/profile\"] #profile")
        .await?;
    window
        .wait_text("#profile-notice", |text| text.contains("完善个人身份信息"))
        .await?;
    assert_eq!(window.value("#profile-name").await?, "郝京");
    window.select("#profile-ethnicity", "01").await?;
    window.click("#profile-submit").await?;
    window
        .wait_text("#profile-notice", |text| text.contains("已保存"))
        .await?;
    window.close().await;
    Ok(())
}
