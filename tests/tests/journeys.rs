//! The applicant's path through the app against the embedded local server.

mod applicant_support;

use applicant_support::{embedded_db, register, sign_in, wait_online, NAME, PASSWORD};
use jszg_e2e::journey::resident_id;
use jszg_e2e::Harness;

#[tokio::test]
async fn register_sign_in_complete_profile() -> anyhow::Result<()> {
    let harness = Harness::start(&[])?;
    let db = embedded_db(&harness);
    let window = harness.open().await?;
    wait_online(&window).await?;
    let number = resident_id("11010119900307123");

    register(&window, &db, &number, "15800000011").await?;
    sign_in(&window, &db, &number, PASSWORD).await?;
    window
        .wait_for("body[data-route=\"/profile\"] #profile")
        .await?;
    window
        .wait_text("#profile-notice", |text| text.contains("完善个人身份信息"))
        .await?;
    assert_eq!(window.value("#profile-name").await?, NAME);
    window.select("#profile-ethnicity", "01").await?;
    window.click("#profile-submit").await?;
    window
        .wait_text("#profile-notice", |text| text.contains("已保存"))
        .await?;
    window.close().await;
    Ok(())
}
