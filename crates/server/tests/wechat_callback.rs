//! The WeChat service-account callback: signature, freshness and replay checks, and the
//! simulator of the development server.

mod applicant;
mod support;

use jszg_server::channels::wechat::message::{incoming_text_xml, parse_reply_content};
use jszg_server::channels::wechat::signature::compute_signature;
use jszg_server::clock::Clock;
use jszg_server::wechat::DEVELOPMENT_TOKEN;
use support::{error_body, parse, Backend, TestServer};

fn signed_query(timestamp: i64, nonce: &str) -> Vec<(&'static str, String)> {
    let timestamp = timestamp.to_string();
    vec![
        (
            "signature",
            compute_signature(DEVELOPMENT_TOKEN, &timestamp, nonce),
        ),
        ("timestamp", timestamp),
        ("nonce", nonce.to_string()),
    ]
}

async fn post_callback(
    server: &TestServer,
    query: &[(&'static str, String)],
    body: String,
) -> (u16, String) {
    let response = server
        .client
        .post(server.url("/wechat/callback"))
        .query(query)
        .header("content-type", "text/xml")
        .body(body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn url_check_echoes_echostr(backend: Backend) {
    let server = TestServer::start(backend).await;
    let now = server.clock.now_ms() / 1000;
    let mut query = signed_query(now, "n-url");
    query.push(("echostr", "echo-123".into()));
    let response = server
        .client
        .get(server.url("/wechat/callback"))
        .query(&query)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "echo-123");
    server.stop().await;
}
both_backends!(url_check, url_check_echoes_echostr);

async fn callback_rejects_bad_signature(backend: Backend) {
    let server = TestServer::start(backend).await;
    let now = server.clock.now_ms() / 1000;
    let mut query = signed_query(now, "n-1");
    query[0].1 = compute_signature("another-token", &now.to_string(), "n-1");
    let body = incoming_text_xml("gh_jszg_development", "o_user", now, "取验证码");
    let (status, text) = post_callback(&server, &query, body).await;
    assert_eq!(status, 403);
    let error = error_body(&serde_json::from_str(&text).unwrap());
    assert_eq!(error.code, "wechat.signature_invalid");
    server.stop().await;
}
both_backends!(bad_signature, callback_rejects_bad_signature);

async fn callback_rejects_stale_and_replayed(backend: Backend) {
    let server = TestServer::start(backend).await;
    let now = server.clock.now_ms() / 1000;
    let body = || incoming_text_xml("gh_jszg_development", "o_user", now, "取验证码");

    let (status, text) = post_callback(&server, &signed_query(now - 301, "n-old"), body()).await;
    assert_eq!(status, 403);
    assert_eq!(
        error_body(&serde_json::from_str(&text).unwrap()).code,
        "wechat.timestamp_stale"
    );

    let (status, _) = post_callback(&server, &signed_query(now - 300, "n-2"), body()).await;
    assert_eq!(status, 200);
    let (status, text) = post_callback(&server, &signed_query(now - 300, "n-2"), body()).await;
    assert_eq!(status, 403);
    assert_eq!(
        error_body(&serde_json::from_str(&text).unwrap()).code,
        "wechat.nonce_reused"
    );
    server.stop().await;
}
both_backends!(stale_and_replayed, callback_rejects_stale_and_replayed);

async fn callback_asks_for_document_number(backend: Backend) {
    let server = TestServer::start(backend).await;
    let now = server.clock.now_ms() / 1000;
    let body = incoming_text_xml("gh_jszg_development", "o_user", now, "取验证码");
    let (status, xml) = post_callback(&server, &signed_query(now, "n-3"), body).await;
    assert_eq!(status, 200);
    assert!(
        xml.contains("<ToUserName><![CDATA[o_user]]></ToUserName>"),
        "{xml}"
    );
    let text = parse_reply_content(&xml).unwrap();
    assert!(text.contains("请输入您注册时使用的证件号码"), "{text}");
    server.stop().await;
}
both_backends!(asks_for_number, callback_asks_for_document_number);

async fn simulator_reset_for_unbound_user(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (status, body) = server
        .post(
            "/dev/wechat/messages",
            &serde_json::json!({"open_id": "o_unbound", "menu_key": "RESET_PASSWORD"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let reply: jszg_api::wechat::SimulatedWechatReply = parse(&body);
    assert!(reply.text.contains("尚未绑定"), "{}", reply.text);
    let inbox = server.inbox("o_unbound").await;
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].channel, "wechat");
    assert_eq!(inbox[0].body, reply.text);
    server.stop().await;
}
both_backends!(simulator_unbound_reset, simulator_reset_for_unbound_user);

async fn simulate(
    server: &TestServer,
    open_id: &str,
    text: &str,
    menu_key: Option<&str>,
) -> String {
    let (status, body) = server
        .post(
            "/dev/wechat/messages",
            &serde_json::json!({"open_id": open_id, "text": text, "menu_key": menu_key}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    parse::<jszg_api::wechat::SimulatedWechatReply>(&body).text
}

async fn wechat_code_binds_and_resets(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = applicant::zhang_san();
    let reply = simulate(&server, "o_zhang", "", Some("GET_CODE")).await;
    assert!(reply.contains("证件号码"), "{reply}");
    let reply = simulate(&server, "o_zhang", applicant.document_number, None).await;
    let code = applicant::extract_code(&reply).unwrap_or_else(|| panic!("no code in {reply}"));
    let again = simulate(&server, "o_zhang", applicant.document_number, None).await;
    assert!(
        again.contains("秒后"),
        "a second code within 60 s waits: {again}"
    );

    applicant::register_with_code(&server, &applicant, &code).await;
    let bound: Option<String> =
        sqlx::query_scalar("SELECT wechat_openid FROM accounts WHERE legacy = 0")
            .fetch_one(&server.db().pool)
            .await
            .unwrap();
    assert_eq!(bound.as_deref(), Some("o_zhang"));

    let (status, body) = server
        .start_reset(serde_json::json!({"document_type": applicant.document_type, "document_number": applicant.document_number, "name": applicant.name}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["wechat_bound"], true);

    let stranger = simulate(&server, "o_stranger", "重置密码", None).await;
    assert!(stranger.contains("尚未绑定"), "{stranger}");
    let reply = simulate(&server, "o_zhang", "", Some("RESET_PASSWORD")).await;
    let token = applicant::extract_token(&reply).unwrap_or_else(|| panic!("no link in {reply}"));
    let (status, body) = server
        .post(
            "/password-resets/complete-with-link",
            &serde_json::json!({"token": token, "password": "Fresh#2027pass", "password_confirmation": "Fresh#2027pass"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    applicant::sign_in(&server, &applicant, "Fresh#2027pass").await;
    server.stop().await;
}
both_backends!(wechat_binding, wechat_code_binds_and_resets);
