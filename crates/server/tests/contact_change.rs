//! Contact change requests: submission with a code and photo, one pending request per
//! account (also under concurrent submissions), the block while an application is on
//! file, and the decision with its notices.

mod applicant;
mod support;

use applicant::requests::{code_for, start_ticket, submit};
use applicant::{delivered_ids, extract_token, handheld_photo, next_message, register, zhang_san};
use jszg_api::contact_change::ContactChangeSubmitted;
use jszg_api::password_reset::StartPasswordResetResponse;
use jszg_server::contact_change::decide::{decide_contact_change, ContactChangeDecision};
use jszg_server::contact_change::DecisionContext;
use serde_json::json;
use support::{error_body, parse, Backend, TestServer};

const NEW_EMAIL: &str = "new.mailbox@example.cn";
const NEW_PHONE: &str = "13700137000";

async fn decide(server: &TestServer, id: &str, decision: ContactChangeDecision) {
    let state = server.server.state();
    let context = DecisionContext::from_state(state);
    decide_contact_change(&context, id, &decision, "reviewer-1")
        .await
        .unwrap_or_else(|error| panic!("decision failed: {error:?}"));
    state.outbox_wakeup.notify_one();
}

async fn approved_email_gets_reset_link(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = zhang_san();
    register(&server, &applicant).await;
    let ticket = start_ticket(&server).await;
    // A link sent to the old address before the change.
    let old_before = delivered_ids(&server, applicant.email).await;
    let (status, body) = server
        .post("/password-resets/email-link", &json!({ "ticket": ticket }))
        .await;
    assert_eq!(status, 200, "{body}");
    let old_link = next_message(&server, applicant.email, &old_before).await;
    let old_token = extract_token(&old_link.body).expect("reset link to the old address");
    let code = code_for(&server, &ticket, "email", NEW_EMAIL).await;
    let (status, body) = submit(
        &server,
        &ticket,
        "email",
        NEW_EMAIL,
        &code,
        handheld_photo(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let submitted: ContactChangeSubmitted = parse(&body);

    let (status, body) = submit(
        &server,
        &ticket,
        "email",
        NEW_EMAIL,
        &code,
        handheld_photo(),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(error_body(&body).code, "contact_change.pending_exists");

    let old_before = delivered_ids(&server, applicant.email).await;
    let new_before = delivered_ids(&server, NEW_EMAIL).await;
    decide(&server, &submitted.id, ContactChangeDecision::Approve).await;
    let result = next_message(&server, NEW_EMAIL, &new_before).await;
    assert_eq!(result.subject, "中国教师资格网：修改联系方式申请已通过");
    let token = extract_token(&result.body).expect("reset link in the approval");
    let old = next_message(&server, applicant.email, &old_before).await;
    assert!(old.body.contains("n*****@example.cn"), "{}", old.body);

    let complete = |token: String| json!({"token": token, "password": "Fresh#2027pass", "password_confirmation": "Fresh#2027pass"});
    let (status, body) = server
        .post("/password-resets/complete-with-link", &complete(old_token))
        .await;
    assert_eq!(status, 400, "the link to the lost address is void: {body}");
    assert_eq!(error_body(&body).code, "password_reset.link_invalid");
    let (status, body) = server
        .post("/password-resets/complete-with-link", &complete(token))
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = server
        .post(
            "/contact-change-requests/status",
            &json!({ "ticket": ticket }),
        )
        .await;
    assert_eq!(status, 400, "the reset closed the open ticket: {body}");
    assert_eq!(error_body(&body).code, "password_reset.ticket_invalid");
    let (status, body) = server
        .start_reset(json!({"document_type": applicant.document_type, "document_number": applicant.document_number, "name": applicant.name}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        parse::<StartPasswordResetResponse>(&body).masked_email,
        "n*****@example.cn"
    );
    server.stop().await;
}
both_backends!(approved_email, approved_email_gets_reset_link);

async fn rejected_phone_gets_reason(backend: Backend) {
    let server = TestServer::start(backend).await;
    register(&server, &zhang_san()).await;
    let ticket = start_ticket(&server).await;
    let code = code_for(&server, &ticket, "phone", NEW_PHONE).await;
    let (status, body) = submit(
        &server,
        &ticket,
        "phone",
        NEW_PHONE,
        &code,
        handheld_photo(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let submitted: ContactChangeSubmitted = parse(&body);
    let phone_before = delivered_ids(&server, NEW_PHONE).await;
    decide(
        &server,
        &submitted.id,
        ContactChangeDecision::Reject {
            reason: "照片不清晰".into(),
        },
    )
    .await;
    let result = next_message(&server, NEW_PHONE, &phone_before).await;
    assert!(result.body.contains("原因：照片不清晰"), "{}", result.body);

    server.clock.advance(chrono::Duration::seconds(61));
    let started = start_ticket(&server).await;
    let code = code_for(&server, &started, "phone", NEW_PHONE).await;
    let (status, body) = submit(
        &server,
        &started,
        "phone",
        NEW_PHONE,
        &code,
        handheld_photo(),
    )
    .await;
    assert_eq!(status, 201, "a rejected request allows a new one: {body}");
    server.stop().await;
}
both_backends!(rejected_phone, rejected_phone_gets_reason);

async fn concurrent_submissions_leave_one_pending(backend: Backend) {
    let server = TestServer::start(backend).await;
    register(&server, &zhang_san()).await;
    let ticket = start_ticket(&server).await;
    let email_code = code_for(&server, &ticket, "email", NEW_EMAIL).await;
    let phone_code = code_for(&server, &ticket, "phone", NEW_PHONE).await;
    let (first, second) = tokio::join!(
        submit(
            &server,
            &ticket,
            "email",
            NEW_EMAIL,
            &email_code,
            handheld_photo()
        ),
        submit(
            &server,
            &ticket,
            "phone",
            NEW_PHONE,
            &phone_code,
            handheld_photo()
        ),
    );
    let mut statuses = [first.0, second.0];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{first:?} {second:?}");
    let pending: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM contact_change_requests WHERE status = 'pending'")
            .fetch_one(&server.db().pool)
            .await
            .unwrap();
    assert_eq!(pending, 1);
    server.stop().await;
}
both_backends!(
    concurrent_one_pending,
    concurrent_submissions_leave_one_pending
);

async fn application_on_file_blocks_request(backend: Backend) {
    let server = TestServer::start(backend).await;
    register(&server, &zhang_san()).await;
    let applicant = zhang_san();
    let notice = json!({"document_type": applicant.document_type, "document_number": applicant.document_number, "on_file": true});
    let response = server
        .client
        .post(server.url("/hooks/applications"))
        .header("X-Hook-Key", support::TEST_HOOK_KEY)
        .json(&notice)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let ticket = start_ticket(&server).await;
    let code = code_for(&server, &ticket, "email", NEW_EMAIL).await;
    let (status, body) = submit(
        &server,
        &ticket,
        "email",
        NEW_EMAIL,
        &code,
        handheld_photo(),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(error_body(&body).code, "contact_change.application_on_file");
    server.stop().await;
}
both_backends!(application_on_file, application_on_file_blocks_request);

async fn invalid_photo_is_rejected(backend: Backend) {
    let server = TestServer::start(backend).await;
    register(&server, &zhang_san()).await;
    let ticket = start_ticket(&server).await;
    let code = code_for(&server, &ticket, "email", NEW_EMAIL).await;
    let png = b"\x89PNG\r\n\x1a\n not a jpeg".to_vec();
    let (status, body) = submit(&server, &ticket, "email", NEW_EMAIL, &code, png).await;
    assert_eq!(status, 400);
    let error = error_body(&body);
    assert!(error.code.starts_with("photo."), "{body}");
    assert_eq!(error.field.as_deref(), Some("photo"));
    server.stop().await;
}
both_backends!(invalid_photo, invalid_photo_is_rejected);

#[test]
fn test_photo_passes_photo_check() {
    let report = jszg_photo::check(&handheld_photo());
    let errors: Vec<&str> = report.errors().map(|issue| issue.code).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(report.acceptable);
}

async fn each_code_needs_a_pass(backend: Backend) {
    let server = TestServer::start(backend).await;
    register(&server, &zhang_san()).await;
    let ticket = start_ticket(&server).await;
    let pass = server.solve_captcha("send_code").await;
    let request = |value: &str, token: &str| json!({"ticket": ticket, "kind": "phone", "value": value, "captcha_token": token});
    let reset_pass = server.solve_captcha("password_reset").await;
    for (value, token, expected) in [
        ("13700137001", "", 400),
        ("13700137001", reset_pass.as_str(), 400),
        ("13700137001", pass.as_str(), 202),
        ("13700137002", pass.as_str(), 400),
    ] {
        let (status, body) = server
            .post("/contact-change-requests/codes", &request(value, token))
            .await;
        assert_eq!(status, expected, "{value} with {token:?}: {body}");
        if expected == 400 {
            assert_eq!(error_body(&body).code, "captcha.required", "{body}");
        }
    }
    let (status, body) = server
        .post(
            "/contact-change-requests/codes",
            &request("1370013", "unused"),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(error_body(&body).field.as_deref(), Some("value"), "{body}");
    server.stop().await;
}
both_backends!(code_captcha, each_code_needs_a_pass);

async fn unknown_and_missing_parts_named(backend: Backend) {
    let server = TestServer::start(backend).await;
    register(&server, &zhang_san()).await;
    let ticket = start_ticket(&server).await;
    let form = |extra: Option<&str>| {
        let mut form = reqwest::multipart::Form::new()
            .text("ticket", ticket.clone())
            .text("kind", "phone")
            .text("value", NEW_PHONE)
            .text("code", "123456")
            .part(
                "photo",
                reqwest::multipart::Part::bytes(handheld_photo()).file_name("photo.jpg"),
            );
        if let Some(name) = extra {
            form = form
                .text(name.to_string(), "1")
                .text("reason", "原手机号已停用");
        }
        form
    };
    let url = server.url("/contact-change-requests");
    let (status, body) = server
        .send(server.client.post(&url).multipart(form(Some("evil"))))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(error_body(&body).code, "contact_change.unknown_field");
    assert_eq!(error_body(&body).field.as_deref(), Some("evil"));

    let (status, body) = server
        .send(server.client.post(&url).multipart(form(None)))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(error_body(&body).code, "contact_change.form_invalid");
    assert_eq!(error_body(&body).field.as_deref(), Some("reason"));
    assert!(error_body(&body).message.contains("申请的原因"), "{body}");
    server.stop().await;
}
both_backends!(form_parts, unknown_and_missing_parts_named);

async fn current_contact_is_not_a_change(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = zhang_san();
    register(&server, &applicant).await;
    let ticket = start_ticket(&server).await;
    let captcha = server.solve_captcha("send_code").await;
    let (status, body) = server
        .post(
            "/contact-change-requests/codes",
            &json!({"ticket": ticket, "kind": "phone", "value": applicant.phone, "captcha_token": captcha}),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(error_body(&body).code, "contact_change.same_value");
    assert_eq!(error_body(&body).field.as_deref(), Some("value"));
    server.stop().await;
}
both_backends!(same_value, current_contact_is_not_a_change);
