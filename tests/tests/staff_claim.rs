//! Two reviewers opening one manual review: the second sees who holds it and cannot
//! decide it.

mod staff_support;

use jszg_e2e::{Harness, Window};
use staff_support::{screenshot, submit_review, totp_now, TestServer, STAFF_PASSWORD};

async fn open_as(window: &Window, username: &str, secret: &str, id: &str) -> anyhow::Result<()> {
    window.go("#/staff/signin").await?;
    window.fill("#staff-signin-username", username).await?;
    window
        .fill("#staff-signin-password", STAFF_PASSWORD)
        .await?;
    window
        .fill("#staff-signin-totp_code", &totp_now(secret))
        .await?;
    window.click("#staff-signin-submit").await?;
    window.click(&format!("tr[data-id=\"{id}\"] a")).await?;
    window
        .wait_script(
            "item ready",
            "return document.body.dataset.route === '/staff/item' && document.querySelector('#view').dataset.ready === 'true';",
        )
        .await
}

#[tokio::test]
async fn staff_claim_held_by_other() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let first_secret = server.add_reviewer("reviewer.li").await?;
    let second_secret = server.add_reviewer("reviewer.wang").await?;
    let applicant = server
        .applicant("11010519491231002X", "15800000011")
        .await?;
    let id = submit_review(&applicant, "张三").await?;

    let first_app = Harness::start(&server.app_env())?;
    let first = first_app.open().await?;
    open_as(&first, "reviewer.li", &first_secret, &id).await?;
    first.wait_for("#staff-claimed").await?;

    let second_app = Harness::start(&server.app_env())?;
    let second = second_app.open().await?;
    open_as(&second, "reviewer.wang", &second_secret, &id).await?;
    let notice = second.wait_text("#staff-held", |t| !t.is_empty()).await?;
    assert!(notice.contains("reviewer.li"), "notice was {notice:?}");
    let approve_enabled = second
        .client
        .execute(
            "return !document.querySelector('#decision-approve').disabled;",
            vec![],
        )
        .await?;
    assert_eq!(approve_enabled, serde_json::Value::Bool(false));
    screenshot(&second, "staff-item-held").await?;
    first.close().await;
    second.close().await;
    Ok(())
}
