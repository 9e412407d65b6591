//! Verification-code limits over HTTPS: resend interval, 3 SMS per phone per Beijing
//! day, under concurrency and across two instances.

mod support;

use chrono::{TimeZone, Utc};
use futures::future::join_all;
use jszg_server::channels::messengers::SPAM_FOLDER_REMINDER;
use support::{Backend, TestServer};

const PHONE: &str = "13912345678";

fn code_request(token: String, purpose: &str) -> jszg_api::CodeRequest {
    jszg_api::CodeRequest {
        channel: "sms".into(),
        destination: PHONE.into(),
        purpose: purpose.into(),
        captcha_token: token,
    }
}

/// Sends `count` code requests at once, alternating purposes and servers, and returns
/// the status and error code of each.
async fn parallel_requests(servers: &[&TestServer], count: usize) -> Vec<(u16, String)> {
    let mut requests = Vec::new();
    for i in 0..count {
        let server = servers[i % servers.len()];
        let purpose = if i % 2 == 0 {
            "register"
        } else {
            "change_contact"
        };
        requests.push((
            server,
            code_request(server.solve_captcha("send_code").await, purpose),
        ));
    }
    let answers = join_all(
        requests
            .iter()
            .map(|(server, request)| server.post("/codes", request)),
    )
    .await;
    answers
        .into_iter()
        .map(|(status, body)| {
            (
                status,
                body["code"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

async fn assert_third_of_day_only_once(servers: &[&TestServer]) {
    let first = servers[0];
    for purpose in ["register", "change_contact"] {
        let (status, body) = first.request_code("sms", PHONE, purpose).await;
        assert_eq!(status, 202, "{body}");
        first.clock.advance(chrono::Duration::seconds(61));
    }
    let answers = parallel_requests(servers, 20).await;
    let accepted = answers.iter().filter(|(status, _)| *status == 202).count();
    let refused = answers
        .iter()
        .filter(|(status, code)| {
            *status == 429 && (code == "sms.daily_limit" || code == "code.resend_too_soon")
        })
        .count();
    assert_eq!(accepted, 1, "{answers:?}");
    assert_eq!(refused, 19, "{answers:?}");
    first.wait_outbox_empty().await;
    assert_eq!(first.inbox(PHONE).await.len(), 3);
    // The limit also holds a minute later, when the resend interval no longer applies.
    first.clock.advance(chrono::Duration::seconds(61));
    let (status, body) = first.request_code("sms", PHONE, "register").await;
    assert_eq!(status, 429);
    assert_eq!(body["code"], "sms.daily_limit");
}

async fn parallel_sms_stop_at_three(backend: Backend) {
    let server = TestServer::start(backend).await;
    assert_third_of_day_only_once(&[&server]).await;
    server.stop().await;
}
both_backends!(parallel_daily_limit, parallel_sms_stop_at_three);

async fn parallel_requests_send_one_code(backend: Backend) {
    let server = TestServer::start(backend).await;
    let mut requests = Vec::new();
    for _ in 0..20 {
        requests.push(code_request(
            server.solve_captcha("send_code").await,
            "register",
        ));
    }
    let answers = join_all(
        requests
            .iter()
            .map(|request| server.post("/codes", request)),
    )
    .await;
    let accepted = answers.iter().filter(|(status, _)| *status == 202).count();
    assert_eq!(accepted, 1);
    for (status, body) in answers.iter().filter(|(status, _)| *status != 202) {
        assert_eq!(*status, 429);
        assert_eq!(body["code"], "code.resend_too_soon");
    }
    server.wait_outbox_empty().await;
    assert_eq!(server.inbox(PHONE).await.len(), 1);
    server.stop().await;
}
both_backends!(parallel_resend_interval, parallel_requests_send_one_code);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_share_daily_limit() {
    if !support::postgres_available() {
        return;
    }
    let first = TestServer::start(Backend::Postgres).await;
    let second = first.second_instance().await;
    assert_third_of_day_only_once(&[&first, &second]).await;
    second.stop().await;
    first.stop().await;
}

async fn fourth_sms_waits_for_beijing_midnight(backend: Backend) {
    let server = TestServer::start(backend).await;
    // 23:50 Beijing time on 31 August 2026 is 15:50 UTC.
    server
        .clock
        .set(Utc.with_ymd_and_hms(2026, 8, 31, 15, 50, 0).unwrap());
    for purpose in ["register", "change_contact", "register"] {
        let (status, body) = server.request_code("sms", PHONE, purpose).await;
        assert_eq!(status, 202, "{body}");
        server.clock.advance(chrono::Duration::minutes(2));
    }
    server
        .clock
        .set(Utc.with_ymd_and_hms(2026, 8, 31, 15, 59, 59).unwrap());
    let (status, body) = server.request_code("sms", PHONE, "change_contact").await;
    assert_eq!(status, 429);
    assert_eq!(body["code"], "sms.daily_limit");
    assert_eq!(body["field"], "phone");

    server
        .clock
        .set(Utc.with_ymd_and_hms(2026, 8, 31, 16, 0, 0).unwrap());
    let (status, body) = server.request_code("sms", PHONE, "change_contact").await;
    assert_eq!(status, 202, "{body}");
    assert_eq!(body["sms_left_today"], 2);
    server.stop().await;
}
both_backends!(day_boundary, fourth_sms_waits_for_beijing_midnight);

async fn email_codes_have_no_daily_limit(backend: Backend) {
    let server = TestServer::start(backend).await;
    for _ in 0..4 {
        let (status, body) = server
            .request_code("email", "12345@qq.com", "register")
            .await;
        assert_eq!(status, 202, "{body}");
        assert!(body["sms_left_today"].is_null());
        server.clock.advance(chrono::Duration::seconds(61));
    }
    let messages = server.wait_for_inbox("12345@qq.com", 4).await;
    let body = &messages[0].body;
    assert_eq!(body.matches("垃圾邮件").count(), 1, "one reminder: {body}");
    assert!(body.ends_with(SPAM_FOLDER_REMINDER), "{body}");
    server.stop().await;
}
both_backends!(email_codes, email_codes_have_no_daily_limit);

async fn company_email_has_no_spam_reminder(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (status, body) = server
        .request_code("email", "li.si@school.edu.cn", "register")
        .await;
    assert_eq!(status, 202, "{body}");
    let messages = server.wait_for_inbox("li.si@school.edu.cn", 1).await;
    assert!(
        !messages[0].body.contains("垃圾邮件"),
        "{}",
        messages[0].body
    );
    assert!(messages[0].body.contains("验证码为"));
    server.stop().await;
}
both_backends!(company_email, company_email_has_no_spam_reminder);

async fn invalid_destinations_are_rejected(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (status, body) = server.request_code("sms", "12345", "register").await;
    assert_eq!(status, 400);
    assert_eq!(body["field"], "phone");
    let (status, body) = server.request_code("email", "a＠qq.com", "register").await;
    assert_eq!(status, 400);
    assert_eq!(body["field"], "email");
    let (status, body) = server.request_code("sms", PHONE, "reset_password").await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "code.purpose");
    server.stop().await;
}
both_backends!(invalid_destinations, invalid_destinations_are_rejected);

async fn idempotent_retry_sends_nothing_new(backend: Backend) {
    let server = TestServer::start(backend).await;
    let request = code_request(server.solve_captcha("send_code").await, "register");
    let send = || {
        server
            .client
            .post(server.url("/codes"))
            .header("Idempotency-Key", "retry-key-1")
            .json(&request)
    };
    let first = send().send().await.unwrap();
    assert_eq!(first.status(), 202);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first_body = first.text().await.unwrap();
    let second = send().send().await.unwrap();
    assert_eq!(second.status(), 202);
    assert_eq!(second.headers()["idempotent-replayed"], "true");
    assert_eq!(second.text().await.unwrap(), first_body);
    server.wait_outbox_empty().await;
    assert_eq!(server.inbox(PHONE).await.len(), 1);

    // The same key with another body is refused.
    let other = code_request("other".into(), "register");
    let (status, body) = server
        .send(
            server
                .client
                .post(server.url("/codes"))
                .header("Idempotency-Key", "retry-key-1")
                .json(&other),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "idempotency.key_reused");
    server.stop().await;
}
both_backends!(idempotency, idempotent_retry_sends_nothing_new);
