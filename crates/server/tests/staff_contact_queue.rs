//! The reviewers' contact change queue over HTTPS: listing with deadline flags and
//! counts, detail and photo, claims (concurrent, held, released) and decisions that
//! apply the new contact and notify the applicant.

mod applicant;
mod review_support;
mod support;

use applicant::requests::{code_for, start_ticket, submit};
use applicant::{
    delivered_ids, extract_token, handheld_photo, next_message, register, sign_in, zhang_san,
};
use jszg_api::contact_change::{ContactChangeStatus, ContactChangeSubmitted, ContactChangeView};
use jszg_api::staff::{QueuePage, QueueState, StaffContactChangeDetail};
use review_support::{create_reviewer, TestReviewer};
use serde_json::json;
use support::{error_body, parse, Backend, TestServer};

const NEW_EMAIL: &str = "new.mailbox@example.cn";
const NEW_PHONE: &str = "13700137000";

/// Registers 张三 and submits a request for a new `kind` contact; returns its id.
async fn submitted_request(server: &TestServer, kind: &str, value: &str) -> String {
    register(server, &zhang_san()).await;
    let ticket = start_ticket(server).await;
    let code = code_for(server, &ticket, kind, value).await;
    let (status, body) = submit(server, &ticket, kind, value, &code, handheld_photo()).await;
    assert_eq!(status, 201, "{body}");
    parse::<ContactChangeSubmitted>(&body).id
}

fn path(id: &str, rest: &str) -> String {
    format!("/staff/contact-changes/{id}{rest}")
}

async fn claim(server: &TestServer, reviewer: &TestReviewer, id: &str) -> (u16, serde_json::Value) {
    server
        .post_auth(&path(id, "/claim"), &reviewer.token, &json!({}))
        .await
}

async fn release(
    server: &TestServer,
    reviewer: &TestReviewer,
    id: &str,
) -> (u16, serde_json::Value) {
    server
        .post_auth(&path(id, "/claim/release"), &reviewer.token, &json!({}))
        .await
}

async fn decide(
    server: &TestServer,
    reviewer: &TestReviewer,
    id: &str,
    decision: serde_json::Value,
) -> (u16, serde_json::Value) {
    server
        .post_auth(&path(id, "/decision"), &reviewer.token, &decision)
        .await
}

async fn queue(server: &TestServer, reviewer: &TestReviewer, query: &str) -> QueuePage {
    let (status, body) = server
        .get_auth(&format!("/staff/contact-changes{query}"), &reviewer.token)
        .await;
    assert_eq!(status, 200, "{body}");
    parse(&body)
}

async fn audit_actions(server: &TestServer, subject: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT action FROM audit_log WHERE subject = $1 ORDER BY seq")
        .bind(subject)
        .fetch_all(&server.db().pool)
        .await
        .unwrap()
}

async fn approved_email_lets_the_applicant_reset(backend: Backend) {
    let server = TestServer::start(backend).await;
    let id = submitted_request(&server, "email", NEW_EMAIL).await;
    let reviewer = create_reviewer(&server, "reviewer.cc").await;

    let page = queue(&server, &reviewer, "").await;
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].item.id, id);
    assert_eq!(page.items[0].item.document_number_masked, "11*****2X");
    assert_eq!(page.counts.total, 1);

    let (status, body) = server.get_auth(&path(&id, ""), &reviewer.token).await;
    assert_eq!(status, 200, "{body}");
    let detail: StaffContactChangeDetail = parse(&body);
    assert_eq!(detail.new_value, NEW_EMAIL);
    assert_eq!(detail.document_number, "11010519491231002X");
    assert_eq!(detail.account_name, "张三");
    assert_eq!(detail.reason, "原邮箱已停用");
    assert_eq!(detail.current_value_masked, "1*****@qq.com");
    let photo = server
        .client
        .get(server.url(&path(&id, "/photo")))
        .bearer_auth(&reviewer.token)
        .send()
        .await
        .unwrap();
    assert_eq!(photo.status(), 200);
    assert_eq!(photo.bytes().await.unwrap().to_vec(), handheld_photo());

    let (status, body) = decide(&server, &reviewer, &id, json!({"decision": "approve"})).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(error_body(&body).code, "claim.required");
    let (status, body) = claim(&server, &reviewer, &id).await;
    assert_eq!(status, 200, "{body}");
    let before = delivered_ids(&server, NEW_EMAIL).await;
    let (status, body) = decide(&server, &reviewer, &id, json!({"decision": "approve"})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["decision"], "approve");

    let result = next_message(&server, NEW_EMAIL, &before).await;
    let token = extract_token(&result.body).expect("reset link in the approval");
    let new_password = "Fresh#2027pass";
    let (status, body) = server
        .post(
            "/password-resets/complete-with-link",
            &json!({"token": token, "password": new_password, "password_confirmation": new_password}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    sign_in(&server, &zhang_san(), new_password).await;

    let (status, body) = decide(&server, &reviewer, &id, json!({"decision": "approve"})).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(error_body(&body).code, "contact_change.already_decided");
    assert_eq!(
        audit_actions(&server, &format!("contact_change:{id}")).await,
        [
            "contact_change.read",
            "contact_change.photo_view",
            "contact_change.claim",
            "contact_change.decide"
        ]
    );
    let decided = queue(&server, &reviewer, "?state=decided").await;
    assert_eq!(decided.items[0].state, QueueState::Decided);
    assert_eq!(decided.counts.total, 0);
    server.stop().await;
}
both_backends!(approve_email, approved_email_lets_the_applicant_reset);

async fn rejection_reason_reaches_the_status_page(backend: Backend) {
    let server = TestServer::start(backend).await;
    let id = submitted_request(&server, "phone", NEW_PHONE).await;
    let reviewer = create_reviewer(&server, "reviewer.rej").await;
    let (status, _) = claim(&server, &reviewer, &id).await;
    assert_eq!(status, 200);
    let (status, body) = decide(&server, &reviewer, &id, json!({"decision": "reject"})).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(error_body(&body).code, "decision.reason_required");
    let before = delivered_ids(&server, NEW_PHONE).await;
    let rejection = json!({"decision": "reject", "reason_code": "photo_unclear", "reason_text": "请正对镜头。"});
    let (status, body) = decide(&server, &reviewer, &id, rejection).await;
    assert_eq!(status, 200, "{body}");
    let sms = next_message(&server, NEW_PHONE, &before).await;
    assert!(sms.body.contains("照片不清晰"), "{}", sms.body);

    let ticket = start_ticket(&server).await;
    let (status, body) = server
        .post(
            "/contact-change-requests/status",
            &json!({"ticket": ticket}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let views: Vec<ContactChangeView> = parse(&body);
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].status, ContactChangeStatus::Rejected);
    let reason = views[0].decision_reason.as_deref().unwrap();
    assert!(reason.starts_with("照片不清晰"), "{reason}");
    assert!(reason.ends_with("请正对镜头。"), "{reason}");
    assert_eq!(views[0].new_value_masked, "137*****00");

    let photo = server
        .client
        .post(server.url(&format!("/contact-change-requests/{id}/photo")))
        .json(&json!({"ticket": ticket}))
        .send()
        .await
        .unwrap();
    assert_eq!(photo.status(), 200);
    let (status, body) = server
        .post(
            "/contact-change-requests/status",
            &json!({"ticket": "forged"}),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(error_body(&body).code, "password_reset.ticket_invalid");
    server.stop().await;
}
both_backends!(reject_reason, rejection_reason_reaches_the_status_page);

async fn one_of_two_concurrent_claims_wins(backend: Backend) {
    let server = TestServer::start(backend).await;
    let id = submitted_request(&server, "email", NEW_EMAIL).await;
    let first = create_reviewer(&server, "reviewer.a").await;
    let second = create_reviewer(&server, "reviewer.b").await;
    let (a, b) = tokio::join!(claim(&server, &first, &id), claim(&server, &second, &id));
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{a:?} {b:?}");
    let (winner, loser, loser_body) = if a.0 == 200 {
        (&first, &second, b.1)
    } else {
        (&second, &first, a.1)
    };
    let error = error_body(&loser_body);
    assert_eq!(error.code, "claim.taken");
    // The clock is at 10:00 Beijing time and claims last 15 minutes.
    assert!(error.message.contains("10:15"), "{}", error.message);
    assert!(
        !error.message.contains(&winner.username),
        "{}",
        error.message
    );

    let (status, body) = release(&server, loser, &id).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(error_body(&body).code, "claim.not_holder");
    let claimed = queue(&server, loser, "?state=claimed").await;
    assert_eq!(claimed.matching, 1);
    assert_eq!(queue(&server, loser, "?state=pending").await.matching, 0);

    let (status, body) = release(&server, winner, &id).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["released"], true);
    let (status, body) = release(&server, winner, &id).await;
    assert_eq!(status, 200, "a repeated release is not an error: {body}");
    assert_eq!(body["released"], false);
    assert_eq!(queue(&server, loser, "?state=pending").await.matching, 1);
    let (status, body) = claim(&server, loser, &id).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = release(&server, winner, "no-such-request").await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(error_body(&body).code, "contact_change.not_found");
    server.stop().await;
}
both_backends!(concurrent_claims, one_of_two_concurrent_claims_wins);

async fn deadlines_follow_working_days(backend: Backend) {
    let server = TestServer::start(backend).await;
    // Submitted on Tuesday 10 March 2026: due by 24:00 on Wednesday 11 March.
    let id = submitted_request(&server, "email", NEW_EMAIL).await;
    let reviewer = create_reviewer(&server, "reviewer.day1").await;
    let page = queue(&server, &reviewer, "").await;
    assert_eq!(
        page.items[0].item.due_at.to_rfc3339(),
        "2026-03-11T16:00:00+00:00"
    );
    assert_eq!((page.counts.overdue, page.counts.due_today), (0, 0));
    assert!(!page.items[0].due_today);
    assert!(!page.items[0].item.overdue);

    server.clock.advance(chrono::Duration::days(1));
    let reviewer = create_reviewer(&server, "reviewer.day2").await;
    let page = queue(&server, &reviewer, "").await;
    assert_eq!((page.counts.overdue, page.counts.due_today), (0, 1));
    assert!(page.items[0].due_today);

    server.clock.advance(chrono::Duration::days(1));
    let reviewer = create_reviewer(&server, "reviewer.day3").await;
    let page = queue(&server, &reviewer, "").await;
    assert_eq!((page.counts.overdue, page.counts.due_today), (1, 0));
    assert!(page.items[0].item.overdue);
    assert_eq!(page.items[0].item.id, id);

    let (status, body) = server
        .get_auth("/staff/contact-changes?state=open", &reviewer.token)
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(error_body(&body).code, "queue.filter_invalid");
    server.stop().await;
}
both_backends!(deadlines, deadlines_follow_working_days);

async fn application_on_file_blocks_approval(backend: Backend) {
    let server = TestServer::start(backend).await;
    let id = submitted_request(&server, "email", NEW_EMAIL).await;
    let applicant = zhang_san();
    let response = server
        .client
        .post(server.url("/hooks/applications"))
        .header("X-Hook-Key", support::TEST_HOOK_KEY)
        .json(&json!({"document_type": applicant.document_type, "document_number": applicant.document_number, "on_file": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let reviewer = create_reviewer(&server, "reviewer.file").await;
    let (status, body) = server.get_auth(&path(&id, ""), &reviewer.token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["application_on_file"], true);
    let (status, _) = claim(&server, &reviewer, &id).await;
    assert_eq!(status, 200);
    let (status, body) = decide(&server, &reviewer, &id, json!({"decision": "approve"})).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(error_body(&body).code, "contact_change.application_on_file");
    let rejection = json!({"decision": "reject", "reason_code": "application_on_file"});
    let (status, body) = decide(&server, &reviewer, &id, rejection).await;
    assert_eq!(status, 200, "{body}");
    server.stop().await;
}
both_backends!(on_file, application_on_file_blocks_approval);
