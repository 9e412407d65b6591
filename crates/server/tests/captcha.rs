//! Slider captcha over HTTPS: a solved puzzle earns one pass, once.

mod support;

use jszg_api::CaptchaSolution;
use support::{human_trail, Backend, TestServer};

async fn pass_is_single_use(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (id, answer) = server.new_puzzle("send_code").await;
    let solution = CaptchaSolution {
        offset_x: answer,
        trail: human_trail(answer),
    };
    let (status, body) = server
        .post(&format!("/captcha/{id}/solution"), &solution)
        .await;
    assert_eq!(status, 200, "{body}");
    let token = body["pass_token"].as_str().unwrap().to_string();

    // The same puzzle cannot be solved twice.
    let (status, body) = server
        .post(&format!("/captcha/{id}/solution"), &solution)
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "captcha.expired");

    let request = |token: &str| jszg_api::CodeRequest {
        channel: "sms".into(),
        destination: "13800138000".into(),
        purpose: "register".into(),
        captcha_token: token.into(),
    };
    let (status, body) = server.post("/codes", &request(&token)).await;
    assert_eq!(status, 202, "{body}");
    let (status, body) = server.post("/codes", &request(&token)).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "captcha.required");
    server.stop().await;
}
both_backends!(replay, pass_is_single_use);

async fn wrong_offset_and_robot_trail_fail(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (id, answer) = server.new_puzzle("sign_in").await;
    let off = CaptchaSolution {
        offset_x: answer + 20.0,
        trail: human_trail(answer + 20.0),
    };
    let (status, body) = server.post(&format!("/captcha/{id}/solution"), &off).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "captcha.failed");

    let (id, answer) = server.new_puzzle("sign_in").await;
    let robot = CaptchaSolution {
        offset_x: answer,
        trail: (0..=10)
            .map(|i| jszg_api::TrailPoint {
                x: answer * f64::from(i) / 10.0,
                y: 0.0,
                t: i64::from(i) * 50,
            })
            .collect(),
    };
    let (status, body) = server
        .post(&format!("/captcha/{id}/solution"), &robot)
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "captcha.failed");
    server.stop().await;
}
both_backends!(rejected_solutions, wrong_offset_and_robot_trail_fail);

async fn pass_expires_after_two_minutes(backend: Backend) {
    let server = TestServer::start(backend).await;
    let token = server.solve_captcha("send_code").await;
    server.clock.advance(chrono::Duration::seconds(121));
    let (status, body) = server
        .post(
            "/codes",
            &jszg_api::CodeRequest {
                channel: "sms".into(),
                destination: "13800138000".into(),
                purpose: "register".into(),
                captcha_token: token,
            },
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "captcha.required");
    server.stop().await;
}
both_backends!(pass_expiry, pass_expires_after_two_minutes);

async fn pass_is_bound_to_purpose(backend: Backend) {
    let server = TestServer::start(backend).await;
    let token = server.solve_captcha("sign_in").await;
    let (status, body) = server
        .post(
            "/codes",
            &jszg_api::CodeRequest {
                channel: "sms".into(),
                destination: "13800138000".into(),
                purpose: "register".into(),
                captcha_token: token,
            },
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "captcha.required");
    server.stop().await;
}
both_backends!(purpose_binding, pass_is_bound_to_purpose);
