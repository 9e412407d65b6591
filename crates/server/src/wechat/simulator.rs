//! `POST /api/v1/dev/wechat/messages`: the WeChat simulator of the development server.
//!
//! It replaces WeChat for local use: it builds the XML WeChat would post, signs it with
//! the configured token, passes it through the same checks as a real callback, and
//! returns the reply text. The reply is also stored in the development inbox.

use axum::extract::State;
use axum::Json;
use jszg_api::wechat::{SimulatedWechatMessage, SimulatedWechatReply};

use super::callback::{authenticate, reply_to, CallbackQuery};
use crate::channels::wechat::message::{
    incoming_event_xml, incoming_text_xml, parse_reply_content,
};
use crate::channels::wechat::signature::compute_signature;
use crate::config::Mode;
use crate::crypto::random_token;
use crate::error::{AppError, AppResult};
use crate::http::json_body::JsonBody;
use crate::state::AppState;

pub async fn send_simulated_message(
    State(state): State<AppState>,
    JsonBody(message): JsonBody<SimulatedWechatMessage>,
) -> AppResult<Json<SimulatedWechatReply>> {
    if state.config.mode != Mode::Development {
        return Err(AppError::new(
            axum::http::StatusCode::NOT_FOUND,
            "wechat.simulator_disabled",
            "微信模拟器只在开发模式下可用。",
        ));
    }
    if message.open_id.trim().is_empty() {
        return Err(
            AppError::bad_request("wechat.open_id_missing", "请填写模拟微信用户的标识。")
                .with_field("open_id"),
        );
    }
    let config = &state.config.wechat;
    let now = state.clock.now().timestamp();
    let body = match &message.menu_key {
        Some(key) => incoming_event_xml(
            &config.service_account_id,
            &message.open_id,
            now,
            "CLICK",
            key,
        ),
        None => incoming_text_xml(
            &config.service_account_id,
            &message.open_id,
            now,
            &message.text,
        ),
    };
    let timestamp = now.to_string();
    let nonce = random_token();
    let query = CallbackQuery {
        signature: compute_signature(&super::callback_token(&state.config), &timestamp, &nonce),
        timestamp,
        nonce,
        echostr: None,
    };
    authenticate(&state, &query).await?;
    let reply = reply_to(&state, &body).await?;
    let text =
        parse_reply_content(&reply).map_err(|error| AppError::Internal(anyhow::anyhow!(error)))?;
    super::replies::record_reply(&state, &message.open_id, &text).await;
    Ok(Json(SimulatedWechatReply { text }))
}
