//! `POST /codes`: send a registration or contact-change code to a phone or email
//! address the applicant typed, after a solved captcha.

use super::{issue, parse_purpose, Purpose};
use crate::captcha;
use crate::error::{AppError, AppResult};
use crate::http::json_body::JsonBody;
use crate::outbox::Channel;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use jszg_api::{CodeRequest, CodeSent};

pub fn router() -> Router<AppState> {
    Router::new().route("/codes", post(request_code))
}

/// Normalises a destination typed by the applicant; returns it with its masked form.
pub fn normalise_destination(channel: Channel, input: &str) -> AppResult<(String, String)> {
    match channel {
        Channel::Sms => {
            let phone = jszg_core::Phone::parse(input).map_err(|error| AppError::rule(&error))?;
            Ok((phone.as_str().to_string(), phone.masked()))
        }
        Channel::Email => {
            let email = jszg_core::Email::parse(input).map_err(|error| AppError::rule(&error))?;
            Ok((email.as_str().to_string(), email.masked()))
        }
        Channel::Wechat => Err(AppError::bad_request(
            "code.channel",
            "请选择短信或邮件接收验证码。",
        )
        .with_field("channel")),
    }
}

#[utoipa::path(post, path = "/api/v1/codes", tag = "codes", request_body = CodeRequest,
    responses((status = 202, body = CodeSent), (status = 400, body = jszg_api::ErrorBody),
              (status = 429, description = "code.too_soon or sms.daily_limit", body = jszg_api::ErrorBody)))]
pub async fn request_code(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<CodeRequest>,
) -> AppResult<(StatusCode, Json<CodeSent>)> {
    let channel = match Channel::parse(&request.channel) {
        Some(channel @ (Channel::Sms | Channel::Email)) => channel,
        _ => {
            return Err(
                AppError::bad_request("code.channel", "请选择短信或邮件接收验证码。")
                    .with_field("channel"),
            )
        }
    };
    let purpose = match parse_purpose(&request.purpose) {
        Some(purpose @ (Purpose::Register | Purpose::ChangeContact)) => purpose,
        _ => {
            return Err(
                AppError::bad_request("code.purpose", "未知的验证码用途。").with_field("purpose")
            )
        }
    };
    let (destination, masked) = normalise_destination(channel, &request.destination)?;
    // The pass is used up on its own: a request refused for a limit still spends it.
    let mut connection = state.db.pool.acquire().await?;
    captcha::consume_pass(
        &mut connection,
        state.clock.now_ms(),
        &request.captcha_token,
        "send_code",
    )
    .await?;
    drop(connection);
    let issued = issue(&state, channel, &destination, purpose).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(CodeSent {
            destination_masked: masked,
            expires_at: issued.expires_at,
            resend_after: issued.resend_after,
            sms_left_today: issued.sms_left_today,
        }),
    ))
}
