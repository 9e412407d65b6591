//! Real-name verification over HTTPS against the register simulator.

mod review_support;
mod support;

use chrono::Duration;
use jszg_api::verification::{
    VerificationOutcome, VerificationResponse, VerificationStatus, VerifiedBy,
};
use jszg_core::DocumentType;
use jszg_server::audit::{self, AuditReport};
use review_support::{create_applicant, TestApplicant};
use serde_json::json;
use std::time::Duration as StdDuration;
use support::{parse, Backend, TestServer};

async fn verify(
    server: &TestServer,
    applicant: &TestApplicant,
    name: &str,
) -> (u16, serde_json::Value) {
    server
        .post_auth("/verification", &applicant.token, &json!({ "name": name }))
        .await
}

async fn status(server: &TestServer, applicant: &TestApplicant) -> VerificationStatus {
    let (status, body) = server.get_auth("/verification", &applicant.token).await;
    assert_eq!(status, 200, "{body}");
    parse(&body)
}

async fn account_name(server: &TestServer, account_id: &str) -> String {
    sqlx::query_scalar("SELECT name FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_one(&server.db().pool)
        .await
        .unwrap()
}

async fn resident(server: &TestServer, number: &str, name: &str) -> TestApplicant {
    create_applicant(server, DocumentType::ResidentIdCard, number, name, None).await
}

async fn success_marks_verified(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = resident(&server, "11010519491231002X", "王秀英").await;
    let before = status(&server, &applicant).await;
    assert!(!before.verified);
    assert_eq!(before.attempts_left_today, 3);
    assert!(
        !before.manual_review_open,
        "resident-ID holders need a failed check first"
    );
    assert_eq!(before.checked_document_number_masked, "11*****2X");

    let (code, body) = verify(&server, &applicant, "王秀英").await;
    assert_eq!(code, 200, "{body}");
    let answer: VerificationResponse = parse(&body);
    assert_eq!(answer.outcome, VerificationOutcome::Passed);
    assert_eq!(answer.attempts_left_today, 2);
    assert!(answer.name_change.is_none());
    assert!(answer.help.is_none());

    let after = status(&server, &applicant).await;
    assert!(after.verified);
    assert_eq!(after.verified_by, Some(VerifiedBy::RealName));
    assert_eq!(after.history.len(), 1);
    assert_eq!(
        audit::verify(server.db()).await.unwrap(),
        AuditReport::Intact { entries: 1 }
    );
    server.stop().await;
}
both_backends!(success, success_marks_verified);

async fn mismatch_changes_nothing_and_helps(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = resident(&server, "440304199003074537", "陈志强").await;
    let (code, body) = verify(&server, &applicant, "陈志刚").await;
    assert_eq!(code, 200, "{body}");
    let answer: VerificationResponse = parse(&body);
    assert_eq!(answer.outcome, VerificationOutcome::Failed);
    assert_eq!(answer.attempts_left_today, 2);
    let help = answer.help.expect("a failure carries help");
    assert!(
        help.ctid_refresh.is_some(),
        "resident-ID holders get the CTID advice"
    );
    assert!(help.manual_review_open);
    assert!(!help.typo.is_empty());
    assert_eq!(account_name(&server, &applicant.account_id).await, "陈志强");
    let after = status(&server, &applicant).await;
    assert!(!after.verified);
    assert!(after.manual_review_open);
    assert_eq!(after.history[0].outcome, VerificationOutcome::Failed);
    server.stop().await;
}
both_backends!(mismatch, mismatch_changes_nothing_and_helps);

async fn stale_record_passes_after_ctid_refresh(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = resident(&server, "31011519851122062X", "李娜").await;
    let (_, body) = verify(&server, &applicant, "李娜").await;
    assert_eq!(body["outcome"], "failed", "{body}");
    assert!(server.register.refresh_ctid(
        jszg_server::register::RegisterDocument::ResidentIdCard,
        "31011519851122062X"
    ));
    let (_, body) = verify(&server, &applicant, "李娜").await;
    assert_eq!(body["outcome"], "passed", "{body}");
    assert_eq!(body["attempts_left_today"], 1);
    server.stop().await;
}
both_backends!(stale_record, stale_record_passes_after_ctid_refresh);

async fn passed_check_with_new_name_renames(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = resident(&server, "510107197802153917", "阿依古丽").await;
    // A look-alike interpunct is stored as U+00B7 before the check.
    let (code, body) = verify(&server, &applicant, "阿依古丽•买买提").await;
    assert_eq!(code, 200, "{body}");
    let answer: VerificationResponse = parse(&body);
    assert_eq!(answer.outcome, VerificationOutcome::Passed);
    assert_eq!(answer.name_checked, "阿依古丽·买买提");
    let change = answer.name_change.expect("the name changed");
    assert_eq!(change.old_name, "阿依古丽");
    assert_eq!(change.new_name, "阿依古丽·买买提");
    assert!(!answer.resubmit_application);
    assert_eq!(
        account_name(&server, &applicant.account_id).await,
        "阿依古丽·买买提"
    );
    let old: String =
        sqlx::query_scalar("SELECT old_name FROM account_name_history WHERE account_id = $1")
            .bind(&applicant.account_id)
            .fetch_one(&server.db().pool)
            .await
            .unwrap();
    assert_eq!(old, "阿依古丽");
    server.stop().await;
}
both_backends!(name_change, passed_check_with_new_name_renames);

async fn register_down_uses_no_attempt(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = resident(&server, "220104199204301140", "张伟").await;
    server.register.set_down(true);
    let (code, body) = verify(&server, &applicant, "张伟").await;
    assert_eq!(code, 503, "{body}");
    assert_eq!(body["code"], "verification.register_unavailable");
    assert!(body["message"].as_str().unwrap().contains("3次"), "{body}");
    assert_eq!(status(&server, &applicant).await.attempts_left_today, 3);
    assert!(status(&server, &applicant).await.history.is_empty());
    server.register.set_down(false);
    let (_, body) = verify(&server, &applicant, "张伟").await;
    assert_eq!(body["outcome"], "passed", "{body}");
    assert_eq!(body["attempts_left_today"], 2);
    server.stop().await;
}
both_backends!(register_down, register_down_uses_no_attempt);

async fn fourth_attempt_of_a_day_is_refused(backend: Backend) {
    let server = TestServer::start(backend).await;
    // 23:30 Beijing time, so the day ends within the session's idle time-out.
    server
        .clock
        .set(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 10, 15, 30, 0).unwrap());
    let applicant = resident(&server, "370202198709092226", "刘芳").await;
    for left in [2, 1, 0] {
        let (_, body) = verify(&server, &applicant, "刘方").await;
        assert_eq!(body["attempts_left_today"], left, "{body}");
    }
    let queries = server.register.query_count();
    let (code, body) = verify(&server, &applicant, "刘芳").await;
    assert_eq!(code, 429, "{body}");
    assert_eq!(body["code"], "verification.daily_limit");
    assert_eq!(
        server.register.query_count(),
        queries,
        "the register was not asked"
    );

    // 23:59:59 Beijing time is still the same day; 00:00 is the next.
    server
        .clock
        .set(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 10, 15, 59, 59).unwrap());
    let (code, _) = verify(&server, &applicant, "刘芳").await;
    assert_eq!(code, 429);
    server.clock.advance(Duration::seconds(1));
    let (code, body) = verify(&server, &applicant, "刘芳").await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["outcome"], "passed");
    server.stop().await;
}
both_backends!(daily_limit, fourth_attempt_of_a_day_is_refused);

async fn concurrent_attempts_never_exceed_the_limit(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = resident(&server, "440304199003074537", "陈志强").await;
    let (_, body) = verify(&server, &applicant, "陈志").await;
    assert_eq!(body["attempts_left_today"], 2);
    server.register.set_delay(StdDuration::from_millis(300));
    let before = server.register.query_count();
    let attempts = (0..3).map(|_| verify(&server, &applicant, "陈志强"));
    let results = futures::future::join_all(attempts).await;
    let passed = results.iter().filter(|(code, _)| *code == 200).count();
    let refused = results
        .iter()
        .filter(|(code, body)| *code == 429 && body["code"] == "verification.daily_limit")
        .count();
    assert_eq!(passed, 2, "{results:?}");
    assert_eq!(refused, 1, "{results:?}");
    assert_eq!(server.register.query_count() - before, 2);
    server.stop().await;
}
both_backends!(concurrency, concurrent_attempts_never_exceed_the_limit);

async fn residence_permit_uses_travel_permit(backend: Backend) {
    let server = TestServer::start(backend).await;
    let holder = create_applicant(
        &server,
        DocumentType::HkMacaoResidencePermit,
        "810000199508120014",
        "陈嘉欣",
        Some("H12345678"),
    )
    .await;
    let before = status(&server, &holder).await;
    assert_eq!(before.checked_document_type, "hk_macao_travel_permit");
    assert!(
        before.manual_review_open,
        "permit holders may ask for review at once"
    );
    let (_, body) = verify(&server, &holder, "陈嘉欣").await;
    assert_eq!(body["outcome"], "passed", "{body}");

    let without_permit = create_applicant(
        &server,
        DocumentType::HkMacaoResidencePermit,
        "810000199201010021",
        "陈嘉欣",
        None,
    )
    .await;
    let (code, body) = verify(&server, &without_permit, "陈嘉欣").await;
    assert_eq!(code, 409, "{body}");
    assert_eq!(body["code"], "verification.travel_permit_missing");
    assert_eq!(body["field"], "travel_permit_number");
    server.stop().await;
}
both_backends!(residence_permit, residence_permit_uses_travel_permit);

async fn invalid_name_is_rejected_before_counting(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = resident(&server, "11010519491231002X", "王秀英").await;
    let (code, body) = verify(&server, &applicant, "王秀英1").await;
    assert_eq!(code, 400, "{body}");
    assert_eq!(body["field"], "name");
    assert!(
        body["code"].as_str().unwrap().starts_with("name."),
        "{body}"
    );
    assert_eq!(status(&server, &applicant).await.attempts_left_today, 3);
    let (code, _) = server
        .post("/verification", &json!({ "name": "王秀英" }))
        .await;
    assert_eq!(code, 401);
    server.stop().await;
}
both_backends!(invalid_name, invalid_name_is_rejected_before_counting);
