//! Health, TLS, the admin inbox, the outbox worker and idempotent POSTs.

mod support;

use jszg_api::HealthResponse;
use jszg_server::outbox::{enqueue, Channel};
use support::{parse, Backend, TestServer};

async fn health_reports_backend(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (status, body) = server.get("/health").await;
    assert_eq!(status, 200);
    let health: HealthResponse = parse(&body);
    assert_eq!(health.status, "ok");
    let expected = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(health.database, expected);
    server.stop().await;
}
both_backends!(health, health_reports_backend);

async fn inbox_requires_admin_token(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (status, body) = server.get("/admin/inbox").await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "admin.unauthorized");
    let (status, _) = server.get_auth("/admin/inbox", "wrong").await;
    assert_eq!(status, 401);
    server.stop().await;
}
both_backends!(inbox_auth, inbox_requires_admin_token);

async fn outbox_message_reaches_inbox(backend: Backend) {
    let server = TestServer::start(backend).await;
    let state = server.server.state();
    let mut tx = state.db.begin_write().await.unwrap();
    enqueue(
        &mut tx,
        state.clock.as_ref(),
        Channel::Email,
        "a@example.com",
        "主题",
        "正文",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    state.outbox_wakeup.notify_one();
    let messages = server.wait_for_inbox("a@example.com", 1).await;
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].channel, "email");
    assert_eq!(messages[0].body, "正文");
    server.stop().await;
}
both_backends!(outbox_delivery, outbox_message_reaches_inbox);

async fn dev_ca_is_reused_across_restarts(backend: Backend) {
    let first = TestServer::start(backend).await;
    let ca = first.server.ca_pem.clone();
    let second = first.second_instance().await;
    assert_eq!(second.server.ca_pem, ca);
    let (status, _) = second.get("/health").await;
    assert_eq!(status, 200);
    second.stop().await;
    first.stop().await;
}
both_backends!(dev_ca_reuse, dev_ca_is_reused_across_restarts);

async fn openapi_is_served(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (status, body) = server.get("/openapi.json").await;
    assert_eq!(status, 200);
    assert!(body["paths"]["/api/v1/health"].is_object());
    server.stop().await;
}
both_backends!(openapi, openapi_is_served);

async fn sweep_deletes_only_stale_rows(backend: Backend) {
    let server = TestServer::start(backend).await;
    server.solve_captcha("sign_in").await;
    let state = server.server.state();
    assert_eq!(jszg_server::housekeeping::sweep(state).await.unwrap(), 0);
    server.clock.advance(chrono::Duration::minutes(3));
    // The solved puzzle and its pass are both expired now.
    assert_eq!(jszg_server::housekeeping::sweep(state).await.unwrap(), 2);
    server.stop().await;
}
both_backends!(housekeeping, sweep_deletes_only_stale_rows);

async fn malformed_bodies_get_error_format(backend: Backend) {
    let server = TestServer::start(backend).await;
    let url = server.url("/password-resets");
    let cases = [
        (
            server.client.post(&url).json(
                &serde_json::json!({"document_type": "resident_id_card", "document_number": "x"}),
            ),
            422,
            "request.field_invalid",
            Some("name"),
        ),
        (
            server.client.post(&url).json(&serde_json::json!({
                "document_type": "resident_id_card", "document_number": "x", "name": 5, "captcha_token": ""
            })),
            422,
            "request.field_invalid",
            Some("name"),
        ),
        (
            server.client.post(&url).json(&serde_json::json!([])),
            422,
            "request.field_invalid",
            None,
        ),
        (
            server
                .client
                .post(&url)
                .header("content-type", "application/json")
                .body("{\"name\": "),
            400,
            "request.json_syntax",
            None,
        ),
        (
            server.client.post(&url).body("name=x"),
            415,
            "request.content_type",
            None,
        ),
    ];
    for (request, status, code, field) in cases {
        let (got, body) = server.send(request).await;
        assert_eq!(got, status, "{body}");
        assert_eq!(body["code"], code, "{body}");
        assert_eq!(body["field"].as_str(), field, "{body}");
        let message = body["message"].as_str().unwrap_or_default();
        assert!(message.contains("请"), "a Chinese message: {body}");
    }
    server.stop().await;
}
both_backends!(malformed_bodies, malformed_bodies_get_error_format);
