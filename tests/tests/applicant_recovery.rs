//! An applicant registers with a code from the (simulated) WeChat service account,
//! forgets the password, resets it with an SMS code read from the development inbox,
//! and signs in with the new one. Another resets by the emailed link, opened from the
//! development inbox, which works once.

mod applicant_support;

use applicant_support::{
    agree_and_submit_registration, embedded_db, register, sign_in, wait_online, NAME, PASSWORD,
};
use jszg_e2e::journey::{resident_id, sms_code_from_inbox, solve_captcha};
use jszg_e2e::{Harness, Window};

const NEW_PASSWORD: &str = "Renewed@2026";

/// Registers through the WeChat code channel: the simulated phone asks the service
/// account for a code with the document number.
async fn register_with_wechat(window: &Window, number: &str, phone: &str) -> anyhow::Result<()> {
    window.go("#/register").await?;
    window.fill("#register-document_number", number).await?;
    window.fill("#register-name", NAME).await?;
    window
        .click("input[name=\"register-validity_period\"][value=\"long_term\"]")
        .await?;
    window
        .fill("#register-validity_start", "2015-03-01")
        .await?;
    window.fill("#register-password", PASSWORD).await?;
    window.fill("#register-password_confirm", PASSWORD).await?;
    window.fill("#register-email", "654321@qq.com").await?;
    window.fill("#register-phone", phone).await?;
    window
        .click("input[name=\"register-code_channel\"][value=\"wechat\"]")
        .await?;
    window.wait_for("#register-wechat-steps").await?;
    assert!(
        !window
            .client
            .find(fantoccini::Locator::Css("#register-code-request"))
            .await?
            .is_displayed()
            .await?,
        "the SMS button hides while WeChat is chosen"
    );
    window.click("#register-wechat-sim-action-0").await?;
    window
        .wait_text("#register-wechat-sim-log li.them", |t| {
            t.contains("证件号码")
        })
        .await?;
    window.click("#register-wechat-sim-action-1").await?;
    let reply = window
        .wait_text("#register-wechat-sim-log li.them:last-child", |t| {
            t.contains("注册验证码为")
        })
        .await?;
    let code: String = reply
        .split("注册验证码为：")
        .nth(1)
        .unwrap_or("")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert_eq!(code.len(), 6, "{reply}");
    window.fill("#register-code", &code).await?;
    agree_and_submit_registration(window).await
}

#[tokio::test]
async fn forgot_password_by_sms_then_sign_in_with_the_new_one() -> anyhow::Result<()> {
    let harness = Harness::start(&[])?;
    let db = embedded_db(&harness);
    let window = harness.open().await?;
    wait_online(&window).await?;
    let number = resident_id("11010119850611402");
    let phone = "15800000041";
    register_with_wechat(&window, &number, phone).await?;

    window.go("#/forgot").await?;
    window.fill("#forgot-document_number", &number).await?;
    window.fill("#forgot-name", "郝北").await?;
    window.click("#forgot-next").await?;
    window
        .wait_text("#forgot-notice", |t| t.contains("图形验证"))
        .await?;
    solve_captcha(&window, &db, "forgot-captcha").await?;
    window.click("#forgot-next").await?;
    window
        .wait_text("#forgot-notice", |t| t.contains("核对后重新输入"))
        .await?;
    assert!(
        window
            .client
            .find(fantoccini::Locator::Css("#reset-panel"))
            .await
            .is_err(),
        "a wrong name does not open the reset methods"
    );
    window.fill("#forgot-name", NAME).await?;
    solve_captcha(&window, &db, "forgot-captcha").await?;
    window.click("#forgot-next").await?;
    let masked = window.wait_text("#masked-phone", |t| !t.is_empty()).await?;
    assert_eq!(masked, "158*****41");

    // The account was registered through WeChat, so the WeChat method is offered.
    window.click("#reset-method-wechat").await?;
    window.wait_for("#reset-wechat-steps").await?;
    window.click("#reset-method-sms").await?;
    solve_captcha(&window, &db, "reset-sms-captcha").await?;
    window.click("#reset-code-request").await?;
    let code = sms_code_from_inbox(&window, phone).await?;
    window.fill("#reset-sms-code", &code).await?;
    window.fill("#reset-sms-password", NEW_PASSWORD).await?;
    window
        .fill("#reset-sms-password_confirm", NEW_PASSWORD)
        .await?;
    window.click("#reset-sms-submit").await?;
    window
        .wait_text("#forgot-notice", |t| t.contains("密码已重置"))
        .await?;
    window.wait_for("body[data-route=\"/signin\"] h1").await?;

    sign_in(&window, &db, &number, NEW_PASSWORD).await?;
    window
        .wait_for("body[data-route=\"/profile\"] #profile")
        .await?;
    window.wait_for("#sign-out").await?;
    window.close().await;
    Ok(())
}

#[tokio::test]
async fn email_link_opened_from_inbox_once() -> anyhow::Result<()> {
    let harness = Harness::start(&[])?;
    let db = embedded_db(&harness);
    let window = harness.open().await?;
    wait_online(&window).await?;
    let number = resident_id("11010119860203501");
    register(&window, &db, &number, "15800000081").await?;

    window.go("#/forgot").await?;
    window.fill("#forgot-document_number", &number).await?;
    window.fill("#forgot-name", NAME).await?;
    solve_captcha(&window, &db, "forgot-captcha").await?;
    window.click("#forgot-next").await?;
    window.click("#reset-method-email").await?;
    window.click("#reset-email-send").await?;
    window
        .wait_text("#forgot-notice", |t| t.contains("1*****@qq.com"))
        .await?;

    let open = "#inbox-list li[data-destination=\"123456@qq.com\"] button[data-open-link]";
    window.wait_for(open).await?;
    window.click(open).await?;
    window
        .wait_for("body[data-route=\"/reset-link\"] #reset-link-link")
        .await?;
    let link = window
        .client
        .execute(
            "return document.querySelector('#reset-link-link').value;",
            vec![],
        )
        .await?;
    let link = link.as_str().unwrap_or_default().to_string();
    assert!(link.contains("token="), "link filled in: {link:?}");
    window.fill("#reset-link-password", NEW_PASSWORD).await?;
    window
        .fill("#reset-link-password_confirm", NEW_PASSWORD)
        .await?;
    window.click("#reset-link-submit").await?;
    window
        .wait_text("#reset-link-notice", |t| t.contains("密码已重置"))
        .await?;
    window.wait_for("body[data-route=\"/signin\"] h1").await?;

    // The link works once.
    window.go("#/reset-link").await?;
    window.fill("#reset-link-link", &link).await?;
    window
        .fill("#reset-link-password", "Another#2026pw")
        .await?;
    window
        .fill("#reset-link-password_confirm", "Another#2026pw")
        .await?;
    window.click("#reset-link-submit").await?;
    let used = window
        .wait_text("#reset-link-notice", |t| !t.is_empty())
        .await?;
    assert!(used.contains("已使用"), "a used link is rejected: {used}");

    sign_in(&window, &db, &number, NEW_PASSWORD).await?;
    window
        .wait_for("body[data-route=\"/profile\"] #profile")
        .await?;
    window.close().await;
    Ok(())
}
