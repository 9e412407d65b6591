//! An applicant who lost the bound phone requests a new number from the forgot password
//! screens: a code to the new number after a captcha, a handheld photo and a reason.
//! The screen then lists the request as the server has it, pending, stored once.

mod applicant_support;

use applicant_support::{embedded_db, register, wait_online, write_jpeg, NAME};
use jszg_e2e::journey::{resident_id, sms_code_from_inbox, solve_captcha};
use jszg_e2e::Harness;

const NEW_PHONE: &str = "15800000052";

#[tokio::test]
async fn lost_phone_request_listed_pending() -> anyhow::Result<()> {
    let photos = tempfile::Builder::new().prefix("jszg-photos-").tempdir()?;
    write_jpeg(&photos.path().join("handheld.jpg"), 800, 600, 80)?;
    let harness = Harness::start(&[("JSZG_TEST_PHOTO_DIR", photos.path().display().to_string())])?;
    let db = embedded_db(&harness);
    let window = harness.open().await?;
    wait_online(&window).await?;
    let number = resident_id("11010119870921301");
    register(&window, &db, &number, "15800000051").await?;

    window.go("#/forgot").await?;
    window.fill("#forgot-document_number", &number).await?;
    window.fill("#forgot-name", NAME).await?;
    solve_captcha(&window, &db, "forgot-captcha").await?;
    window.click("#forgot-next").await?;
    window.wait_for("#reset-panel #change-phone").await?;
    window.click("#change-phone").await?;
    window
        .wait_for("#contact-change-requests #contact-change-request-list-empty")
        .await?;

    window
        .fill("#contact-change-phone-value", NEW_PHONE)
        .await?;
    solve_captcha(&window, &db, "contact-change-phone-captcha").await?;
    window.click("#contact-change-phone-code-request").await?;
    let code = sms_code_from_inbox(&window, NEW_PHONE).await?;
    window.fill("#contact-change-phone-code", &code).await?;
    window
        .fill("#contact-change-phone-photo-test-file", "handheld.jpg")
        .await?;
    window.click("#contact-change-phone-photo-pick").await?;
    window
        .wait_for("#contact-change-phone-photo-report [data-code=\"photo.ok\"]")
        .await?;
    window
        .fill(
            "#contact-change-phone-reason",
            "原手机号已注销，无法接收短信验证码。",
        )
        .await?;
    window.click("#contact-change-submit").await?;
    window
        .wait_text("#contact-change-notice", |t| t.contains("审核"))
        .await?;

    let row = window
        .wait_text(
            "#contact-change-request-list tr[data-status=\"pending\"]",
            |t| !t.is_empty(),
        )
        .await?;
    assert!(row.contains("158*****52"), "masked new number: {row}");
    assert!(row.contains("待审核"), "status: {row}");
    assert!(
        !row.contains(NEW_PHONE),
        "the full number is not shown: {row}"
    );

    let url = format!("sqlite://{}?mode=ro", db.display());
    let pool = sqlx::SqlitePool::connect(&url).await?;
    let (requests, pending): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) \
         FROM contact_change_requests",
    )
    .fetch_one(&pool)
    .await?;
    pool.close().await;
    assert_eq!(requests, 1);
    assert_eq!(pending, 1);
    window.close().await;
    Ok(())
}
