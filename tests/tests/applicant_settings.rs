//! A signed-in applicant changes the password (a wrong current password is reported
//! on its field) and then the phone with a code sent to the new number. Each change
//! sends a notice to the old contact, and the new password signs in.

mod applicant_support;

use applicant_support::{complete_profile, embedded_db, register, sign_in, wait_online, PASSWORD};
use jszg_e2e::journey::{resident_id, sms_code_from_inbox};
use jszg_e2e::{Harness, Window};

const NEW_PASSWORD: &str = "Changed#2026x";
const OLD_PHONE: &str = "15800000071";
const NEW_PHONE: &str = "15800000072";

/// Waits for an inbox message to `destination` whose body contains `needle`, and
/// returns that body.
async fn inbox_body(window: &Window, destination: &str, needle: &str) -> anyhow::Result<String> {
    let found = format!(
        "([...document.querySelectorAll('#inbox-list li[data-destination=\"{destination}\"] .body')]\
         .map((b) => b.textContent).find((t) => t.includes({needle:?})) || null)"
    );
    let opened = window
        .client
        .execute("return !document.querySelector('#inbox').hidden;", vec![])
        .await?;
    if opened != serde_json::Value::Bool(true) {
        window.click("#inbox-toggle").await?;
    }
    window
        .wait_script(
            &format!("an inbox message to {destination} with {needle}"),
            &format!("return {found} !== null;"),
        )
        .await?;
    let body = window
        .client
        .execute(&format!("return {found};"), vec![])
        .await?;
    Ok(body.as_str().unwrap_or_default().to_string())
}

#[tokio::test]
async fn password_then_phone_changed() -> anyhow::Result<()> {
    let harness = Harness::start(&[])?;
    let db = embedded_db(&harness);
    let window = harness.open().await?;
    wait_online(&window).await?;
    let number = resident_id("11010119880512203");
    register(&window, &db, &number, OLD_PHONE).await?;
    sign_in(&window, &db, &number, PASSWORD).await?;
    complete_profile(&window).await?;

    window.go("#/password").await?;
    window
        .fill("#password-change-current_password", "Wrong#2026pass")
        .await?;
    window
        .fill("#password-change-password", NEW_PASSWORD)
        .await?;
    window
        .fill("#password-change-password_confirm", NEW_PASSWORD)
        .await?;
    window.click("#password-submit").await?;
    let field = window
        .wait_text("#password-change-current_password-msg", |t| !t.is_empty())
        .await?;
    assert!(field.contains("当前密码不正确"), "{field}");

    window
        .fill("#password-change-current_password", PASSWORD)
        .await?;
    window.click("#password-submit").await?;
    window
        .wait_text("#password-notice", |t| t.contains("密码已修改"))
        .await?;
    let notice = inbox_body(&window, OLD_PHONE, "登录密码已于").await?;
    assert!(
        notice.contains("11*****"),
        "masked document number: {notice}"
    );
    assert!(
        !notice.contains(&number),
        "no full document number: {notice}"
    );

    window.go("#/phone").await?;
    window
        .fill("#phone-change-current_password", NEW_PASSWORD)
        .await?;
    window.fill("#phone-change-phone", NEW_PHONE).await?;
    window.click("#phone-code-request").await?;
    let code = sms_code_from_inbox(&window, NEW_PHONE).await?;
    window.fill("#phone-change-code", &code).await?;
    window.click("#phone-submit").await?;
    window
        .wait_text("#phone-notice", |t| t.contains("手机号码已修改"))
        .await?;
    let notice = inbox_body(&window, OLD_PHONE, "绑定的手机号码已于").await?;
    assert!(notice.contains("158*****72"), "masked new phone: {notice}");

    window.click("#sign-out").await?;
    window
        .wait_script(
            "signed out",
            "return document.getElementById('sign-out').hidden;",
        )
        .await?;
    sign_in(&window, &db, &number, NEW_PASSWORD).await?;
    window
        .wait_for("body[data-route=\"/verify\"] #verify-run")
        .await?;
    window.close().await;
    Ok(())
}
