//! Screenshots of every screen under Xvfb, written to `docs/screenshots/`.
//! Run on demand: `cargo xtask test -p jszg-e2e --test screenshots -- --ignored`.

use jszg_e2e::{Harness, Window};
use std::path::PathBuf;
use std::process::Command;

fn shot(name: &str) -> anyhow::Result<()> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
    std::fs::create_dir_all(&folder)?;
    let path = folder.join(format!("{name}.png"));
    let status = Command::new("import")
        .args(["-window", "root"])
        .arg(&path)
        .status()?;
    anyhow::ensure!(status.success(), "import failed for {name}");
    Ok(())
}

/// Waits two animation frames so the last change is painted before the capture.
async fn settle(window: &Window) -> anyhow::Result<()> {
    window
        .client
        .execute_async(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await?;
    Ok(())
}

#[tokio::test]
#[ignore = "writes docs/screenshots; run on demand"]
async fn capture_every_screen() -> anyhow::Result<()> {
    let harness = Harness::start(&[])?;
    let window = harness.open().await?;
    window
        .wait_script(
            "server reachable",
            "return document.querySelector('#connection').classList.contains('online');",
        )
        .await?;
    settle(&window).await?;
    shot("01-start")?;

    window.go("#/signin?business=certification").await?;
    settle(&window).await?;
    shot("02-signin")?;

    window.go("#/register").await?;
    window
        .fill("#register-document_number", "11010119900307123")
        .await?;
    window.fill("#register-name", "郝京").await?;
    window.fill("#register-password", "abc12345").await?;
    window.fill("#register-email", "abc@qq").await?;
    window
        .wait_text("#register-email-msg", |text| !text.is_empty())
        .await?;
    settle(&window).await?;
    shot("03-register-validation")?;

    window.click("#agreement-open").await?;
    window.wait_for("#agreement").await?;
    settle(&window).await?;
    shot("04-agreement")?;
    window.click("#agreement button[data-value=true]").await?;

    window.go("#/forgot").await?;
    settle(&window).await?;
    shot("05-forgot")?;

    window.go("#/contact-change?kind=phone").await?;
    settle(&window).await?;
    shot("06-contact-change")?;

    window.go("#/help").await?;
    settle(&window).await?;
    shot("07-verification-help")?;

    window.go("#/review").await?;
    settle(&window).await?;
    shot("08-manual-review")?;

    window.go("#/status").await?;
    settle(&window).await?;
    shot("09-status")?;

    window.go("#/settings").await?;
    settle(&window).await?;
    shot("10-settings")?;

    window.click("#inbox-toggle").await?;
    window.wait_for("#inbox").await?;
    settle(&window).await?;
    shot("11-inbox")?;
    window.close().await;
    Ok(())
}
