//! Steps on the reviewer screens shared by the tests: signing in with a TOTP code,
//! opening a queue item and pressing shortcut keys.

use super::{totp_now, STAFF_PASSWORD};
use jszg_e2e::Window;
use serde_json::json;

/// Signs in at the staff sign-in screen and waits for the loaded queue.
pub async fn staff_sign_in(window: &Window, username: &str, secret: &str) -> anyhow::Result<()> {
    fill_sign_in(window, username, secret).await?;
    window.click("#staff-signin-submit").await?;
    window
        .wait_script(
            "queue loaded",
            "return document.body.dataset.route === '/staff/queue' && document.querySelector('#view').dataset.loaded === 'true';",
        )
        .await
}

/// Opens the staff sign-in screen and types the username, password and current code.
pub async fn fill_sign_in(window: &Window, username: &str, secret: &str) -> anyhow::Result<()> {
    window.go("#/staff/signin").await?;
    window.fill("#staff-signin-username", username).await?;
    window
        .fill("#staff-signin-password", STAFF_PASSWORD)
        .await?;
    window
        .fill("#staff-signin-totp_code", &totp_now(secret))
        .await
}

/// Opens the queue row `id` and waits until the item screen is ready.
pub async fn open_item(window: &Window, id: &str) -> anyhow::Result<()> {
    window.click(&format!("tr[data-id=\"{id}\"] a")).await?;
    window
        .wait_script(
            "item ready",
            "return document.body.dataset.route === '/staff/item' && document.querySelector('#view').dataset.ready === 'true';",
        )
        .await
}

/// Sends a key press to the page as the keyboard would.
pub async fn press(window: &Window, key: &str) -> anyhow::Result<()> {
    window
        .client
        .execute(
            "document.body.focus(); document.body.dispatchEvent(new KeyboardEvent('keydown', {key: arguments[0], bubbles: true}));",
            vec![json!(key)],
        )
        .await?;
    Ok(())
}
