//! Sessions: sign-in, the bearer-token extractor with idle and absolute expiry, and
//! sign-out. Tokens are random 256-bit values; only their SHA-256 is stored.

pub mod sign_in;
pub mod softlock;

use crate::crypto::{random_token, token_hash};
use crate::db::get;
use crate::error::{AppError, AppResult};
use crate::http::admin::bearer_token;
use crate::state::AppState;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use sqlx::AnyConnection;

pub const ROLE_APPLICANT: &str = "applicant";
pub const ROLE_STAFF: &str = "staff";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessions", post(sign_in::sign_in))
        .route("/sessions/current/sign-out", post(sign_out))
}

/// A new session's token (to hand to the client) and its absolute end.
pub struct NewSession {
    pub token: String,
    pub expires_at: i64,
}

/// Opens a session for `subject_id` in `role`; the token is returned once and only its
/// hash is stored.
pub async fn create(
    state: &AppState,
    connection: &mut AnyConnection,
    subject_id: &str,
    role: &str,
) -> AppResult<NewSession> {
    let token = random_token();
    let now = state.clock.now_ms();
    let expires_at = now + state.config.session_absolute_hours * 3_600_000;
    sqlx::query(
        "INSERT INTO sessions (token_hash, subject_id, role, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash(&token))
    .bind(subject_id)
    .bind(role)
    .bind(now)
    .bind(now)
    .bind(expires_at)
    .execute(connection)
    .await?;
    Ok(NewSession { token, expires_at })
}

/// Ends every open session of `subject_id` except the one with `keep_token_hash`; used
/// after a password change or reset.
pub async fn end_others(
    connection: &mut AnyConnection,
    now_ms: i64,
    subject_id: &str,
    keep_token_hash: Option<&str>,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE sessions SET ended_at = $1 WHERE subject_id = $2 AND ended_at IS NULL AND token_hash <> $3",
    )
    .bind(now_ms)
    .bind(subject_id)
    .bind(keep_token_hash.unwrap_or(""))
    .execute(connection)
    .await?;
    Ok(result.rows_affected())
}

/// A valid session of any role, taken from `Authorization: Bearer TOKEN`. Reading it
/// renews the idle timer.
pub struct Session {
    pub subject_id: String,
    pub role: String,
    pub token_hash: String,
}

/// A valid applicant session; rejects staff sessions with 403.
pub struct Applicant(pub Session);

fn session_required() -> AppError {
    AppError::unauthorized("session.required", "请先登录。")
}

fn session_expired() -> AppError {
    AppError::unauthorized("session.expired", "登录已过期，请重新登录。")
}

impl FromRequestParts<AppState> for Session {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = bearer_token(parts).ok_or_else(session_required)?;
        let hash = token_hash(token);
        let row = sqlx::query(
            "SELECT subject_id, role, last_seen_at, expires_at, ended_at FROM sessions WHERE token_hash = $1",
        )
        .bind(&hash)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or_else(session_required)?;
        let now = state.clock.now_ms();
        let ended_at: Option<i64> = get(&row, "ended_at")?;
        if ended_at.is_some() {
            return Err(session_required());
        }
        let last_seen_at: i64 = get(&row, "last_seen_at")?;
        let expires_at: i64 = get(&row, "expires_at")?;
        let idle_ms = state.config.session_idle_minutes * 60_000;
        if now >= expires_at || now - last_seen_at >= idle_ms {
            return Err(session_expired());
        }
        sqlx::query(
            "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 AND last_seen_at < $1",
        )
        .bind(now)
        .bind(&hash)
        .execute(&state.db.pool)
        .await?;
        Ok(Session {
            subject_id: get(&row, "subject_id")?,
            role: get(&row, "role")?,
            token_hash: hash,
        })
    }
}

impl FromRequestParts<AppState> for Applicant {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let session = Session::from_request_parts(parts, state).await?;
        if session.role != ROLE_APPLICANT {
            return Err(AppError::forbidden(
                "session.applicant_only",
                "该功能仅供申请人使用。",
            ));
        }
        Ok(Applicant(session))
    }
}

#[utoipa::path(post, path = "/api/v1/sessions/current/sign-out", tag = "sessions",
    responses((status = 204, description = "Session ended"), (status = 401, body = jszg_api::ErrorBody)))]
pub async fn sign_out(State(state): State<AppState>, session: Session) -> AppResult<StatusCode> {
    sqlx::query("UPDATE sessions SET ended_at = $1 WHERE token_hash = $2")
        .bind(state.clock.now_ms())
        .bind(&session.token_hash)
        .execute(&state.db.pool)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
