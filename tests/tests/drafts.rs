//! A draft typed into the registration form survives the app being killed.

use jszg_e2e::Harness;

#[tokio::test]
async fn draft_restored_after_kill() -> anyhow::Result<()> {
    let harness = Harness::start(&[])?;
    let window = harness.open().await?;
    window.go("#/register").await?;
    window.fill("#register-name", "郝京").await?;
    window
        .fill("#register-document_number", "110101199003071234")
        .await?;
    window.fill("#register-phone", "15800000011").await?;
    window.fill("#register-password", "Secret#123").await?;
    window
        .wait_script(
            "draft saved",
            "return document.querySelector('#register').dataset.draft === 'saved';",
        )
        .await?;

    harness.kill_app()?;
    window.close().await;

    let window = harness.open().await?;
    window.go("#/register").await?;
    window
        .wait_script(
            "draft restored",
            "return document.querySelector('#register-name').value === '郝京';",
        )
        .await?;
    assert_eq!(
        window.value("#register-document_number").await?,
        "110101199003071234"
    );
    assert_eq!(window.value("#register-phone").await?, "15800000011");
    assert_eq!(
        window.value("#register-password").await?,
        "",
        "passwords are never kept in drafts"
    );
    window.close().await;
    Ok(())
}
