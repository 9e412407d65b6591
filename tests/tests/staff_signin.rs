//! The reviewer sign-in screen: reached from the start page, the TOTP code checked in
//! Rust and its message tied to the field, and a failed sign-in keeping what was typed.

use jszg_e2e::Harness;

#[tokio::test]
async fn staff_signin_checks_totp_code() -> anyhow::Result<()> {
    let harness = Harness::start(&[])?;
    let window = harness.open().await?;
    window.go("#/start").await?;
    window.click("#entrance-staff").await?;
    window
        .wait_for("body[data-route=\"/staff/signin\"] h1")
        .await?;

    window.fill("#staff-signin-username", "reviewer.li").await?;
    window
        .fill("#staff-signin-password", "Reviewer#2026")
        .await?;
    window.fill("#staff-signin-totp_code", "12345").await?;
    window.click("#staff-signin-submit").await?;
    let message = window
        .wait_text("#staff-signin-totp_code-msg", |text| !text.is_empty())
        .await?;
    assert!(message.contains("6 位数字"), "message was {message:?}");

    // A well-formed code goes to the server; without a staff endpoint the page shows
    // the server's or the connection's error and keeps the form.
    window.fill("#staff-signin-totp_code", "123 456").await?;
    window.click("#staff-signin-submit").await?;
    window
        .wait_text("#staff-signin-notice", |text| !text.trim().is_empty())
        .await?;
    assert_eq!(window.value("#staff-signin-username").await?, "reviewer.li");
    window
        .wait_script(
            "still on the sign-in screen",
            "return document.body.dataset.route === '/staff/signin';",
        )
        .await?;

    // Every staff screen sends a signed-out user back to the sign-in screen.
    window
        .client
        .execute("location.hash = '#/staff/queue';", vec![])
        .await?;
    window
        .wait_script(
            "redirected to sign-in",
            "return document.body.dataset.route === '/staff/signin' && !!document.querySelector('#staff-signin-username');",
        )
        .await?;
    window.close().await;
    Ok(())
}
