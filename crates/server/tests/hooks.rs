//! Business hooks for the certification systems.

mod review_support;
mod support;

use jszg_api::hooks::ApplicantVerification;
use jszg_core::DocumentType;
use review_support::create_applicant;
use serde_json::json;
use support::{parse, Backend, TestServer, TEST_HOOK_KEY};

async fn hook(
    server: &TestServer,
    path: &str,
    key: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    server
        .send(
            server
                .client
                .post(server.url(path))
                .header("X-Hook-Key", key)
                .json(&body),
        )
        .await
}

async fn hooks_report_and_flag(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = create_applicant(
        &server,
        DocumentType::ResidentIdCard,
        "11010519491231002X",
        "王秀英",
        None,
    )
    .await;
    let lookup =
        json!({ "document_type": "resident_id_card", "document_number": "11010519491231002x" });

    let (status, body) = hook(
        &server,
        "/hooks/verification-status",
        "wrong",
        lookup.clone(),
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "hook.unauthorized");

    let (status, body) = hook(
        &server,
        "/hooks/verification-status",
        TEST_HOOK_KEY,
        lookup.clone(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let answer: ApplicantVerification = parse(&body);
    assert!(answer.account_exists);
    assert!(!answer.verified);

    let (_, body) = server
        .post_auth(
            "/verification",
            &applicant.token,
            &json!({ "name": "王秀英" }),
        )
        .await;
    assert_eq!(body["outcome"], "passed");
    let (_, body) = hook(
        &server,
        "/hooks/verification-status",
        TEST_HOOK_KEY,
        lookup.clone(),
    )
    .await;
    assert_eq!(body["verified"], true, "{body}");
    assert_eq!(body["verified_by"], "real_name");
    assert_eq!(body["name"], "王秀英");

    let unknown =
        json!({ "document_type": "resident_id_card", "document_number": "440304199003074537" });
    let (status, body) = hook(
        &server,
        "/hooks/verification-status",
        TEST_HOOK_KEY,
        unknown.clone(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["account_exists"], false);

    let mut notice = lookup.clone();
    notice["on_file"] = json!(true);
    let (status, body) = hook(&server, "/hooks/applications", TEST_HOOK_KEY, notice).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["on_file"], true);
    let mut connection = server.db().pool.acquire().await.unwrap();
    assert!(
        jszg_server::hooks::application_on_file(&mut connection, &applicant.account_id)
            .await
            .unwrap()
    );
    drop(connection);

    let mut unknown_notice = unknown;
    unknown_notice["on_file"] = json!(true);
    let (status, body) = hook(
        &server,
        "/hooks/applications",
        TEST_HOOK_KEY,
        unknown_notice,
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "hook.account_not_found");
    server.stop().await;
}
both_backends!(hooks, hooks_report_and_flag);
