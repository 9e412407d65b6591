//! The administrators' pages (staff list, audit log, chain check) and who may call the
//! staff endpoints at all.

mod review_support;
mod support;

use jszg_api::staff::StaffRole;
use jszg_api::staff_admin::{AuditCheck, AuditPage, StaffMember};
use jszg_core::DocumentType;
use review_support::{create_applicant, create_reviewer, create_staff};
use serde_json::json;
use support::{error_body, parse, Backend, TestServer};

async fn staff_list_is_for_admins_only(backend: Backend) {
    let server = TestServer::start(backend).await;
    let admin = create_staff(&server, "admin.one", StaffRole::Admin).await;
    let reviewer = create_reviewer(&server, "reviewer.one").await;

    let (status, body) = server.get_auth("/staff/admin/staff", &admin.token).await;
    assert_eq!(status, 200, "{body}");
    let staff: Vec<StaffMember> = parse(&body);
    let names: Vec<&str> = staff
        .iter()
        .map(|member| member.username.as_str())
        .collect();
    assert_eq!(names, ["admin.one", "reviewer.one"]);
    assert!(staff.iter().all(|member| member.last_sign_in_at.is_some()));
    assert_eq!(staff[1].role, StaffRole::Reviewer);
    let text = body.to_string();
    assert!(!text.contains("password"), "{text}");
    assert!(!text.contains("totp"), "{text}");

    for path in ["/staff/admin/staff", "/staff/admin/audit"] {
        let (status, body) = server.get_auth(path, &reviewer.token).await;
        assert_eq!(status, 403, "{path}: {body}");
        assert_eq!(error_body(&body).code, "staff.admin_only");
    }
    let (status, body) = server
        .post_auth("/staff/admin/audit/check", &reviewer.token, &json!({}))
        .await;
    assert_eq!(status, 403, "{body}");
    server.stop().await;
}
both_backends!(admin_pages, staff_list_is_for_admins_only);

async fn audit_page_filters_and_pages(backend: Backend) {
    let server = TestServer::start(backend).await;
    let admin = create_staff(&server, "admin.one", StaffRole::Admin).await;
    let reviewer = create_reviewer(&server, "reviewer.one").await;
    let reviewer_id: String = sqlx::query_scalar("SELECT id FROM staff WHERE username = $1")
        .bind(&reviewer.username)
        .fetch_one(&server.db().pool)
        .await
        .unwrap();

    let (status, body) = server
        .get_auth(
            "/staff/admin/audit?action=staff.sign_in&per_page=1",
            &admin.token,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let page: AuditPage = parse(&body);
    assert_eq!(page.total, 2);
    assert_eq!(page.entries.len(), 1);
    assert_eq!(page.entries[0].detail["username"], "reviewer.one");
    let (status, body) = server
        .get_auth(
            "/staff/admin/audit?action=staff.sign_in&per_page=1&page=2",
            &admin.token,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        parse::<AuditPage>(&body).entries[0].detail["username"],
        "admin.one"
    );

    let query =
        format!("/staff/admin/audit?actor=staff%3A{reviewer_id}&from=2026-03-10&to=2026-03-10");
    let page: AuditPage = parse(&server.get_auth(&query, &admin.token).await.1);
    assert_eq!(page.total, 1);
    assert_eq!(page.entries[0].action, "staff.sign_in");
    let query = "/staff/admin/audit?from=2026-03-11";
    let page: AuditPage = parse(&server.get_auth(query, &admin.token).await.1);
    assert_eq!(page.total, 0, "nothing happened on 11 March");
    let (status, body) = server
        .get_auth("/staff/admin/audit?from=2026-02-30", &admin.token)
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(error_body(&body).code, "audit.query_invalid");
    server.stop().await;
}
both_backends!(audit_page, audit_page_filters_and_pages);

async fn chain_check_finds_a_tampered_row(backend: Backend) {
    let server = TestServer::start(backend).await;
    let admin = create_staff(&server, "admin.two", StaffRole::Admin).await;
    create_reviewer(&server, "reviewer.two").await;
    let check = |token: String| {
        let server = &server;
        async move {
            let (status, body) = server
                .post_auth("/staff/admin/audit/check", &token, &json!({}))
                .await;
            assert_eq!(status, 200, "{body}");
            parse::<AuditCheck>(&body)
        }
    };
    let intact = check(admin.token.clone()).await;
    assert!(intact.ok, "{intact:?}");
    assert_eq!(intact.entries, 2);

    let drop_trigger = match backend {
        Backend::Sqlite => "DROP TRIGGER audit_log_no_update",
        Backend::Postgres => "DROP TRIGGER audit_log_no_change ON audit_log",
    };
    let pool = &server.db().pool;
    sqlx::query(drop_trigger).execute(pool).await.unwrap();
    sqlx::query("UPDATE audit_log SET detail = '{\"username\":\"someone\"}' WHERE seq = 2")
        .execute(pool)
        .await
        .unwrap();
    let broken = check(admin.token.clone()).await;
    assert!(!broken.ok);
    assert_eq!(broken.broken_seq, Some(2));
    assert_eq!(broken.fault.as_deref(), Some("hash_mismatch"));
    server.stop().await;
}
both_backends!(audit_check, chain_check_finds_a_tampered_row);

async fn applicants_cannot_reach_staff_endpoints(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = create_applicant(
        &server,
        DocumentType::HkMacaoTravelPermit,
        "M87654321",
        "何家豪",
        None,
    )
    .await;
    let gets = [
        "/staff/contact-changes",
        "/staff/contact-changes/any",
        "/staff/contact-changes/any/photo",
        "/staff/manual-reviews?state=claimed",
        "/staff/admin/staff",
        "/staff/admin/audit",
    ];
    let posts = [
        "/staff/contact-changes/any/claim",
        "/staff/contact-changes/any/claim/release",
        "/staff/manual-reviews/any/claim/release",
        "/staff/contact-changes/any/decision",
        "/staff/admin/audit/check",
    ];
    for path in gets {
        for token in [applicant.token.as_str(), "no-such-token"] {
            let (status, body) = server.get_auth(path, token).await;
            assert_eq!(status, 401, "{path}: {body}");
            assert_eq!(error_body(&body).code, "staff.unauthorized");
        }
        let (status, _) = server.get(path).await;
        assert_eq!(status, 401, "{path} without a token");
    }
    let decision = json!({"decision": "approve"});
    for path in posts {
        let (status, body) = server.post_auth(path, &applicant.token, &decision).await;
        assert_eq!(status, 401, "{path}: {body}");
        let (status, _) = server.post(path, &decision).await;
        assert_eq!(status, 401, "{path} without a token");
    }
    server.stop().await;
}
both_backends!(applicant_access, applicants_cannot_reach_staff_endpoints);
