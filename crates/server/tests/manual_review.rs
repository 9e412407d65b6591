//! Manual review: submission with photos, limits, the pending lock, staff decisions,
//! claims and access control, over HTTPS.

mod review_support;
mod support;

use chrono::{TimeZone, Utc};
use jszg_api::review::{ReviewStatus, ReviewSubmitted, ReviewSummary};
use jszg_api::verification::{VerificationStatus, VerifiedBy};
use jszg_core::DocumentType;
use review_support::{
    create_applicant, create_reviewer, jpeg, new_session, TestApplicant, TestReviewer,
};
use serde_json::json;
use support::{parse, Backend, TestServer};

/// A travel-permit holder, who may ask for manual review at once.
async fn permit_holder(server: &TestServer) -> TestApplicant {
    create_applicant(
        server,
        DocumentType::HkMacaoTravelPermit,
        "M87654321",
        "何家豪",
        None,
    )
    .await
}

struct Photos {
    side_a: Vec<u8>,
    side_b: Vec<u8>,
    handheld: Vec<u8>,
}

fn valid_photos() -> Photos {
    Photos {
        side_a: jpeg::valid(),
        side_b: jpeg::valid(),
        handheld: jpeg::valid(),
    }
}

async fn submit(
    server: &TestServer,
    applicant: &TestApplicant,
    name: &str,
    photos: Photos,
) -> (u16, serde_json::Value) {
    let part = |bytes: Vec<u8>, file: &str| {
        reqwest::multipart::Part::bytes(bytes)
            .file_name(file.to_string())
            .mime_str("image/jpeg")
            .unwrap()
    };
    let form = reqwest::multipart::Form::new()
        .text("name", name.to_string())
        .text("validity_period", "ten_years")
        .text("validity_start", "2020-05-01")
        .text("reason", "实名核验未通过，证件信息无误。")
        .part("side_a", part(photos.side_a, "a.jpg"))
        .part("side_b", part(photos.side_b, "b.jpg"))
        .part("handheld", part(photos.handheld, "h.jpg"));
    server
        .send(
            server
                .client
                .post(server.url("/manual-reviews"))
                .bearer_auth(&applicant.token)
                .multipart(form),
        )
        .await
}

async fn submit_ok(server: &TestServer, applicant: &TestApplicant) -> ReviewSubmitted {
    let (status, body) = submit(server, applicant, "何家豪", valid_photos()).await;
    assert_eq!(status, 201, "{body}");
    parse(&body)
}

async fn claim(server: &TestServer, reviewer: &TestReviewer, id: &str) -> (u16, serde_json::Value) {
    server
        .post_auth(
            &format!("/staff/manual-reviews/{id}/claim"),
            &reviewer.token,
            &json!({}),
        )
        .await
}

async fn decide(
    server: &TestServer,
    reviewer: &TestReviewer,
    id: &str,
    decision: serde_json::Value,
) -> (u16, serde_json::Value) {
    server
        .post_auth(
            &format!("/staff/manual-reviews/{id}/decision"),
            &reviewer.token,
            &decision,
        )
        .await
}

async fn reject(server: &TestServer, reviewer: &TestReviewer, id: &str) {
    let (status, body) = claim(server, reviewer, id).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = decide(
        server,
        reviewer,
        id,
        json!({ "decision": "reject", "reason_code": "ethnicity_wrong" }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

async fn get_bytes(server: &TestServer, path: &str, token: &str) -> (u16, Vec<u8>) {
    let response = server
        .client
        .get(server.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.bytes().await.unwrap().to_vec())
}

async fn valid_submission_is_stored(backend: Backend) {
    let server = TestServer::start(backend).await;
    // Wednesday 30 September 2026, 15:00 Beijing time: due by the end of 15 October.
    server
        .clock
        .set(Utc.with_ymd_and_hms(2026, 9, 30, 7, 0, 0).unwrap());
    let applicant = permit_holder(&server).await;
    let photos = valid_photos();
    let side_a = photos.side_a.clone();
    let (status, body) = submit(&server, &applicant, "何家豪", photos).await;
    assert_eq!(status, 201, "{body}");
    let submitted: ReviewSubmitted = parse(&body);
    assert_eq!(submitted.reviews_left_this_period, 2);
    assert_eq!(submitted.review.status, ReviewStatus::Pending);
    assert_eq!(
        submitted.review.due_at,
        Utc.with_ymd_and_hms(2026, 10, 15, 16, 0, 0).unwrap()
    );
    assert_eq!(
        submitted.review.validity_end.unwrap().to_string(),
        "2030-05-01"
    );
    let id = submitted.review.id.clone();

    let (status, bytes) = get_bytes(
        &server,
        &format!("/manual-reviews/{id}/photos/side_a"),
        &applicant.token,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(bytes, side_a, "the owner gets the photo back unchanged");
    let stored: Vec<u8> = sqlx::query_scalar(
        "SELECT sealed FROM manual_review_photos WHERE review_id = $1 AND side = 'side_a'",
    )
    .bind(&id)
    .fetch_one(&server.db().pool)
    .await
    .unwrap();
    assert_ne!(stored, side_a, "photos are stored encrypted");

    let (status, body) = server.get_auth("/manual-reviews", &applicant.token).await;
    assert_eq!(status, 200);
    let own: Vec<ReviewSummary> = parse(&body);
    assert_eq!(own.len(), 1);
    server.stop().await;
}
both_backends!(valid_submission, valid_submission_is_stored);

async fn each_photo_fault_has_its_code(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = permit_holder(&server).await;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("side_a", jpeg::too_large(), "photo.too_large"),
        ("side_b", jpeg::png(), "photo.format"),
        ("handheld", jpeg::too_small(), "photo.dimensions_too_small"),
        ("side_a", jpeg::truncated(), "photo.truncated"),
        ("side_b", jpeg::with_orientation(6), "photo.rotated"),
        ("handheld", jpeg::with_orientation(2), "photo.mirrored"),
    ];
    for (part, bytes, code) in cases {
        let mut photos = valid_photos();
        match part {
            "side_a" => photos.side_a = bytes,
            "side_b" => photos.side_b = bytes,
            _ => photos.handheld = bytes,
        }
        let (status, body) = submit(&server, &applicant, "何家豪", photos).await;
        assert_eq!(status, 400, "{code}: {body}");
        assert_eq!(body["code"], code, "{body}");
        assert_eq!(body["field"], part, "{body}");
    }
    let (status, body) = server.get_auth("/verification", &applicant.token).await;
    assert_eq!(status, 200);
    assert_eq!(
        body["reviews_left_this_period"], 3,
        "rejected forms use no review"
    );
    server.stop().await;
}
both_backends!(photo_faults, each_photo_fault_has_its_code);

async fn resident_needs_a_failed_check_first(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = create_applicant(
        &server,
        DocumentType::ResidentIdCard,
        "110101199003070011",
        "赵敏",
        None,
    )
    .await;
    let (status, body) = submit(&server, &applicant, "赵敏", valid_photos()).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["code"], "review.not_open");
    let (_, body) = server
        .post_auth(
            "/verification",
            &applicant.token,
            &json!({ "name": "赵敏" }),
        )
        .await;
    assert_eq!(body["outcome"], "failed", "not in the register: {body}");
    let (status, body) = submit(&server, &applicant, "赵敏", valid_photos()).await;
    assert_eq!(status, 201, "{body}");
    server.stop().await;
}
both_backends!(resident_review_open, resident_needs_a_failed_check_first);

async fn period_limit_resets_on_1_september(backend: Backend) {
    let server = TestServer::start(backend).await;
    // 23:00 on 31 August, Beijing time.
    server
        .clock
        .set(Utc.with_ymd_and_hms(2026, 8, 31, 15, 0, 0).unwrap());
    let mut applicant = permit_holder(&server).await;
    let reviewer = create_reviewer(&server, "reviewer.period").await;
    for left in [2, 1, 0] {
        let submitted = submit_ok(&server, &applicant).await;
        assert_eq!(submitted.reviews_left_this_period, left);
        reject(&server, &reviewer, &submitted.review.id).await;
    }
    let (status, body) = submit(&server, &applicant, "何家豪", valid_photos()).await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["code"], "review.period_limit");
    assert!(
        body["message"].as_str().unwrap().contains("2026年9月1日"),
        "{body}"
    );

    // 23:59:59 on 31 August Beijing time is still the first period.
    server
        .clock
        .set(Utc.with_ymd_and_hms(2026, 8, 31, 15, 59, 59).unwrap());
    // The first session has passed its idle time-out by now.
    applicant.token = new_session(&server, &applicant.account_id).await;
    let (status, _) = submit(&server, &applicant, "何家豪", valid_photos()).await;
    assert_eq!(status, 429);
    server
        .clock
        .set(Utc.with_ymd_and_hms(2026, 8, 31, 16, 0, 0).unwrap());
    let submitted = submit_ok(&server, &applicant).await;
    assert_eq!(submitted.reviews_left_this_period, 2);
    server.stop().await;
}
both_backends!(period_limit, period_limit_resets_on_1_september);

async fn pending_review_locks_profile_and_verification(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = permit_holder(&server).await;
    submit_ok(&server, &applicant).await;
    let (status, body) = server
        .post_auth(
            "/verification",
            &applicant.token,
            &json!({ "name": "何家豪" }),
        )
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "review.pending");
    let response = server
        .client
        .put(server.url("/profile"))
        .bearer_auth(&applicant.token)
        .json(&json!({ "ethnicity": "02" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 409);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "review.pending");
    let (status, body) = submit(&server, &applicant, "何家豪", valid_photos()).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "review.pending");
    let (_, body) = server.get_auth("/verification", &applicant.token).await;
    let verification: VerificationStatus = parse(&body);
    assert!(verification.pending_review.is_some());
    assert!(!verification.manual_review_open);
    server.stop().await;
}
both_backends!(pending_lock, pending_review_locks_profile_and_verification);

async fn approval_survives_a_failed_check(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = permit_holder(&server).await;
    let reviewer = create_reviewer(&server, "reviewer.approve").await;
    let submitted = submit_ok(&server, &applicant).await;
    let id = submitted.review.id;

    let (status, body) = server
        .get_auth("/staff/manual-reviews", &reviewer.token)
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["items"][0]["id"], id.as_str(), "{body}");
    assert_eq!(body["items"][0]["document_number_masked"], "M8*****21");
    assert_eq!(body["counts"]["total"], 1, "{body}");
    let (status, body) = decide(&server, &reviewer, &id, json!({ "decision": "approve" })).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "claim.required");
    let (status, _) = claim(&server, &reviewer, &id).await;
    assert_eq!(status, 200);
    let (status, body) = server
        .get_auth(&format!("/staff/manual-reviews/{id}"), &reviewer.token)
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["document_number"], "M87654321");
    assert_eq!(body["claimed_by"], "reviewer.approve");
    let (status, bytes) = get_bytes(
        &server,
        &format!("/staff/manual-reviews/{id}/photos/handheld"),
        &reviewer.token,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(&bytes[..2], &[0xFF, 0xD8]);
    let (status, body) = decide(&server, &reviewer, &id, json!({ "decision": "approve" })).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = decide(&server, &reviewer, &id, json!({ "decision": "approve" })).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "review.already_decided");

    let (_, body) = server.get_auth("/verification", &applicant.token).await;
    let verification: VerificationStatus = parse(&body);
    assert_eq!(verification.verified_by, Some(VerifiedBy::ManualReview));
    let (_, body) = server
        .post_auth(
            "/verification",
            &applicant.token,
            &json!({ "name": "何家" }),
        )
        .await;
    assert_eq!(body["outcome"], "failed", "{body}");
    let (_, body) = server.get_auth("/verification", &applicant.token).await;
    let verification: VerificationStatus = parse(&body);
    assert!(
        verification.verified,
        "a failed check does not undo the approval"
    );
    let messages = server.wait_for_inbox(&applicant.email, 1).await;
    assert!(messages[0].body.contains("已通过"), "{}", messages[0].body);
    server.stop().await;
}
both_backends!(approve, approval_survives_a_failed_check);

async fn rejection_needs_a_reason_then_resubmit(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = permit_holder(&server).await;
    let reviewer = create_reviewer(&server, "reviewer.reject").await;
    let id = submit_ok(&server, &applicant).await.review.id;
    claim(&server, &reviewer, &id).await;
    let (status, body) = decide(&server, &reviewer, &id, json!({ "decision": "reject" })).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["code"], "decision.reason_required");
    let (status, body) = decide(
        &server,
        &reviewer,
        &id,
        json!({ "decision": "reject", "reason_code": "no_such_reason" }),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "decision.reason_unknown");
    let (status, body) = decide(
        &server,
        &reviewer,
        &id,
        json!({ "decision": "reject", "reason_text": "民族填写为汉族，证件显示为满族。" }),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let (_, body) = server
        .get_auth(&format!("/manual-reviews/{id}"), &applicant.token)
        .await;
    let review: ReviewSummary = parse(&body);
    assert_eq!(review.status, ReviewStatus::Rejected);
    assert_eq!(
        review.decision_reason.as_deref(),
        Some("民族填写为汉族，证件显示为满族。")
    );
    let messages = server.wait_for_inbox(&applicant.email, 1).await;
    assert!(messages[0].body.contains("满族"), "{}", messages[0].body);
    assert!(
        messages[0].body.contains("还可申请2次"),
        "{}",
        messages[0].body
    );

    let resubmitted = submit_ok(&server, &applicant).await;
    assert_eq!(resubmitted.reviews_left_this_period, 1);
    server.stop().await;
}
both_backends!(reject_resubmit, rejection_needs_a_reason_then_resubmit);

async fn one_of_two_reviewers_wins_a_claim(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = permit_holder(&server).await;
    let first = create_reviewer(&server, "reviewer.a").await;
    let second = create_reviewer(&server, "reviewer.b").await;
    let id = submit_ok(&server, &applicant).await.review.id;
    let (a, b) = tokio::join!(claim(&server, &first, &id), claim(&server, &second, &id));
    let winners = [&a, &b].iter().filter(|(status, _)| *status == 200).count();
    assert_eq!(winners, 1, "{a:?} {b:?}");
    let loser = if a.0 == 200 { &b } else { &a };
    assert_eq!(loser.0, 409);
    assert_eq!(loser.1["code"], "claim.taken");
    let (winner, other) = if a.0 == 200 {
        (&first, &second)
    } else {
        (&second, &first)
    };
    let (status, body) = decide(&server, other, &id, json!({ "decision": "approve" })).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "claim.required");

    // After the claim runs out, the other reviewer may take the item.
    server.clock.advance(chrono::Duration::minutes(16));
    let (status, _) = claim(&server, other, &id).await;
    assert_eq!(status, 200);
    let (status, body) = decide(&server, winner, &id, json!({ "decision": "approve" })).await;
    assert_eq!(status, 409, "{body}");
    server.stop().await;
}
both_backends!(claims, one_of_two_reviewers_wins_a_claim);

async fn applicants_reach_only_their_own(backend: Backend) {
    let server = TestServer::start(backend).await;
    let owner = permit_holder(&server).await;
    let other = create_applicant(
        &server,
        DocumentType::TaiwanTravelPermit,
        "12345678",
        "林志玲",
        None,
    )
    .await;
    let id = submit_ok(&server, &owner).await.review.id;
    let (status, body) = server
        .get_auth(&format!("/manual-reviews/{id}"), &other.token)
        .await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["code"], "review.not_found");
    let (status, _) = get_bytes(
        &server,
        &format!("/manual-reviews/{id}/photos/side_a"),
        &other.token,
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = get_bytes(
        &server,
        &format!("/staff/manual-reviews/{id}/photos/side_a"),
        &other.token,
    )
    .await;
    assert_eq!(status, 401);
    for path in [
        "/staff/manual-reviews",
        "/staff/contact-changes",
        "/staff/reasons",
    ] {
        let (status, body) = server.get_auth(path, &owner.token).await;
        assert_eq!(status, 401, "{path}: {body}");
        assert_eq!(body["code"], "staff.unauthorized");
    }
    let (status, _) = server
        .post_auth(
            &format!("/staff/manual-reviews/{id}/claim"),
            &owner.token,
            &json!({}),
        )
        .await;
    assert_eq!(status, 401);

    let reviewer = create_reviewer(&server, "reviewer.access").await;
    let (status, _) = server.get_auth("/manual-reviews", &reviewer.token).await;
    assert_eq!(status, 403, "a staff session is not an applicant session");
    server.stop().await;
}
both_backends!(access_control, applicants_reach_only_their_own);
