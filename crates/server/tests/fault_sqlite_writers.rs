//! Many concurrent writers on one SQLite server: every answer is a success or a coded
//! rule error, never a 5xx (such as a "database is locked" surfacing as `internal`).

mod support;

use futures::future::join_all;
use support::{error_body, registration, Backend, TestServer};

/// Returns a valid resident ID number (GB 11643 check character) for serial `n`.
fn resident_id(n: u32) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let first17 = format!("11010519800101{:03}", n % 1000);
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    format!("{first17}{}", CHECK[(sum % 11) as usize] as char)
}

fn phone(n: u32) -> String {
    format!("1580000{n:04}")
}

/// Asserts that an answer is a success or a coded 4xx, and returns its code.
fn check_answer(status: u16, body: &serde_json::Value) -> Option<String> {
    assert!(status < 500, "server error {status}: {body}");
    if status < 300 {
        return None;
    }
    let error = error_body(body);
    assert_ne!(error.code, "internal", "{body}");
    assert!(!error.message.is_empty(), "{body}");
    Some(error.code)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_code_requests_get_coded_answers() {
    let server = TestServer::start(Backend::Sqlite).await;
    // Three requests at once for each of 16 phones: one code per phone is sent and the
    // others wait out the resend interval.
    let requests = (0..48).map(|i| {
        let server = &server;
        async move {
            let destination = phone(i % 16);
            server.request_code("sms", &destination, "register").await
        }
    });
    let answers = join_all(requests).await;
    let mut sent = 0;
    for (status, body) in &answers {
        match check_answer(*status, body) {
            None => sent += 1,
            Some(code) => assert!(
                code.starts_with("sms.") || code.starts_with("code."),
                "{body}"
            ),
        }
    }
    assert_eq!(sent, 16, "one code per phone: {answers:?}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_registrations_get_coded_answers() {
    let server = TestServer::start(Backend::Sqlite).await;
    let accounts = 12;
    let mut forms = Vec::new();
    for i in 0..accounts {
        let code = server.registration_code(&phone(100 + i)).await;
        forms.push(registration(&resident_id(i), &phone(100 + i), &code));
    }
    // Every form is sent twice at once: one copy registers, the other is rejected as
    // a duplicate or as a used code, and nothing fails inside the server.
    let requests = forms.iter().chain(forms.iter()).map(|form| {
        let server = &server;
        async move { server.post("/accounts", form).await }
    });
    let answers = join_all(requests).await;
    let mut created = 0u32;
    for (status, body) in &answers {
        if check_answer(*status, body).is_none() {
            assert_eq!(*status, 201, "{body}");
            created += 1;
        }
    }
    assert_eq!(created, accounts, "{answers:?}");
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(&server.db().pool)
        .await
        .unwrap();
    assert_eq!(stored, i64::from(accounts));
    server.stop().await;
}
