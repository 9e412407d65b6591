//! Registration, profile and code entry over HTTPS.

mod support;

use chrono::Duration;
use jszg_api::{ProfileResponse, RegisterResponse};
use support::{parse, registration, Backend, TestServer, ID_NUMBER};

const PHONE: &str = "13800138000";

async fn registration_stores_normalised_values(backend: Backend) {
    let server = TestServer::start(backend).await;
    let code = server.registration_code(PHONE).await;
    // Full-width digits, a lower-case check character and spaces are normalised.
    let mut form = registration(" １１0105194912310０2x ", "+86 138-0013-8000", &code);
    form.name = "阿依古丽•买买提".into();
    let (status, body) = server.post("/accounts", &form).await;
    assert_eq!(status, 201, "{body}");
    let account: RegisterResponse = parse(&body);
    assert_eq!(account.document_number_masked, "11*****2X");
    assert_eq!(account.name, "阿依古丽·买买提");
    assert_eq!(account.validity_end, None);

    // The number is stored encrypted, never in clear.
    let stored: Vec<u8> = sqlx::query_scalar("SELECT document_cipher FROM accounts WHERE id = $1")
        .bind(&account.account_id)
        .fetch_one(&server.db().pool)
        .await
        .unwrap();
    assert!(!String::from_utf8_lossy(&stored).contains(ID_NUMBER));

    let token = server.session(ID_NUMBER).await;
    let (status, body) = server.get_auth("/profile", &token).await;
    assert_eq!(status, 200, "{body}");
    let profile: ProfileResponse = parse(&body);
    assert_eq!(profile.gender.as_deref(), Some("female"));
    assert_eq!(profile.birth_date.as_deref(), Some("1949-12-31"));
    assert_eq!(profile.phone_masked, "138*****00");
    assert_eq!(profile.missing_fields, vec!["ethnicity".to_string()]);
    server.stop().await;
}
both_backends!(register, registration_stores_normalised_values);

async fn second_registration_is_rejected(backend: Backend) {
    let server = TestServer::start(backend).await;
    server.register(ID_NUMBER, PHONE).await;
    server.clock.advance(Duration::seconds(61));
    let code = server.registration_code("13900139000").await;
    let (status, body) = server
        .post("/accounts", &registration(ID_NUMBER, "13900139000", &code))
        .await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "account.exists");
    server.stop().await;
}
both_backends!(duplicate, second_registration_is_rejected);

async fn invalid_fields_name_their_field(backend: Backend) {
    let server = TestServer::start(backend).await;
    let cases = [
        (
            "document_number",
            registration("110105194912310021", PHONE, "123456"),
        ),
        ("password", {
            let mut form = registration(ID_NUMBER, PHONE, "123456");
            form.password = "abc＃12345".into();
            form.password_confirmation = form.password.clone();
            form
        }),
        ("password_confirmation", {
            let mut form = registration(ID_NUMBER, PHONE, "123456");
            form.password_confirmation = "Abc#12346".into();
            form
        }),
        ("agreement_accepted", {
            let mut form = registration(ID_NUMBER, PHONE, "123456");
            form.agreement_accepted = false;
            form
        }),
        ("name", {
            let mut form = registration(ID_NUMBER, PHONE, "123456");
            form.name = "张3".into();
            form
        }),
    ];
    for (field, form) in cases {
        let (status, body) = server.post("/accounts", &form).await;
        assert_eq!(status, 400, "{field}: {body}");
        assert_eq!(body["field"], field, "{body}");
        assert!(!body["message"].as_str().unwrap().is_empty());
    }
    let mut long = registration(ID_NUMBER, PHONE, "123456");
    long.password = format!("Abc#1{}", "a".repeat(200));
    long.password_confirmation = long.password.clone();
    let (status, body) = server.post("/accounts", &long).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "password.too_long");
    server.stop().await;
}
both_backends!(invalid_fields, invalid_fields_name_their_field);

async fn code_expires_after_five_minutes(backend: Backend) {
    let server = TestServer::start(backend).await;
    let code = server.registration_code(PHONE).await;
    server
        .clock
        .advance(Duration::minutes(5) + Duration::seconds(1));
    let (status, body) = server
        .post("/accounts", &registration(ID_NUMBER, PHONE, &code))
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "code.expired");

    // A fresh code 4 min 59 s old still works.
    let code = server.registration_code(PHONE).await;
    server
        .clock
        .advance(Duration::minutes(4) + Duration::seconds(59));
    let (status, body) = server
        .post("/accounts", &registration(ID_NUMBER, PHONE, &code))
        .await;
    assert_eq!(status, 201, "{body}");
    server.stop().await;
}
both_backends!(code_expiry, code_expires_after_five_minutes);

async fn code_dies_after_five_wrong_entries(backend: Backend) {
    let server = TestServer::start(backend).await;
    let code = server.registration_code(PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for remaining in (0..5).rev() {
        let (status, body) = server
            .post("/accounts", &registration(ID_NUMBER, PHONE, wrong))
            .await;
        assert_eq!(status, 400);
        assert_eq!(body["code"], "code.wrong", "{body}");
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .contains(&remaining.to_string())
                || remaining == 0
        );
    }
    let (status, body) = server
        .post("/accounts", &registration(ID_NUMBER, PHONE, &code))
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "code.too_many_attempts");
    server.stop().await;
}
both_backends!(wrong_codes, code_dies_after_five_wrong_entries);

async fn code_is_single_use_and_bound_to_purpose(backend: Backend) {
    let server = TestServer::start(backend).await;
    server.register(ID_NUMBER, PHONE).await;
    let code = server.code_from_inbox(PHONE, 1).await;
    let (status, body) = server
        .post(
            "/accounts",
            &registration("11010519491231002X", PHONE, &code),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "code.used");

    server.clock.advance(Duration::seconds(61));
    let (status, _) = server
        .request_code("sms", "13700137000", "change_contact")
        .await;
    assert_eq!(status, 202);
    let code = server.code_from_inbox("13700137000", 1).await;
    let (status, body) = server
        .post("/accounts", &registration(ID_NUMBER, "13700137000", &code))
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "code.wrong_purpose");
    server.stop().await;
}
both_backends!(code_use, code_is_single_use_and_bound_to_purpose);

async fn profile_completion_for_id_card(backend: Backend) {
    let server = TestServer::start(backend).await;
    server.register(ID_NUMBER, PHONE).await;
    let token = server.session(ID_NUMBER).await;
    let put = |body: serde_json::Value| {
        server.send(
            server
                .client
                .put(server.url("/profile"))
                .bearer_auth(&token)
                .json(&body),
        )
    };
    let (status, body) = put(serde_json::json!({ "ethnicity": "99" })).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "ethnicity.unknown");
    let (status, body) = put(serde_json::json!({ "region": "hong_kong" })).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "profile.not_applicable");
    let (status, body) = put(serde_json::json!({ "ethnicity": "01" })).await;
    assert_eq!(status, 200, "{body}");
    let profile: ProfileResponse = parse(&body);
    assert!(profile.missing_fields.is_empty());
    assert_eq!(profile.ethnicity.as_deref(), Some("01"));

    let (status, body) = server.sign_in(ID_NUMBER, support::PASSWORD).await;
    assert_eq!(status, 200);
    assert_eq!(body["profile_incomplete"], false);
    server.stop().await;
}
both_backends!(profile_id_card, profile_completion_for_id_card);

async fn profile_requires_session(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (status, body) = server.get("/profile").await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "session.required");
    let (status, _) = server.get_auth("/profile", "not-a-token").await;
    assert_eq!(status, 401);
    server.stop().await;
}
both_backends!(profile_auth, profile_requires_session);

async fn profile_completion_for_residence_permit(backend: Backend) {
    let server = TestServer::start(backend).await;
    let number = "810000199003070015";
    let code = server.registration_code(PHONE).await;
    let mut form = registration(number, PHONE, &code);
    form.document_type = "hk_macao_residence_permit".into();
    form.validity_period = "five_years".into();
    form.validity_start = "2024-01-01".into();
    let (status, body) = server.post("/accounts", &form).await;
    assert_eq!(status, 201, "{body}");

    let captcha = server.solve_captcha("sign_in").await;
    let (status, body) = server
        .post(
            "/sessions",
            &jszg_api::SignInRequest {
                document_type: "hk_macao_residence_permit".into(),
                document_number: number.into(),
                password: support::PASSWORD.into(),
                captcha_token: captcha,
            },
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let token = body["token"].as_str().unwrap().to_string();
    let (_, body) = server.get_auth("/profile", &token).await;
    let profile: ProfileResponse = parse(&body);
    assert_eq!(
        profile.missing_fields,
        ["ethnicity", "local_id_number", "travel_permit_number"].map(String::from)
    );

    let put = |body: serde_json::Value| {
        server.send(
            server
                .client
                .put(server.url("/profile"))
                .bearer_auth(&token)
                .json(&body),
        )
    };
    let (status, body) = put(serde_json::json!({ "region": "taiwan" })).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "region.document_mismatch");
    let (status, body) = put(serde_json::json!({ "gender": "female" })).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "gender.document_mismatch");
    let (status, body) = put(serde_json::json!({
        "region": "hong_kong", "ethnicity": "01", "local_id_number": "A123456(3)",
        "travel_permit_number": "H12345678",
    }))
    .await;
    assert_eq!(status, 200, "{body}");
    let profile: ProfileResponse = parse(&body);
    assert!(
        profile.missing_fields.is_empty(),
        "{:?}",
        profile.missing_fields
    );
    assert_eq!(profile.region.as_deref(), Some("hong_kong"));
    assert_eq!(profile.gender.as_deref(), Some("male"));
    assert_eq!(
        profile.travel_permit_number_masked.as_deref(),
        Some("H1*****78")
    );
    server.stop().await;
}
both_backends!(profile_permit, profile_completion_for_residence_permit);
