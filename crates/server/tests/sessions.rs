//! Sign-in, softlock, enumeration resistance, session expiry and sign-out over HTTPS.

mod support;

use chrono::Duration;
use support::{Backend, TestServer, ID_NUMBER, PASSWORD};

const PHONE: &str = "13800138000";
/// A valid number nobody registered.
const UNKNOWN: &str = "110105199003070017";

async fn sign_in_and_out(backend: Backend) {
    let server = TestServer::start(backend).await;
    let account_id = server.register(ID_NUMBER, PHONE).await;
    let (status, body) = server.sign_in(ID_NUMBER, PASSWORD).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["account_id"], account_id.as_str());
    assert_eq!(body["profile_incomplete"], true);
    let token = body["token"].as_str().unwrap().to_string();
    assert!(token.len() >= 43);
    let second = server.session(ID_NUMBER).await;
    assert_ne!(second, token);

    let (status, _) = server.get_auth("/profile", &token).await;
    assert_eq!(status, 200);
    let (status, _) = server
        .post_auth("/sessions/current/sign-out", &token, &serde_json::json!({}))
        .await;
    assert_eq!(status, 204);
    let (status, body) = server.get_auth("/profile", &token).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "session.required");
    // The other session is untouched.
    let (status, _) = server.get_auth("/profile", &second).await;
    assert_eq!(status, 200);
    server.stop().await;
}
both_backends!(sign_in_out, sign_in_and_out);

async fn sign_in_requires_fresh_captcha(backend: Backend) {
    let server = TestServer::start(backend).await;
    server.register(ID_NUMBER, PHONE).await;
    let request = jszg_api::SignInRequest {
        document_type: "resident_id_card".into(),
        document_number: ID_NUMBER.into(),
        password: PASSWORD.into(),
        captcha_token: server.solve_captcha("sign_in").await,
    };
    let (status, _) = server.post("/sessions", &request).await;
    assert_eq!(status, 200);
    let (status, body) = server.post("/sessions", &request).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "captcha.required");
    server.stop().await;
}
both_backends!(captcha_needed, sign_in_requires_fresh_captcha);

async fn failures_look_identical(backend: Backend) {
    let server = TestServer::start(backend).await;
    server.register(ID_NUMBER, PHONE).await;
    let (wrong_status, wrong_body) = server.sign_in(ID_NUMBER, "Abc#99999").await;
    let (unknown_status, unknown_body) = server.sign_in(UNKNOWN, PASSWORD).await;
    assert_eq!(wrong_status, 401);
    assert_eq!(wrong_body["code"], "sign_in.failed");
    assert!(wrong_body["message"]
        .as_str()
        .unwrap()
        .contains("教师资格考试"));
    assert_eq!((unknown_status, &unknown_body), (wrong_status, &wrong_body));

    // Lock the account: 99 recorded failures plus one more within the hour.
    let lookup = jszg_server::accounts::document_lookup(&server.server.state().keys, ID_NUMBER);
    let now = jszg_server::clock::Clock::now_ms(&server.clock);
    for i in 0..98 {
        sqlx::query(
            "INSERT INTO sign_in_failures (id, document_lookup, failed_at) VALUES ($1, $2, $3)",
        )
        .bind(format!("seed-{i}"))
        .bind(&lookup)
        .bind(now - 3_000_000)
        .execute(&server.db().pool)
        .await
        .unwrap();
    }
    let (status, _) = server.sign_in(ID_NUMBER, "Abc#99999").await;
    assert_eq!(status, 401);
    let locked: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_locks WHERE document_lookup = $1")
            .bind(&lookup)
            .fetch_one(&server.db().pool)
            .await
            .unwrap();
    assert_eq!(locked, 1);
    // Even the right password now gets the same answer as the other failures.
    server.clock.advance(Duration::hours(2));
    let (locked_status, locked_body) = server.sign_in(ID_NUMBER, PASSWORD).await;
    assert_eq!((locked_status, &locked_body), (wrong_status, &wrong_body));
    server.stop().await;
}
both_backends!(enumeration, failures_look_identical);

/// Fails 5 times, then checks the doubling waits on `number`.
async fn assert_doubling_delay(server: &TestServer, number: &str) -> Vec<(u16, String)> {
    let mut seen = Vec::new();
    for _ in 0..5 {
        let (status, body) = server.sign_in(number, "Abc#99999").await;
        seen.push((status, body["code"].as_str().unwrap().to_string()));
    }
    for wait in [1, 2, 4] {
        let (status, body) = server.sign_in(number, "Abc#99999").await;
        assert_eq!(status, 429, "{body}");
        assert_eq!(body["code"], "sign_in.wait");
        seen.push((status, body["message"].as_str().unwrap().to_string()));
        server
            .clock
            .advance(Duration::milliseconds(wait * 1000 - 1));
        let (status, _) = server.sign_in(number, "Abc#99999").await;
        assert_eq!(status, 429, "still waiting {wait} s");
        server.clock.advance(Duration::milliseconds(1));
        let (status, body) = server.sign_in(number, "Abc#99999").await;
        assert_eq!(status, 401, "{body}");
        seen.push((status, body["code"].as_str().unwrap().to_string()));
    }
    seen
}

async fn repeated_failures_slow_down_known_and_unknown_alike(backend: Backend) {
    let server = TestServer::start(backend).await;
    server.register(ID_NUMBER, PHONE).await;
    let known = assert_doubling_delay(&server, ID_NUMBER).await;
    let unknown = assert_doubling_delay(&server, UNKNOWN).await;
    assert_eq!(known, unknown);

    // After the wait, the right password still works: the owner is not locked out.
    server.clock.advance(Duration::seconds(8));
    let (status, body) = server.sign_in(ID_NUMBER, PASSWORD).await;
    assert_eq!(status, 200, "{body}");
    server.stop().await;
}
both_backends!(
    softlock,
    repeated_failures_slow_down_known_and_unknown_alike
);

async fn session_expires_when_idle_or_old(backend: Backend) {
    let server = TestServer::start(backend).await;
    server.register(ID_NUMBER, PHONE).await;
    let token = server.session(ID_NUMBER).await;
    server.clock.advance(Duration::minutes(29));
    let (status, _) = server.get_auth("/profile", &token).await;
    assert_eq!(status, 200);
    server.clock.advance(Duration::minutes(30));
    let (status, body) = server.get_auth("/profile", &token).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "session.expired");

    // An active session still ends 12 hours after sign-in.
    let token = server.session(ID_NUMBER).await;
    for _ in 0..35 {
        server.clock.advance(Duration::minutes(20));
        let (status, _) = server.get_auth("/profile", &token).await;
        assert_eq!(status, 200);
    }
    server.clock.advance(Duration::minutes(20));
    let (status, body) = server.get_auth("/profile", &token).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "session.expired");
    server.stop().await;
}
both_backends!(session_expiry, session_expires_when_idle_or_old);

/// Counts the failures recorded for `number`.
async fn failure_rows(server: &TestServer, number: &str) -> i64 {
    let lookup = jszg_server::accounts::document_lookup(&server.server.state().keys, number);
    sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_failures WHERE document_lookup = $1")
        .bind(&lookup)
        .fetch_one(&server.db().pool)
        .await
        .unwrap()
}

async fn parallel_attempts_respect_the_wait(backend: Backend) {
    let server = TestServer::start(backend).await;
    server.register(ID_NUMBER, PHONE).await;
    for _ in 0..5 {
        let (status, body) = server.sign_in(ID_NUMBER, "Abc#99999").await;
        assert_eq!(status, 401, "{body}");
    }
    server.clock.advance(Duration::seconds(1));
    assert_eq!(failure_rows(&server, ID_NUMBER).await, 5);

    let mut requests = Vec::new();
    for _ in 0..8 {
        requests.push(jszg_api::SignInRequest {
            document_type: "resident_id_card".into(),
            document_number: ID_NUMBER.into(),
            password: "Abc#99999".into(),
            captcha_token: server.solve_captcha("sign_in").await,
        });
    }
    let answers = futures::future::join_all(
        requests
            .iter()
            .map(|request| server.post("/sessions", request)),
    )
    .await;
    let mut codes: Vec<(u16, String)> = answers
        .iter()
        .map(|(status, body)| (*status, body["code"].as_str().unwrap().to_string()))
        .collect();
    codes.sort();
    let mut expected = vec![(401, "sign_in.failed".to_string())];
    expected.extend(std::iter::repeat_n((429, "sign_in.wait".to_string()), 7));
    assert_eq!(codes, expected);
    assert_eq!(failure_rows(&server, ID_NUMBER).await, 6);
    server.stop().await;
}
both_backends!(parallel_wait, parallel_attempts_respect_the_wait);
