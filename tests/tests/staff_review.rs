//! A manual review decided at the reviewer workstation: the applicant submits through
//! the API, a reviewer signs in with a TOTP code, claims the review, rotates a photo and
//! rejects it with a preset reason; the applicant sees the reason, fixes the profile and
//! resubmits; the reviewer approves with the keyboard and the applicant is verified.

mod staff_support;

use jszg_api::review::ReviewStatus;
use jszg_e2e::{Harness, Window};
use serde_json::json;
use staff_support::{screenshot, submit_review, totp_now, TestServer, STAFF_PASSWORD};

async fn sign_in(window: &Window, username: &str, secret: &str) -> anyhow::Result<()> {
    window.go("#/staff/signin").await?;
    window.fill("#staff-signin-username", username).await?;
    window
        .fill("#staff-signin-password", STAFF_PASSWORD)
        .await?;
    window
        .fill("#staff-signin-totp_code", &totp_now(secret))
        .await?;
    screenshot(window, "staff-signin").await?;
    window.click("#staff-signin-submit").await?;
    window
        .wait_script(
            "queue loaded",
            "return document.body.dataset.route === '/staff/queue' && document.querySelector('#view').dataset.loaded === 'true';",
        )
        .await
}

async fn open_item(window: &Window, id: &str) -> anyhow::Result<()> {
    window.click(&format!("tr[data-id=\"{id}\"] a")).await?;
    window
        .wait_script(
            "item ready",
            "return document.body.dataset.route === '/staff/item' && document.querySelector('#view').dataset.ready === 'true';",
        )
        .await
}

async fn press(window: &Window, key: &str) -> anyhow::Result<()> {
    window
        .client
        .execute(
            "document.body.focus(); document.body.dispatchEvent(new KeyboardEvent('keydown', {key: arguments[0], bubbles: true}));",
            vec![json!(key)],
        )
        .await?;
    Ok(())
}

#[tokio::test]
async fn staff_review_reject_then_approve() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let secret = server.add_reviewer("reviewer.li").await?;
    let applicant = server
        .applicant("11010519491231002X", "15800000011")
        .await?;
    let first = submit_review(&applicant, "张三").await?;

    let harness = Harness::start(&server.app_env())?;
    let window = harness.open().await?;
    sign_in(&window, "reviewer.li", &secret).await?;
    window
        .wait_for(&format!("tr[data-id=\"{first}\"][data-hold=\"free\"]"))
        .await?;
    let counts = window
        .wait_text("#count-manual_review .staff-count-total", |t| !t.is_empty())
        .await?;
    assert_eq!(counts, "1");
    screenshot(&window, "staff-queue").await?;

    open_item(&window, &first).await?;
    window.wait_for("#staff-claimed").await?;
    window.wait_for(".staff-photos[data-loaded=\"3\"]").await?;
    assert_eq!(
        window
            .wait_text("#fact-document-number", |t| !t.is_empty())
            .await?,
        "11010519491231002X"
    );
    window
        .wait_for(".photo-check[data-side=\"side_a\"]")
        .await?;
    window.click("#photo-rotate-right").await?;
    press(&window, "h").await?;
    window
        .wait_script(
            "photo rotated and mirrored",
            "const s = document.querySelector('#staff-photo-stage'); return s.dataset.rotation === '90' && s.dataset.flipX === 'true';",
        )
        .await?;
    screenshot(&window, "staff-item").await?;

    window.click("#decision-reject").await?;
    let message = window
        .wait_text("#decision-reason-msg", |t| !t.is_empty())
        .await?;
    assert!(message.contains("原因"), "message was {message:?}");
    window
        .select("#decision-reason-code", "ethnicity_wrong")
        .await?;
    window.click("#decision-reject").await?;
    window
        .wait_script(
            "rejection recorded",
            "return document.querySelector('#view').dataset.decided === 'reject';",
        )
        .await?;
    screenshot(&window, "staff-decided").await?;

    let reviews = applicant.manual_reviews().await?;
    let rejected = reviews
        .iter()
        .find(|r| r.id == first)
        .expect("first review listed");
    assert_eq!(rejected.status, ReviewStatus::Rejected);
    let reason = rejected.decision_reason.clone().unwrap_or_default();
    assert!(reason.contains("民族"), "reason was {reason:?}");

    applicant
        .update_profile(&jszg_api::ProfileUpdate {
            ethnicity: Some("02".into()),
            region: None,
            gender: None,
            birth_date: None,
            local_id_number: None,
            travel_permit_number: None,
        })
        .await?;
    let second = submit_review(&applicant, "张三").await?;

    window.go("#/staff/queue").await?;
    window
        .wait_script(
            "queue reloaded",
            "return document.querySelector('#view').dataset.loaded === 'true';",
        )
        .await?;
    open_item(&window, &second).await?;
    window.wait_for("#staff-claimed").await?;
    press(&window, "a").await?;
    window
        .wait_script(
            "approval recorded",
            "return document.querySelector('#view').dataset.decided === 'approve';",
        )
        .await?;

    let status = applicant.verification_status().await?;
    assert!(status.verified, "applicant verified after approval");
    window.close().await;
    Ok(())
}
