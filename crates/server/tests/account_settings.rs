//! Signed-in changes of the password, email and phone, with their notices.

mod applicant;
mod support;

use applicant::{delivered_ids, next_code, next_message, register, sign_in, zhang_san};
use jszg_api::account_settings::ContactChanged;
use serde_json::json;
use support::{error_body, parse, Backend, TestServer};

async fn put_auth(
    server: &TestServer,
    path: &str,
    token: &str,
    body: &serde_json::Value,
) -> (u16, serde_json::Value) {
    server
        .send(
            server
                .client
                .put(server.url(path))
                .bearer_auth(token)
                .json(body),
        )
        .await
}

async fn password_change_ends_other_sessions(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = zhang_san();
    register(&server, &applicant).await;
    let current = sign_in(&server, &applicant, applicant.password).await;
    let other = sign_in(&server, &applicant, applicant.password).await;

    let wrong = json!({"current_password": "Wrong#2026pass", "new_password": "Fresh#2027pass", "new_password_confirmation": "Fresh#2027pass"});
    let (status, body) = put_auth(&server, "/account/password", &current, &wrong).await;
    assert_eq!(status, 400);
    assert_eq!(error_body(&body).code, "account.current_password_wrong");

    let emails_before = delivered_ids(&server, applicant.email).await;
    let change = json!({"current_password": applicant.password, "new_password": "Fresh#2027pass", "new_password_confirmation": "Fresh#2027pass"});
    let (status, body) = put_auth(&server, "/account/password", &current, &change).await;
    assert_eq!(status, 204, "{body}");
    let (status, _) = server.get_auth("/profile", &current).await;
    assert_eq!(status, 200, "the session that changed the password stays");
    let (status, _) = server.get_auth("/profile", &other).await;
    assert_eq!(status, 401, "every other session ends");
    sign_in(&server, &applicant, "Fresh#2027pass").await;
    let notice = next_message(&server, applicant.email, &emails_before).await;
    assert_eq!(notice.subject, "中国教师资格网：账号密码已修改");
    server.stop().await;
}
both_backends!(password_change, password_change_ends_other_sessions);

async fn email_change_needs_code_and_notifies_old(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = zhang_san();
    register(&server, &applicant).await;
    let token = sign_in(&server, &applicant, applicant.password).await;
    let new_email = "zhang.san@example.cn";
    let (status, body) = server
        .post_auth(
            "/account/contact-codes",
            &token,
            &json!({"kind": "email", "value": new_email}),
        )
        .await;
    assert_eq!(status, 202, "{body}");
    let code = next_code(&server, new_email, &[]).await;

    let wrong_code = if code == "000000" { "111111" } else { "000000" };
    let request =
        json!({"current_password": applicant.password, "value": new_email, "code": wrong_code});
    let (status, body) = put_auth(&server, "/account/email", &token, &request).await;
    assert_eq!(status, 400, "{body}");

    let old_before = delivered_ids(&server, applicant.email).await;
    let request = json!({"current_password": applicant.password, "value": new_email, "code": code});
    let (status, body) = put_auth(&server, "/account/email", &token, &request).await;
    assert_eq!(status, 200, "{body}");
    let changed: ContactChanged = parse(&body);
    assert_eq!(changed.masked_value, "z*****@example.cn");
    let old = next_message(&server, applicant.email, &old_before).await;
    assert_eq!(old.subject, "中国教师资格网：账号绑定的邮箱已修改");
    assert!(old.body.contains("z*****@example.cn"), "{}", old.body);
    server.stop().await;
}
both_backends!(email_change, email_change_needs_code_and_notifies_old);

async fn phone_change_notifies_old_phone(backend: Backend) {
    let server = TestServer::start(backend).await;
    let applicant = zhang_san();
    register(&server, &applicant).await;
    let token = sign_in(&server, &applicant, applicant.password).await;
    let new_phone = "13700137000";
    let (status, body) = server
        .post_auth(
            "/account/contact-codes",
            &token,
            &json!({"kind": "phone", "value": new_phone}),
        )
        .await;
    assert_eq!(status, 202, "{body}");
    let code = next_code(&server, new_phone, &[]).await;
    let old_before = delivered_ids(&server, applicant.phone).await;
    let request = json!({"current_password": applicant.password, "value": new_phone, "code": code});
    let (status, body) = put_auth(&server, "/account/phone", &token, &request).await;
    assert_eq!(status, 200, "{body}");
    let old = next_message(&server, applicant.phone, &old_before).await;
    assert!(old.body.contains("137*****00"), "{}", old.body);
    server.stop().await;
}
both_backends!(phone_change, phone_change_notifies_old_phone);
