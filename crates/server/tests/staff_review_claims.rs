//! Claims on manual reviews (the held-by message and release) and the notice of an
//! approval that renames an applicant with an application on file.

mod review_support;
mod support;

use jszg_core::DocumentType;
use review_support::{create_applicant, create_reviewer, review_form, TestApplicant, TestReviewer};
use serde_json::json;
use support::{error_body, Backend, TestServer, TEST_HOOK_KEY};

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

/// Submits a review asking for `name` and returns its id.
async fn submit(server: &TestServer, applicant: &TestApplicant, name: &str) -> String {
    let request = server
        .client
        .post(server.url("/manual-reviews"))
        .bearer_auth(&applicant.token)
        .multipart(review_form(name));
    let (status, body) = server.send(request).await;
    assert_eq!(status, 201, "{body}");
    body["review"]["id"].as_str().unwrap().to_string()
}

async fn post(
    server: &TestServer,
    reviewer: &TestReviewer,
    id: &str,
    action: &str,
) -> (u16, serde_json::Value) {
    let path = format!("/staff/manual-reviews/{id}/{action}");
    server.post_auth(&path, &reviewer.token, &json!({})).await
}

async fn held_review_can_be_released(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = permit_holder(&server).await;
    let id = submit(&server, &applicant, "何家豪").await;
    let first = create_reviewer(&server, "reviewer.first").await;
    let second = create_reviewer(&server, "reviewer.second").await;

    let (status, body) = post(&server, &first, &id, "claim").await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = post(&server, &second, &id, "claim").await;
    assert_eq!(status, 409, "{body}");
    let error = error_body(&body);
    assert_eq!(error.code, "claim.taken");
    assert!(error.message.contains("北京时间10:15"), "{}", error.message);
    assert!(
        !error.message.contains("reviewer.first"),
        "{}",
        error.message
    );

    let (status, body) = server
        .get_auth("/staff/manual-reviews?state=claimed", &second.token)
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["matching"], 1);
    assert_eq!(body["items"][0]["state"], "claimed");
    assert_eq!(body["counts"]["total"], 1);

    let (status, body) = post(&server, &second, &id, "claim/release").await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(error_body(&body).code, "claim.not_holder");
    let (status, body) = post(&server, &first, &id, "claim/release").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["released"], true);
    let (status, body) = post(&server, &second, &id, "claim").await;
    assert_eq!(status, 200, "{body}");
    server.stop().await;
}
both_backends!(release, held_review_can_be_released);

async fn renaming_approval_asks_to_resubmit(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = permit_holder(&server).await;
    let id = submit(&server, &applicant, "何嘉豪").await;
    let notice = json!({"document_type": "hk_macao_travel_permit", "document_number": "M87654321", "on_file": true});
    let response = server
        .client
        .post(server.url("/hooks/applications"))
        .header("X-Hook-Key", TEST_HOOK_KEY)
        .json(&notice)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let reviewer = create_reviewer(&server, "reviewer.rename").await;
    let (status, _) = post(&server, &reviewer, &id, "claim").await;
    assert_eq!(status, 200);
    let path = format!("/staff/manual-reviews/{id}/decision");
    let (status, body) = server
        .post_auth(&path, &reviewer.token, &json!({"decision": "approve"}))
        .await;
    assert_eq!(status, 200, "{body}");

    let messages = server.wait_for_inbox(&applicant.email, 1).await;
    let result = messages
        .iter()
        .find(|message| message.body.contains("人工审核已通过"))
        .expect("the approval notice");
    assert!(result.body.contains("请重新提交该申请"), "{}", result.body);
    server.stop().await;
}
both_backends!(rename_on_file, renaming_approval_asks_to_resubmit);
