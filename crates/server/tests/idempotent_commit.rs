//! A retry after the server committed an action but failed to store its response under
//! the `Idempotency-Key` (as when the instance dies between the two) replays the
//! original response and does not run the action again.
//!
//! A trigger that rejects every update of `idempotency_keys` makes the store after the
//! handler fail, which leaves the database as such a crash would.

mod review_support;
mod support;

use jszg_core::DocumentType;
use review_support::{create_applicant, review_form};
use support::{registration, Backend, TestServer, ID_NUMBER};

const KEY: &str = "commit-then-crash-1";

async fn break_response_store(server: &TestServer, backend: Backend) {
    let statements: &[&str] = match backend {
        Backend::Sqlite => &[
            "CREATE TRIGGER idempotency_store_fails BEFORE UPDATE ON idempotency_keys \
             BEGIN SELECT RAISE(ABORT, 'store failed'); END",
        ],
        Backend::Postgres => &[
            "CREATE FUNCTION idempotency_store_fails() RETURNS trigger AS $$ \
             BEGIN RAISE EXCEPTION 'store failed'; END; $$ LANGUAGE plpgsql",
            "CREATE TRIGGER idempotency_store_fails BEFORE UPDATE ON idempotency_keys \
             FOR EACH ROW EXECUTE FUNCTION idempotency_store_fails()",
        ],
    };
    for statement in statements {
        sqlx::query(statement)
            .execute(&server.db().pool)
            .await
            .unwrap();
    }
}

async fn repair_response_store(server: &TestServer, backend: Backend) {
    let statement = match backend {
        Backend::Sqlite => "DROP TRIGGER idempotency_store_fails",
        Backend::Postgres => "DROP TRIGGER idempotency_store_fails ON idempotency_keys",
    };
    sqlx::query(statement)
        .execute(&server.db().pool)
        .await
        .unwrap();
}

async fn count(server: &TestServer, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&server.db().pool)
        .await
        .unwrap()
}

/// Sends `request` and returns the status, whether it was replayed, and the body.
async fn send(request: reqwest::RequestBuilder) -> (u16, bool, serde_json::Value) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let replayed = response.headers().get("idempotent-replayed").is_some();
    let body = response.json().await.unwrap_or(serde_json::Value::Null);
    (status, replayed, body)
}

async fn registration_retry_replays_the_account(backend: Backend) {
    let server = TestServer::start(backend).await;
    let code = server.registration_code("13800138000").await;
    let form = registration(ID_NUMBER, "13800138000", &code);
    let request = || {
        server
            .client
            .post(server.url("/accounts"))
            .header("Idempotency-Key", KEY)
            .json(&form)
    };
    break_response_store(&server, backend).await;
    let (status, _, _) = send(request()).await;
    assert_eq!(status, 500, "the response store fails after the commit");
    repair_response_store(&server, backend).await;
    assert_eq!(count(&server, "accounts").await, 1);
    let account_id: String = sqlx::query_scalar("SELECT id FROM accounts")
        .fetch_one(&server.db().pool)
        .await
        .unwrap();

    let (status, replayed, body) = send(request()).await;
    assert_eq!(status, 201, "{body}");
    assert!(replayed);
    assert_eq!(body["account_id"], account_id.as_str());
    // Past the time after which an unfinished key counts as abandoned.
    server.clock.advance(chrono::Duration::seconds(121));
    let (status, replayed, body) = send(request()).await;
    assert_eq!(status, 201, "{body}");
    assert!(replayed);
    assert_eq!(body["account_id"], account_id.as_str());
    assert_eq!(count(&server, "accounts").await, 1);
    server.stop().await;
}
both_backends!(registration, registration_retry_replays_the_account);

async fn review_retry_replays_the_submission(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = create_applicant(
        &server,
        DocumentType::HkMacaoTravelPermit,
        "M87654321",
        "何家豪",
        None,
    )
    .await;
    let request = || {
        server
            .client
            .post(server.url("/manual-reviews"))
            .bearer_auth(&applicant.token)
            .header("Idempotency-Key", KEY)
            .multipart(review_form("何家豪"))
    };
    break_response_store(&server, backend).await;
    let (status, _, _) = send(request()).await;
    assert_eq!(status, 500, "the response store fails after the commit");
    repair_response_store(&server, backend).await;
    server.clock.advance(chrono::Duration::seconds(121));

    let (status, replayed, body) = send(request()).await;
    assert_eq!(status, 201, "{body}");
    assert!(replayed);
    assert_eq!(body["reviews_left_this_period"], 2);
    let review_id: String = sqlx::query_scalar("SELECT id FROM manual_reviews")
        .fetch_one(&server.db().pool)
        .await
        .unwrap();
    assert_eq!(body["review"]["id"], review_id.as_str());
    assert_eq!(count(&server, "manual_reviews").await, 1);
    server.stop().await;
}
both_backends!(manual_review, review_retry_replays_the_submission);
