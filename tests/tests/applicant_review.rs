//! A new applicant whom the identity register does not know fails real-name
//! verification and asks for a manual review with three photos, one of them a JPEG over
//! the size limit that the app fits first; the status page then shows it pending.

mod applicant_support;

use applicant_support::{complete_profile, embedded_db, register, sign_in, wait_online};
use applicant_support::{write_jpeg, NAME, PASSWORD};
use jszg_e2e::journey::resident_id;
use jszg_e2e::{Harness, Window};

async fn pick(window: &Window, slot: &str, file: &str) -> anyhow::Result<()> {
    window
        .fill(&format!("#review-{slot}-test-file"), file)
        .await?;
    window.click(&format!("#review-{slot}-pick")).await?;
    Ok(())
}

#[tokio::test]
async fn failed_verification_leads_to_a_pending_manual_review() -> anyhow::Result<()> {
    let photos = tempfile::Builder::new().prefix("jszg-photos-").tempdir()?;
    for side in ["side-a.jpg", "side-b.jpg"] {
        let size = write_jpeg(&photos.path().join(side), 800, 600, 80)?;
        assert!(
            size < 190 * 1024,
            "{side} must start under the limit ({size} bytes)"
        );
    }
    let big = write_jpeg(&photos.path().join("handheld.jpg"), 2400, 1800, 95)?;
    assert!(
        big >= 190 * 1024,
        "the handheld photo must start over the limit ({big} bytes)"
    );

    let harness = Harness::start(&[("JSZG_TEST_PHOTO_DIR", photos.path().display().to_string())])?;
    let db = embedded_db(&harness);
    let window = harness.open().await?;
    wait_online(&window).await?;
    let number = resident_id("11010119900307123");

    register(&window, &db, &number, "15800000031").await?;
    sign_in(&window, &db, &number, PASSWORD).await?;
    complete_profile(&window).await?;

    // Verification: the confirmation shows the exact name and the attempts left today.
    window
        .wait_text("#verify-attempts", |t| t.starts_with('3'))
        .await?;
    window.click("#verify-run").await?;
    let name = window
        .wait_text("#verify-confirm-name", |t| !t.is_empty())
        .await?;
    assert_eq!(name, NAME);
    assert_eq!(
        window
            .wait_text("#verify-confirm-left", |t| !t.is_empty())
            .await?,
        "3"
    );
    window
        .click("#verify-confirm button[data-value=\"true\"]")
        .await?;
    let help = window
        .wait_text("#verify-failed", |t| t.contains("未通过"))
        .await?;
    assert!(help.contains("今日还剩 2 次"), "{help}");
    assert!(
        help.contains("CTID"),
        "resident-ID holders see the CTID refresh: {help}"
    );
    window.wait_for("#verify-ctid-guide").await?;
    window.click("#verify-to-review").await?;

    // Manual review: the oversized photo is reported and fitted in the app.
    window
        .wait_for("body[data-route=\"/review\"] #review-submit")
        .await?;
    window
        .click("input[name=\"review-validity_period\"][value=\"twenty_years\"]")
        .await?;
    window.fill("#review-validity_start", "2020-05-01").await?;
    pick(&window, "side_a", "side-a.jpg").await?;
    pick(&window, "side_b", "side-b.jpg").await?;
    pick(&window, "handheld", "handheld.jpg").await?;
    for slot in ["side_a", "side_b"] {
        let report = window
            .wait_text(&format!("#review-{slot}-report"), |t| !t.is_empty())
            .await?;
        assert!(report.contains("照片符合要求"), "{slot}: {report}");
    }
    let fault = window
        .wait_text(
            "#review-handheld-report [data-code=\"photo.too_large\"]",
            |t| t.contains("190 KB"),
        )
        .await?;
    assert!(fault.contains("照片大小"), "fault in Chinese: {fault}");
    window.click("#review-handheld-fit").await?;
    let fitted = window
        .wait_text("#review-handheld-fitted", |t| t.contains('→'))
        .await?;
    let sizes: Vec<f64> = fitted
        .split(['：', '→'])
        .skip(1)
        .map(|part| {
            part.trim()
                .trim_end_matches("KB")
                .trim()
                .parse()
                .unwrap_or(0.0)
        })
        .collect();
    assert_eq!(sizes.len(), 2, "{fitted}");
    assert!(
        (sizes[0] - big as f64 / 1024.0).abs() < 0.2,
        "before: {fitted}"
    );
    assert!(sizes[1] < 190.0 && sizes[1] > 0.0, "after: {fitted}");
    window
        .wait_for("#review-handheld-report [data-code=\"photo.ok\"]")
        .await?;
    window
        .fill("#review-reason", "户口迁移后姓名用字更正，实名核验未通过。")
        .await?;

    window.click("#review-submit").await?;
    assert_eq!(
        window
            .wait_text("#review-confirm-left", |t| !t.is_empty())
            .await?,
        "3"
    );
    window
        .click("#review-confirm button[data-value=\"true\"]")
        .await?;
    window
        .wait_text("#review-notice", |t| t.contains("已提交人工审核"))
        .await?;

    // Status page: the review is pending and the failed attempt is in the history.
    window
        .wait_for("body[data-route=\"/status\"] #review-history tr[data-status=\"pending\"]")
        .await?;
    window
        .wait_text("#verification-state", |t| t.contains("待审核"))
        .await?;
    window
        .wait_for("#verification-history tr[data-outcome=\"failed\"]")
        .await?;

    let url = format!("sqlite://{}?mode=ro", db.display());
    let pool = sqlx::SqlitePool::connect(&url).await?;
    let (pending,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM manual_reviews WHERE status = 'pending'")
            .fetch_one(&pool)
            .await?;
    let (photos_stored, largest): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), MAX(size_bytes) FROM manual_review_photos")
            .fetch_one(&pool)
            .await?;
    pool.close().await;
    assert_eq!(pending, 1);
    assert_eq!(photos_stored, 3);
    assert!(
        largest < 190 * 1024,
        "every stored photo is under the limit: {largest}"
    );
    window.close().await;
    Ok(())
}
