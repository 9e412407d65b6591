//! A registration submitted while the server is down waits in the local queue and
//! reaches the server exactly once after it comes back.

mod applicant_support;

use anyhow::bail;
use applicant_support::{wait_offline, wait_online, OutsideServer, NAME, PASSWORD};
use jszg_e2e::journey::{code_from_database, resident_id, solve_captcha};
use std::path::Path;
use std::time::{Duration, Instant};

/// Waits until the server has queued a code for `phone` in its development inbox.
async fn wait_for_code(database: &Path, phone: &str) -> anyhow::Result<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match code_from_database(database, phone).await {
            Ok(code) => return Ok(code),
            Err(error) if Instant::now() > deadline => bail!("no code for {phone}: {error}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

async fn account_rows(database: &Path) -> anyhow::Result<i64> {
    let url = format!("sqlite://{}?mode=ro", database.display());
    let pool = sqlx::SqlitePool::connect(&url).await?;
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM accounts")
        .fetch_one(&pool)
        .await?;
    pool.close().await;
    Ok(count)
}

#[tokio::test]
async fn registration_queued_offline_is_sent_once_after_reconnect() -> anyhow::Result<()> {
    let mut server = OutsideServer::start().await?;
    let db = server.database();
    let harness = jszg_e2e::Harness::start(&server.app_env())?;
    let window = harness.open().await?;
    wait_online(&window).await?;
    let number = resident_id("11010119920815301");
    let phone = "15800000051";

    window.go("#/register").await?;
    window.fill("#register-document_number", &number).await?;
    window.fill("#register-name", NAME).await?;
    window
        .click("input[name=\"register-validity_period\"][value=\"ten_years\"]")
        .await?;
    window
        .fill("#register-validity_start", "2018-08-01")
        .await?;
    window.fill("#register-password", PASSWORD).await?;
    window.fill("#register-password_confirm", PASSWORD).await?;
    window.fill("#register-email", "778899@qq.com").await?;
    window.fill("#register-phone", phone).await?;
    solve_captcha(&window, &db, "register-captcha").await?;
    window.click("#register-code-request").await?;
    let code = wait_for_code(&db, phone).await?;
    window.fill("#register-code", &code).await?;
    window
        .click("input[name=\"register-agreement\"][value=\"agreed\"]")
        .await?;

    server.stop().await;
    wait_offline(&window).await?;
    window.click("#register-submit").await?;
    window
        .wait_text("#register-notice", |t| t.contains("待发送队列"))
        .await?;
    window
        .wait_text("#sync-status", |t| t.contains("待发送 1 项"))
        .await?;
    assert_eq!(account_rows(&db).await?, 0);

    server.restart().await?;
    wait_online(&window).await?;
    window
        .wait_text("#register-notice", |t| t.contains("注册成功"))
        .await?;
    window
        .wait_text("#sync-status", |t| t.contains("所有申请均已发送"))
        .await?;

    server.stop().await;
    assert_eq!(account_rows(&db).await?, 1, "exactly one account row");
    window.close().await;
    Ok(())
}
