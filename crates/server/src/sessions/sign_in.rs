//! `POST /sessions`: sign-in with document number, password and a solved captcha.
//!
//! An unknown number, a wrong password and a locked account get the same status and
//! body, and take about as long (an unknown number is checked against a dummy hash).

use super::{softlock, ROLE_APPLICANT};
use crate::accounts::document_lookup;
use crate::accounts::register::parse_document_type;
use crate::captcha;
use crate::db::get;
use crate::error::{AppError, AppResult};
use crate::http::json_body::JsonBody;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use jszg_api::{SignInRequest, SignInResponse};
use jszg_core::DocumentNumber;

/// Builds the one error returned for every failed sign-in. It mentions the separate teacher-exam site,
/// whose accounts do not exist here, and the way out of a lock.
pub fn sign_in_failed() -> AppError {
    AppError::unauthorized(
        "sign_in.failed",
        "身份证件号码或密码错误。请注意：中小学教师资格考试网站的账号与本系统不通用，未在本系统注册过的请先注册；\
         忘记密码可通过“忘记密码”找回。",
    )
}

#[utoipa::path(post, path = "/api/v1/sessions", tag = "sessions", request_body = SignInRequest,
    responses((status = 200, body = SignInResponse),
              (status = 401, description = "sign_in.failed", body = jszg_api::ErrorBody),
              (status = 429, description = "sign_in.wait", body = jszg_api::ErrorBody)))]
pub async fn sign_in(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<SignInRequest>,
) -> AppResult<Json<SignInResponse>> {
    let kind = parse_document_type(&request.document_type)?;
    let today = jszg_core::beijing::beijing_date(state.clock.now());
    let document = DocumentNumber::parse(kind, &request.document_number, today)
        .map_err(|error| AppError::rule(&error))?;
    let lookup = document_lookup(&state.keys, document.as_str());
    let now = state.clock.now_ms();

    // The attempt is counted before the slow hash check, in the same transaction as
    // the wait check, so parallel attempts cannot all slip past the wait.
    let mut tx = state.db.begin_write().await?;
    captcha::consume_pass(&mut tx, now, &request.captcha_token, "sign_in").await?;
    let wait = softlock::begin_attempt(&mut tx, state.db.backend, &lookup, now).await?;
    if wait > 0 {
        tx.commit().await?;
        let seconds = (wait as u64).div_ceil(1000);
        return Err(AppError::too_many(
            "sign_in.wait",
            format!("登录失败次数较多，请 {seconds} 秒后重新完成滑块验证再登录。"),
            seconds,
        ));
    }
    let locked = softlock::is_locked(&mut tx, &lookup).await?;
    let account = sqlx::query(
        "SELECT id, document_type, password_hash, profile_completed_at FROM accounts WHERE document_lookup = $1",
    )
    .bind(&lookup)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;

    let stored_hash: Option<String> = account
        .as_ref()
        .map(|row| get(row, "password_hash"))
        .transpose()?;
    let stored_type: Option<String> = account
        .as_ref()
        .map(|row| get(row, "document_type"))
        .transpose()?;
    let password_ok = state
        .hasher
        .verify(&request.password, stored_hash.as_deref())
        .await?;
    let type_ok = stored_type.as_deref() == Some(kind.code());

    let mut tx = state.db.begin_write().await?;
    let Some(account) = account.filter(|_| password_ok && type_ok && !locked) else {
        // The failure is already recorded, so only the hourly lock is left to check.
        let now_locked = softlock::lock_if_too_many(&mut tx, &lookup, now).await?;
        tx.commit().await?;
        if now_locked && !locked {
            tracing::warn!(document = %document.masked(), "document number locked after repeated sign-in failures");
        }
        tracing::info!(document = %document.masked(), "sign-in failed");
        return Err(sign_in_failed());
    };
    let account_id: String = get(&account, "id")?;
    softlock::clear_failures(&mut tx, &lookup).await?;
    let session = super::create(&state, &mut tx, &account_id, ROLE_APPLICANT).await?;
    tx.commit().await?;
    let completed: Option<i64> = get(&account, "profile_completed_at")?;
    tracing::info!(account_id = %account_id, "signed in");
    Ok(Json(SignInResponse {
        token: session.token,
        account_id,
        expires_at: crate::clock::from_ms(session.expires_at),
        idle_minutes: state.config.session_idle_minutes,
        profile_incomplete: completed.is_none(),
    }))
}
