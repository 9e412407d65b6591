//! Contact change requests through the API: the forgot-password ticket, the code to the
//! new contact, and the multipart submission.

use super::{delivered_ids, next_code, zhang_san};
use crate::support::{parse, TestServer};
use jszg_api::password_reset::StartPasswordResetResponse;
use serde_json::json;

/// Opens a forgot-password ticket for 张三.
pub async fn start_ticket(server: &TestServer) -> String {
    let applicant = zhang_san();
    let (status, body) = server
        .start_reset(json!({"document_type": applicant.document_type, "document_number": applicant.document_number, "name": applicant.name}))
        .await;
    assert_eq!(status, 200, "{body}");
    parse::<StartPasswordResetResponse>(&body).ticket
}

/// Sends a code to `value` and returns it.
pub async fn code_for(server: &TestServer, ticket: &str, kind: &str, value: &str) -> String {
    let before = delivered_ids(server, value).await;
    let captcha = server.solve_captcha("send_code").await;
    let (status, body) = server
        .post(
            "/contact-change-requests/codes",
            &json!({"ticket": ticket, "kind": kind, "value": value, "captcha_token": captcha}),
        )
        .await;
    assert_eq!(status, 202, "{body}");
    next_code(server, value, &before).await
}

/// Submits a request with `photo` and returns the status and body.
pub async fn submit(
    server: &TestServer,
    ticket: &str,
    kind: &str,
    value: &str,
    code: &str,
    photo: Vec<u8>,
) -> (u16, serde_json::Value) {
    let form = reqwest::multipart::Form::new()
        .text("ticket", ticket.to_string())
        .text("kind", kind.to_string())
        .text("value", value.to_string())
        .text("code", code.to_string())
        .text("reason", "原邮箱已停用".to_string())
        .part(
            "photo",
            reqwest::multipart::Part::bytes(photo)
                .file_name("photo.jpg")
                .mime_str("image/jpeg")
                .unwrap(),
        );
    server
        .send(
            server
                .client
                .post(server.url("/contact-change-requests"))
                .multipart(form),
        )
        .await
}
