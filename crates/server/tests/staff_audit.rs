//! Staff sign-in with TOTP, the `staff add` and `audit verify` commands, and the audit
//! hash chain.

mod support;

use jszg_api::staff::{StaffRole, StaffSession};
use jszg_server::audit::{self, AuditReport};
use jszg_server::clock::Clock;
use jszg_server::staff::accounts::{add_staff, NewStaff};
use jszg_server::staff::totp::code_at;
use serde_json::json;
use support::{parse, Backend, TestServer};

async fn create_reviewer(server: &TestServer, username: &str) -> NewStaff {
    let state = server.server.state();
    add_staff(
        &state.db,
        &state.keys,
        &state.hasher,
        username,
        StaffRole::Reviewer,
        Some("Reviewer#2026".to_string()),
        server.clock.now_ms(),
    )
    .await
    .unwrap()
}

fn current_code(server: &TestServer, secret: &str) -> String {
    code_at(secret, server.clock.now_ms() as u64 / 1000).unwrap()
}

async fn sign_in(
    server: &TestServer,
    username: &str,
    password: &str,
    code: &str,
) -> (u16, serde_json::Value) {
    server
        .post(
            "/staff/sessions",
            &json!({ "username": username, "password": password, "totp_code": code }),
        )
        .await
}

async fn sign_in_needs_all_three_factors(backend: Backend) {
    let server = TestServer::start(backend).await;
    let staff = create_reviewer(&server, "reviewer.one").await;

    let (status, body) = sign_in(&server, "reviewer.one", "Reviewer#2026", "").await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "staff.sign_in_failed");
    let (status, _) = sign_in(&server, "reviewer.one", "Reviewer#2026", "000000").await;
    assert_eq!(status, 401);
    let code = current_code(&server, &staff.totp_secret);
    let (status, _) = sign_in(&server, "reviewer.one", "wrong#2026", &code).await;
    assert_eq!(status, 401);
    let (status, _) = sign_in(&server, "nobody", "Reviewer#2026", &code).await;
    assert_eq!(status, 401);

    let (status, body) = sign_in(&server, "reviewer.one", "Reviewer#2026", &code).await;
    assert_eq!(status, 200, "{body}");
    let session: StaffSession = parse(&body);
    assert_eq!(session.role, StaffRole::Reviewer);

    // The same code cannot open a second session.
    let (status, _) = sign_in(&server, "reviewer.one", "Reviewer#2026", &code).await;
    assert_eq!(status, 401);

    let (status, body) = server.get_auth("/staff/reasons", &session.token).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.as_array().is_some_and(|reasons| !reasons.is_empty()));
    let (status, body) = server.get("/staff/manual-reviews").await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "staff.unauthorized");
    let (status, _) = server
        .get_auth("/staff/manual-reviews", "not-a-token")
        .await;
    assert_eq!(status, 401);

    let response = server
        .client
        .delete(server.url("/staff/sessions/current"))
        .bearer_auth(&session.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let (status, _) = server.get_auth("/staff/reasons", &session.token).await;
    assert_eq!(status, 401);
    server.stop().await;
}
both_backends!(staff_sign_in, sign_in_needs_all_three_factors);

async fn tampered_audit_row_is_found(backend: Backend) {
    let server = TestServer::start(backend).await;
    let staff = create_reviewer(&server, "reviewer.two").await;
    for _ in 0..3 {
        let (status, _) = sign_in(&server, "reviewer.two", "wrong#2026", "123456").await;
        assert_eq!(status, 401);
    }
    let code = current_code(&server, &staff.totp_secret);
    let (status, _) = sign_in(&server, "reviewer.two", "Reviewer#2026", &code).await;
    assert_eq!(status, 200);
    let db = server.db();
    assert_eq!(
        audit::verify(db).await.unwrap(),
        AuditReport::Intact { entries: 4 }
    );

    let blocked = sqlx::query("UPDATE audit_log SET detail = '{}' WHERE seq = 2")
        .execute(&db.pool)
        .await;
    assert!(blocked.is_err(), "the trigger rejects changes");

    let drop_trigger = match backend {
        Backend::Sqlite => "DROP TRIGGER audit_log_no_update",
        Backend::Postgres => "DROP TRIGGER audit_log_no_change ON audit_log",
    };
    sqlx::query(drop_trigger).execute(&db.pool).await.unwrap();
    sqlx::query("UPDATE audit_log SET detail = '{\"factor\":\"totp\"}' WHERE seq = 2")
        .execute(&db.pool)
        .await
        .unwrap();
    match audit::verify(db).await.unwrap() {
        AuditReport::Broken(broken) => assert_eq!(broken.seq, 2),
        other => panic!("expected a broken chain, got {other:?}"),
    }

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_jszg-server"))
        .args(["audit", "verify"])
        .env("JSZG_DATA_DIR", server.dir.path())
        .env("DATABASE_URL", &server.database_url)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("broken at entry 2"), "{stdout}");
    server.stop().await;
}
both_backends!(audit_tamper, tampered_audit_row_is_found);

async fn concurrent_appends_keep_one_chain(backend: Backend) {
    let first = TestServer::start(backend).await;
    let second = first.second_instance().await;
    // One username each, so the sign-in delay after 5 failures does not apply.
    let usernames: Vec<String> = (0..12).map(|i| format!("ghost{i}")).collect();
    let attempts = usernames.iter().enumerate().map(|(i, username)| {
        let server = if i % 2 == 0 { &first } else { &second };
        sign_in(server, username, "wrong#2026", "123456")
    });
    for (status, _) in futures::future::join_all(attempts).await {
        assert_eq!(status, 401);
    }
    assert_eq!(
        audit::verify(first.db()).await.unwrap(),
        AuditReport::Intact { entries: 12 }
    );
    second.stop().await;
    first.stop().await;
}
both_backends!(audit_concurrency, concurrent_appends_keep_one_chain);

async fn staff_add_command_prints_a_working_secret(backend: Backend) {
    let server = TestServer::start(backend).await;
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_jszg-server"))
        .args(["staff", "add", "--role", "admin", "admin.one"])
        .env("JSZG_DATA_DIR", server.dir.path())
        .env("DATABASE_URL", &server.database_url)
        .env("JSZG_STAFF_PASSWORD", "Admin#2026")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("otpauth://totp/jszg:admin.one?"),
        "{stdout}"
    );
    let secret = stdout
        .lines()
        .find_map(|line| line.strip_prefix("TOTP secret: "))
        .expect("the secret is printed")
        .trim()
        .to_string();
    let code = current_code(&server, &secret);
    let (status, body) = sign_in(&server, "admin.one", "Admin#2026", &code).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["role"], "admin");

    let again = std::process::Command::new(env!("CARGO_BIN_EXE_jszg-server"))
        .args(["staff", "add", "--role", "reviewer", "admin.one"])
        .env("JSZG_DATA_DIR", server.dir.path())
        .env("DATABASE_URL", &server.database_url)
        .output()
        .unwrap();
    assert!(!again.status.success(), "a taken username is rejected");
    server.stop().await;
}
both_backends!(staff_add_command, staff_add_command_prints_a_working_secret);

#[tokio::test]
async fn weak_staff_password_rejected() {
    let server = TestServer::start(Backend::Sqlite).await;
    let state = server.server.state();
    let created = add_staff(
        &state.db,
        &state.keys,
        &state.hasher,
        "reviewer.weak",
        StaffRole::Reviewer,
        Some("z".to_string()),
        server.clock.now_ms(),
    )
    .await;
    let Err(error) = created else {
        panic!("a one-character staff password was accepted");
    };
    assert!(
        error.to_string().contains("staff password rejected"),
        "{error}"
    );
}

async fn repeated_failures_make_staff_wait(backend: Backend) {
    let server = TestServer::start(backend).await;
    let staff = create_reviewer(&server, "reviewer.slow").await;
    for attempt in 1..=5 {
        let (status, body) = sign_in(&server, "reviewer.slow", "wrong#2026", "000000").await;
        assert_eq!(status, 401, "attempt {attempt}: {body}");
    }
    let code = current_code(&server, &staff.totp_secret);
    let (status, body) = sign_in(&server, "reviewer.slow", "Reviewer#2026", &code).await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["code"], "staff.sign_in_wait");

    server.clock.advance(chrono::Duration::seconds(61));
    let code = current_code(&server, &staff.totp_secret);
    let (status, body) = sign_in(&server, "reviewer.slow", "Reviewer#2026", &code).await;
    assert_eq!(status, 200, "{body}");
    server.stop().await;
}
both_backends!(staff_sign_in_wait, repeated_failures_make_staff_wait);
