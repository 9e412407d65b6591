//! Fixtures of the verification, manual review and staff tests: applicants inserted
//! straight into the database with a session, reviewers with their TOTP secret, and
//! test JPEGs made with the image crate.
#![allow(dead_code)]

pub mod jpeg;

use crate::support::TestServer;
use jszg_api::staff::{StaffRole, StaffSession};
use jszg_core::DocumentType;
use jszg_server::clock::Clock;
use jszg_server::crypto::encrypt;
use jszg_server::sessions::{self, ROLE_APPLICANT};
use jszg_server::staff::accounts::add_staff;
use jszg_server::staff::totp::code_at;
use serde_json::json;

/// A signed-in applicant.
pub struct TestApplicant {
    pub account_id: String,
    pub token: String,
    pub email: String,
}

/// Inserts an account with a complete profile and opens a session for it.
pub async fn create_applicant(
    server: &TestServer,
    kind: DocumentType,
    number: &str,
    name: &str,
    travel_permit: Option<&str>,
) -> TestApplicant {
    let state = server.server.state();
    let keys = &state.keys;
    let account_id = uuid::Uuid::new_v4().to_string();
    let email = format!("{}@example.com", &account_id[..8]);
    let now = state.clock.now_ms();
    sqlx::query(
        "INSERT INTO accounts (id, document_type, document_lookup, document_cipher, document_masked, \
         name, validity_period, validity_start, password_hash, email, phone, created_at, \
         password_changed_at, gender, birth_date, ethnicity, travel_permit_cipher, profile_completed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'long_term', '2015-01-01', 'unused', $7, '13800138000', \
         $8, $8, 'female', '1990-03-07', '01', $9, $8)",
    )
    .bind(&account_id)
    .bind(kind.code())
    .bind(jszg_server::accounts::document_lookup(keys, number))
    .bind(encrypt(keys, number.as_bytes()))
    .bind(jszg_core::mask::mask_document_number(number))
    .bind(name)
    .bind(&email)
    .bind(now)
    .bind(travel_permit.map(|permit| encrypt(keys, permit.as_bytes())))
    .execute(&state.db.pool)
    .await
    .expect("insert test account");
    let mut connection = state.db.pool.acquire().await.unwrap();
    let session = sessions::create(state, &mut connection, &account_id, ROLE_APPLICANT)
        .await
        .expect("open a session");
    TestApplicant {
        account_id,
        token: session.token,
        email,
    }
}

/// Opens a new session for the account, for tests that move the clock past the idle
/// time-out of the first one.
pub async fn new_session(server: &TestServer, account_id: &str) -> String {
    let state = server.server.state();
    let mut connection = state.db.pool.acquire().await.unwrap();
    sessions::create(state, &mut connection, account_id, ROLE_APPLICANT)
        .await
        .expect("open a session")
        .token
}

/// A signed-in reviewer.
pub struct TestReviewer {
    pub username: String,
    pub secret: String,
    pub token: String,
}

pub const STAFF_PASSWORD: &str = "Reviewer#2026";

/// Creates a reviewer and signs it in with a TOTP code of the server's clock.
pub async fn create_reviewer(server: &TestServer, username: &str) -> TestReviewer {
    create_staff(server, username, StaffRole::Reviewer).await
}

/// Creates a staff account of `role` and signs it in.
pub async fn create_staff(server: &TestServer, username: &str, role: StaffRole) -> TestReviewer {
    let state = server.server.state();
    let created = add_staff(
        &state.db,
        &state.keys,
        &state.hasher,
        username,
        role,
        Some(STAFF_PASSWORD.to_string()),
        server.clock.now_ms(),
    )
    .await
    .unwrap();
    let secret = created.totp_secret;
    TestReviewer {
        username: username.to_string(),
        token: staff_session(server, username, &secret).await,
        secret,
    }
}

/// Signs `username` in with a TOTP code of the server's clock and returns the token.
pub async fn staff_session(server: &TestServer, username: &str, secret: &str) -> String {
    let code = code_at(secret, server.clock.now_ms() as u64 / 1000).unwrap();
    let (status, body) = server
        .post(
            "/staff/sessions",
            &json!({ "username": username, "password": STAFF_PASSWORD, "totp_code": code }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let session: StaffSession = serde_json::from_value(body).unwrap();
    session.token
}

/// A manual review form for `name` with three valid photos, as the desktop sends it.
pub fn review_form(name: &str) -> reqwest::multipart::Form {
    let part = |file: &str| {
        reqwest::multipart::Part::bytes(jpeg::valid())
            .file_name(file.to_string())
            .mime_str("image/jpeg")
            .unwrap()
    };
    reqwest::multipart::Form::new()
        .text("name", name.to_string())
        .text("validity_period", "ten_years")
        .text("validity_start", "2020-05-01")
        .text("reason", "实名核验未通过，证件信息无误。")
        .part("side_a", part("a.jpg"))
        .part("side_b", part("b.jpg"))
        .part("handheld", part("h.jpg"))
}
