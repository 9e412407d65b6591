//! Forgot password: the first step without enumeration, the email link, the SMS code,
//! the end of sessions and the notices.

mod applicant;
mod support;

use applicant::{
    delivered_ids, extract_token, li_si, next_code, next_message, register, sign_in, zhang_san,
    Applicant,
};
use chrono::Duration;
use jszg_api::password_reset::{PasswordResetCompleted, StartPasswordResetResponse};
use serde_json::json;
use support::{error_body, parse, Backend, TestServer};

const NEW_PASSWORD: &str = "Fresh#2027pass";

async fn start(server: &TestServer, applicant: &Applicant) -> StartPasswordResetResponse {
    let (status, body) = server
        .start_reset(json!({
            "document_type": applicant.document_type,
            "document_number": applicant.document_number,
            "name": applicant.name,
        }))
        .await;
    assert_eq!(status, 200, "{body}");
    parse(&body)
}

async fn complete_with_link(server: &TestServer, token: &str) -> (u16, serde_json::Value) {
    server
        .post(
            "/password-resets/complete-with-link",
            &json!({"token": token, "password": NEW_PASSWORD, "password_confirmation": NEW_PASSWORD}),
        )
        .await
}

async fn email_link_token(server: &TestServer, ticket: &str, email: &str) -> String {
    let before = delivered_ids(server, email).await;
    let (status, body) = server
        .post("/password-resets/email-link", &json!({"ticket": ticket}))
        .await;
    assert_eq!(status, 200, "{body}");
    let message = next_message(server, email, &before).await;
    assert_eq!(message.subject, "中国教师资格网：密码重置");
    extract_token(&message.body).expect("reset link in the email")
}

async fn start_shows_masked_contacts(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = zhang_san();
    register(&server, &applicant).await;
    let started = start(&server, &applicant).await;
    assert_eq!(started.masked_email, "1*****@qq.com");
    assert_eq!(started.masked_phone, "138*****00");
    assert!(!started.wechat_bound);
    assert!(started.ticket.len() >= 40);
    server.stop().await;
}
both_backends!(masked_contacts, start_shows_masked_contacts);

async fn unknown_and_mismatched_look_identical(backend: Backend) {
    let server = TestServer::start(backend).await;
    register(&server, &zhang_san()).await;
    let unknown = li_si();
    let (unknown_status, unknown_body) = server
        .start_reset(json!({"document_type": unknown.document_type, "document_number": unknown.document_number, "name": unknown.name}))
        .await;
    let mismatched = zhang_san();
    let (mismatch_status, mismatch_body) = server
        .start_reset(json!({"document_type": mismatched.document_type, "document_number": mismatched.document_number, "name": "张四"}))
        .await;
    assert_eq!(unknown_status, 400);
    assert_eq!(mismatch_status, unknown_status);
    assert_eq!(mismatch_body, unknown_body);
    assert_eq!(error_body(&unknown_body).code, "password_reset.no_match");
    server.stop().await;
}
both_backends!(no_enumeration, unknown_and_mismatched_look_identical);

async fn start_requires_unused_reset_pass(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = zhang_san();
    register(&server, &applicant).await;
    let fields = |token: &str| {
        json!({"document_type": applicant.document_type, "document_number": applicant.document_number,
               "name": applicant.name, "captcha_token": token})
    };
    let sign_in_pass = server.solve_captcha("sign_in").await;
    let reset_pass = server.solve_captcha("password_reset").await;
    for (token, expected) in [
        ("", 400),
        ("not-a-pass", 400),
        (sign_in_pass.as_str(), 400),
        (reset_pass.as_str(), 200),
        (reset_pass.as_str(), 400),
    ] {
        let (status, body) = server.post("/password-resets", &fields(token)).await;
        assert_eq!(status, expected, "{token}: {body}");
        if expected == 400 {
            assert_eq!(error_body(&body).code, "captcha.required", "{body}");
            assert_eq!(error_body(&body).field.as_deref(), Some("captcha"));
        }
    }
    server.stop().await;
}
both_backends!(start_captcha, start_requires_unused_reset_pass);

async fn email_link_works_once(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = zhang_san();
    register(&server, &applicant).await;
    let started = start(&server, &applicant).await;
    let token = email_link_token(&server, &started.ticket, applicant.email).await;

    let (status, body) = complete_with_link(&server, &token).await;
    assert_eq!(status, 200, "{body}");
    let completed: PasswordResetCompleted = parse(&body);
    assert_eq!(completed.masked_document_number, "11*****2X");
    sign_in(&server, &applicant, NEW_PASSWORD).await;

    let (status, body) = complete_with_link(&server, &token).await;
    assert_eq!(status, 400);
    assert_eq!(error_body(&body).code, "password_reset.link_invalid");
    server.stop().await;
}
both_backends!(email_link_once, email_link_works_once);

async fn email_link_expires_after_24_hours(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = zhang_san();
    register(&server, &applicant).await;
    let started = start(&server, &applicant).await;
    let expiring = email_link_token(&server, &started.ticket, applicant.email).await;
    let started = start(&server, &applicant).await;
    let on_time = email_link_token(&server, &started.ticket, applicant.email).await;

    server
        .clock
        .advance(Duration::hours(24) + Duration::seconds(1));
    let (status, body) = complete_with_link(&server, &expiring).await;
    assert_eq!(status, 400);
    assert_eq!(error_body(&body).code, "password_reset.link_invalid");

    server.clock.advance(Duration::seconds(-1));
    let (status, body) = complete_with_link(&server, &on_time).await;
    assert_eq!(status, 200, "a link is valid at exactly 24 hours: {body}");
    server.stop().await;
}
both_backends!(email_link_expiry, email_link_expires_after_24_hours);

async fn weak_password_keeps_link_unused(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = zhang_san();
    register(&server, &applicant).await;
    let started = start(&server, &applicant).await;
    let token = email_link_token(&server, &started.ticket, applicant.email).await;
    let (status, body) = server
        .post(
            "/password-resets/complete-with-link",
            &json!({"token": token, "password": "short1#", "password_confirmation": "short1#"}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(error_body(&body).code, "password.too_short");
    let (status, body) = complete_with_link(&server, &token).await;
    assert_eq!(status, 200, "{body}");
    server.stop().await;
}
both_backends!(weak_password_link, weak_password_keeps_link_unused);

async fn sms_code_works_once(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = zhang_san();
    register(&server, &applicant).await;
    let sms_before = delivered_ids(&server, applicant.phone).await;
    server.clock.advance(Duration::seconds(61));
    let started = start(&server, &applicant).await;
    let (status, body) = server
        .post(
            "/password-resets/sms-code",
            &json!({"ticket": started.ticket}),
        )
        .await;
    assert_eq!(status, 422, "a code needs a captcha pass: {body}");
    let captcha = server.solve_captcha("send_code").await;
    let request = json!({"ticket": started.ticket, "captcha_token": captcha});
    let (status, body) = server.post("/password-resets/sms-code", &request).await;
    assert_eq!(status, 200, "{body}");
    server.clock.advance(Duration::seconds(61));
    let (status, body) = server.post("/password-resets/sms-code", &request).await;
    assert_eq!(status, 400, "a pass sends one code: {body}");
    assert_eq!(error_body(&body).code, "captcha.required");
    let code = next_code(&server, applicant.phone, &sms_before).await;
    let request = json!({
        "ticket": started.ticket, "code": code,
        "password": NEW_PASSWORD, "password_confirmation": NEW_PASSWORD,
    });
    let (status, body) = server
        .post("/password-resets/complete-with-sms", &request)
        .await;
    assert_eq!(status, 200, "{body}");
    sign_in(&server, &applicant, NEW_PASSWORD).await;

    let again = start(&server, &applicant).await;
    let reuse = json!({
        "ticket": again.ticket, "code": code,
        "password": NEW_PASSWORD, "password_confirmation": NEW_PASSWORD,
    });
    let (status, body) = server
        .post("/password-resets/complete-with-sms", &reuse)
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(error_body(&body).code.starts_with("code."), "{body}");
    server.stop().await;
}
both_backends!(sms_code_once, sms_code_works_once);

async fn reset_ends_sessions_and_notifies(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = zhang_san();
    register(&server, &applicant).await;
    let session = sign_in(&server, &applicant, applicant.password).await;
    let (status, _) = server.get_auth("/profile", &session).await;
    assert_eq!(status, 200);

    let started = start(&server, &applicant).await;
    let token = email_link_token(&server, &started.ticket, applicant.email).await;
    let emails_before = delivered_ids(&server, applicant.email).await;
    let (status, body) = complete_with_link(&server, &token).await;
    assert_eq!(status, 200, "{body}");

    let (status, _) = server.get_auth("/profile", &session).await;
    assert_eq!(status, 401, "the old session must end");
    let notice = next_message(&server, applicant.email, &emails_before).await;
    assert_eq!(notice.subject, "中国教师资格网：账号密码已重置");
    assert!(notice.body.contains("11*****2X"), "{}", notice.body);
    // The registration code and the reset notice; the outbox worker may still be sending.
    let sms = server.wait_for_inbox(applicant.phone, 2).await;
    assert!(
        sms.iter().any(|message| message.body.contains("密码已于")),
        "{sms:?}"
    );
    server.stop().await;
}
both_backends!(reset_ends_sessions, reset_ends_sessions_and_notifies);
