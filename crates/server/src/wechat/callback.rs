//! `GET|POST /api/v1/wechat/callback`: the service account's callback.
//!
//! WeChat verifies the URL with a signed GET that must echo `echostr`, then posts each
//! message the user sends as signed XML and shows the XML reply in the chat. Every
//! request must carry a valid signature, a timestamp within five minutes of the server
//! clock and a nonce not seen before.

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::replies;
use crate::channels::wechat::message::{classify, parse_incoming, text_reply, Intent};
use crate::channels::wechat::signature::{check_callback, MAX_CLOCK_SKEW_SECONDS};
use crate::db::is_unique_violation;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Query parameters WeChat adds to every callback.
#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    pub signature: String,
    pub timestamp: String,
    pub nonce: String,
    #[serde(default)]
    pub echostr: Option<String>,
}

/// `GET`: the URL check when the callback is configured in the WeChat console.
pub async fn verify_url(
    State(state): State<AppState>,
    Query(query): Query<CallbackQuery>,
) -> AppResult<Response> {
    authenticate(&state, &query).await?;
    let echo = query.echostr.unwrap_or_default();
    Ok((StatusCode::OK, echo).into_response())
}

/// `POST`: one message from a WeChat user; the response body is the reply.
pub async fn receive_message(
    State(state): State<AppState>,
    Query(query): Query<CallbackQuery>,
    body: String,
) -> AppResult<Response> {
    authenticate(&state, &query).await?;
    let reply = reply_to(&state, &body).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        reply,
    )
        .into_response())
}

/// Handles a verified message body and returns the XML reply.
pub async fn reply_to(state: &AppState, body: &str) -> AppResult<String> {
    let incoming = parse_incoming(body).map_err(|error| {
        tracing::warn!(error, "wechat callback body rejected");
        AppError::bad_request("wechat.message_invalid", "微信消息格式无效。")
    })?;
    let text = match classify(&incoming) {
        Intent::AskForDocumentNumber => replies::ASK_FOR_DOCUMENT_NUMBER.to_owned(),
        Intent::RegistrationCode { document_number } => {
            replies::registration_code(state, &incoming.from_user_name, &document_number).await?
        }
        Intent::ResetPassword => replies::reset_password(state, &incoming.from_user_name).await?,
        Intent::Other => replies::HELP.to_owned(),
    };
    let now = state.clock.now().timestamp();
    Ok(text_reply(&incoming, now, &text))
}

/// Checks signature, freshness and that the nonce is new; records the nonce.
pub async fn authenticate(state: &AppState, query: &CallbackQuery) -> AppResult<()> {
    let token = super::callback_token(&state.config);
    let now = state.clock.now();
    if let Err(rejection) = check_callback(
        &token,
        &query.timestamp,
        &query.nonce,
        &query.signature,
        now,
    ) {
        tracing::warn!(code = rejection.code(), "wechat callback rejected");
        return Err(AppError::forbidden(rejection.code(), "微信回调签名无效。"));
    }
    let now_ms = state.clock.now_ms();
    let horizon = now_ms - 2 * MAX_CLOCK_SKEW_SECONDS * 1000;
    sqlx::query("DELETE FROM wechat_callback_nonces WHERE received_at < $1")
        .bind(horizon)
        .execute(&state.db.pool)
        .await?;
    let insert =
        sqlx::query("INSERT INTO wechat_callback_nonces (nonce, received_at) VALUES ($1, $2)")
            .bind(&query.nonce)
            .bind(now_ms)
            .execute(&state.db.pool)
            .await;
    match insert {
        Ok(_) => Ok(()),
        Err(error) if is_unique_violation(&error) => {
            tracing::warn!(code = "wechat.nonce_reused", "wechat callback rejected");
            Err(AppError::forbidden(
                "wechat.nonce_reused",
                "微信回调已处理过，不能重放。",
            ))
        }
        Err(error) => Err(error.into()),
    }
}
