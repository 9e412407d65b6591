//! The administrators' screen: the staff list, the audit log filtered by action, and
//! the audit chain check, after a reviewer has signed in and opened a review.

mod staff_support;

use jszg_api::staff::StaffRole;
use jszg_e2e::Harness;
use serde_json::json;
use staff_support::screens::{open_item, staff_sign_in};
use staff_support::{screenshot, submit_review, TestServer};

#[tokio::test]
async fn staff_admin_audit_and_staff() -> anyhow::Result<()> {
    let server = TestServer::start().await?;
    let reviewer_secret = server.add_reviewer("reviewer.li").await?;
    let admin_secret = server.add_staff("admin.zhao", StaffRole::Admin).await?;
    let applicant = server
        .applicant("11010519491231002X", "15800000013")
        .await?;
    let id = submit_review(&applicant, "张三").await?;

    let harness = Harness::start(&server.app_env())?;
    let window = harness.open().await?;
    staff_sign_in(&window, "reviewer.li", &reviewer_secret).await?;
    let admin_link = window
        .client
        .execute(
            "return document.querySelector('a[href=\"#/staff/admin\"]') !== null;",
            vec![],
        )
        .await?;
    assert_eq!(admin_link, json!(false), "reviewers see no admin link");
    open_item(&window, &id).await?;
    window.wait_for("#staff-claimed").await?;
    window.click("#staff-sign-out").await?;
    window
        .wait_script(
            "signed out",
            "return document.body.dataset.route === '/staff/signin';",
        )
        .await?;
    // The sign-in screen is open already, so leave it to have it drawn afresh.
    window.go("#/start").await?;

    staff_sign_in(&window, "admin.zhao", &admin_secret).await?;
    window.click("a[href=\"#/staff/admin\"]").await?;
    window
        .wait_script(
            "admin screen loaded",
            "return document.body.dataset.route === '/staff/admin' && document.querySelector('#view').dataset.loaded === 'true';",
        )
        .await?;
    window
        .wait_for("#admin-staff tr[data-username=\"reviewer.li\"]")
        .await?;
    window
        .wait_for("#admin-staff tr[data-username=\"admin.zhao\"]")
        .await?;
    let check = window.wait_for("#audit-check-result").await?;
    assert_eq!(check.attr("data-ok").await?.as_deref(), Some("true"));
    window
        .wait_for("#audit-log tr[data-action=\"review.claim\"]")
        .await?;
    screenshot(&window, "staff-admin").await?;

    window.select("#audit-action", "staff.sign_in").await?;
    window.click("#audit-search").await?;
    window
        .wait_script(
            "audit log filtered",
            "const rows = [...document.querySelectorAll('#audit-log tbody tr')];
             return rows.length === 2 && rows.every((row) => row.dataset.action === 'staff.sign_in');",
        )
        .await?;
    let page = window
        .wait_text("#audit-page", |t| t.contains("共 2 条"))
        .await?;
    assert!(page.starts_with("第 1 / 1 页"), "page label was {page:?}");
    window.close().await;
    Ok(())
}
