//! A contact change request decided at the reviewer workstation: the applicant requests
//! a new email, a reviewer approves it, and the applicant sets a new password with the
//! link that reaches the new email and signs in with it.

mod staff_support;

use jszg_api::password_reset::CompleteResetWithLinkRequest;
use jszg_e2e::Harness;
use staff_support::contact::{link_token, request_new_email};
use staff_support::screens::{open_item, staff_sign_in};
use staff_support::{screenshot, TestServer};

const NUMBER: &str = "11010519491231002X";
const NEW_EMAIL: &str = "new.mailbox@example.cn";
const NEW_PASSWORD: &str = "Fresh#2027pass";

#[tokio::test]
async fn staff_contact_change_approved() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let secret = server.add_reviewer("reviewer.li").await?;
    server.registered(NUMBER, "15800000012").await?;
    let id = request_new_email(&server, NUMBER, NEW_EMAIL).await?;

    let harness = Harness::start(&server.app_env())?;
    let window = harness.open().await?;
    staff_sign_in(&window, "reviewer.li", &secret).await?;
    let row = format!("tr[data-id=\"{id}\"][data-kind=\"contact_change\"]");
    window.wait_for(&row).await?;
    let total = window
        .wait_text("#count-contact_change .staff-count-total", |t| {
            !t.is_empty()
        })
        .await?;
    assert_eq!(total, "1");

    open_item(&window, &id).await?;
    window.wait_for("#staff-claimed").await?;
    let new_value = window
        .wait_text("#fact-new-value", |t| !t.is_empty())
        .await?;
    assert_eq!(new_value, NEW_EMAIL);
    let number = window
        .wait_text("#fact-document-number", |t| !t.is_empty())
        .await?;
    assert_eq!(number, NUMBER);
    window.wait_for(".staff-photos[data-loaded=\"1\"]").await?;
    window
        .wait_for(".photo-check[data-side=\"handheld\"]")
        .await?;
    screenshot(&window, "staff-contact").await?;

    window.click("#decision-approve").await?;
    window
        .wait_script(
            "approval recorded",
            "return document.querySelector('#view').dataset.decided === 'approve';",
        )
        .await?;
    window.go("#/staff/queue").await?;
    window
        .wait_script(
            "queue reloaded",
            "return document.querySelector('#view').dataset.loaded === 'true';",
        )
        .await?;
    let remaining = window
        .client
        .execute(
            "return document.querySelectorAll(arguments[0]).length;",
            vec![serde_json::json!(row)],
        )
        .await?;
    assert_eq!(
        remaining,
        serde_json::json!(0),
        "the decided request left the queue"
    );

    let messages = server.wait_inbox(NEW_EMAIL, 2).await?;
    let token = link_token(&messages[0].body)?;
    server
        .client()
        .complete_reset_with_link(&CompleteResetWithLinkRequest {
            token,
            password: NEW_PASSWORD.into(),
            password_confirmation: NEW_PASSWORD.into(),
        })
        .await?;
    let applicant = server.sign_in(NUMBER, NEW_PASSWORD).await?;
    let profile = applicant.profile().await?;
    assert!(
        profile.email_masked.ends_with("@example.cn"),
        "bound email is {}",
        profile.email_masked
    );
    window.close().await;
    Ok(())
}
