//! Applicants for recovery tests: registration and sign-in through the API, codes and
//! links read from the development inbox, and a valid handheld-document photo.
#![allow(dead_code)]

pub mod requests;

use super::support::TestServer;

/// One applicant's registration data.
#[derive(Debug, Clone)]
pub struct Applicant {
    pub document_type: &'static str,
    pub document_number: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub password: &'static str,
}

/// A resident-ID holder with a qq.com address.
pub fn zhang_san() -> Applicant {
    Applicant {
        document_type: "resident_id_card",
        document_number: "11010519491231002X",
        name: "张三",
        email: "12345678@qq.com",
        phone: "13800138000",
        password: "Start#2026pass",
    }
}

/// A second resident-ID holder.
pub fn li_si() -> Applicant {
    Applicant {
        document_type: "resident_id_card",
        document_number: "440524198501010036",
        name: "李四",
        email: "lisi@example.cn",
        phone: "13900139000",
        password: "Other#2026pass",
    }
}

/// Registers `applicant` with an SMS code, through the API.
pub async fn register(server: &TestServer, applicant: &Applicant) {
    let before = delivered_ids(server, applicant.phone).await;
    let (status, body) = server
        .request_code("sms", applicant.phone, "register")
        .await;
    assert!((200..300).contains(&status), "code request failed: {body}");
    let code = next_code(server, applicant.phone, &before).await;
    register_with_code(server, applicant, &code).await;
}

/// Registers `applicant` with a code already obtained (by SMS or WeChat).
pub async fn register_with_code(server: &TestServer, applicant: &Applicant, code: &str) {
    let request = serde_json::json!({
        "document_type": applicant.document_type,
        "document_number": applicant.document_number,
        "name": applicant.name,
        "validity_period": "long_term",
        "validity_start": "2020-01-01",
        "password": applicant.password,
        "password_confirmation": applicant.password,
        "email": applicant.email,
        "phone": applicant.phone,
        "code": code,
        "agreement_accepted": true,
    });
    let (status, body) = server.post("/accounts", &request).await;
    assert!((200..300).contains(&status), "registration failed: {body}");
    server.wait_outbox_empty().await;
}

/// Signs in with `password` and returns the session token.
pub async fn sign_in(server: &TestServer, applicant: &Applicant, password: &str) -> String {
    let captcha = server.solve_captcha("sign_in").await;
    let request = serde_json::json!({
        "document_type": applicant.document_type,
        "document_number": applicant.document_number,
        "password": password,
        "captcha_token": captcha,
    });
    let (status, body) = server.post("/sessions", &request).await;
    assert!((200..300).contains(&status), "sign-in failed: {body}");
    body["token"].as_str().expect("session token").to_string()
}

/// Ids of the messages delivered to `destination` so far, after the outbox drained.
pub async fn delivered_ids(server: &TestServer, destination: &str) -> Vec<String> {
    server.wait_outbox_empty().await;
    let messages = server.inbox(destination).await;
    messages.into_iter().map(|message| message.id).collect()
}

/// Waits for the one message to `destination` whose id is not in `before`.
pub async fn next_message(
    server: &TestServer,
    destination: &str,
    before: &[String],
) -> jszg_api::InboxMessage {
    let messages = server.wait_for_inbox(destination, before.len() + 1).await;
    let mut new: Vec<_> = messages
        .into_iter()
        .filter(|message| !before.contains(&message.id))
        .collect();
    assert_eq!(
        new.len(),
        1,
        "expected one new message to {destination}: {new:?}"
    );
    new.remove(0)
}

/// Waits for the next message to `destination` and returns the 6-digit code in it.
pub async fn next_code(server: &TestServer, destination: &str, before: &[String]) -> String {
    let message = next_message(server, destination, before).await;
    extract_code(&message.body).unwrap_or_else(|| panic!("no 6-digit code in {:?}", message.body))
}

/// The first run of exactly six digits in `text`.
pub fn extract_code(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut index = 0;
    while index < chars.len() {
        if chars[index].is_ascii_digit() {
            let start = index;
            while index < chars.len() && chars[index].is_ascii_digit() {
                index += 1;
            }
            if index - start == 6 {
                return Some(chars[start..index].iter().collect());
            }
        } else {
            index += 1;
        }
    }
    None
}

/// The token of the first `token=` link in `text`.
pub fn extract_token(text: &str) -> Option<String> {
    let start = text.find("token=")? + "token=".len();
    let token: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!token.is_empty()).then_some(token)
}

/// A JPEG of 800 × 600 pixels with sharp edges, well under 190 KB.
pub fn handheld_photo() -> Vec<u8> {
    let image = image::RgbImage::from_fn(800, 600, |x, y| {
        let stripe = if (x / 40 + y / 40) % 2 == 0 { 200 } else { 60 };
        image::Rgb([stripe, (x % 256) as u8, (y % 256) as u8])
    });
    let mut bytes = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 80);
    image::DynamicImage::ImageRgb8(image)
        .write_with_encoder(encoder)
        .unwrap();
    assert!(
        bytes.len() < 190 * 1024,
        "test photo is {} bytes",
        bytes.len()
    );
    bytes
}
