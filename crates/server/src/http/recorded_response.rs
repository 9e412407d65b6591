//! Responses stored by the handler inside the transaction of its action. The
//! `Idempotency-Key` layer stores every response after the handler returns, but a
//! crash between the handler's commit and that store would leave the key unfinished,
//! and a retry would run the action a second time. A handler that records its
//! response in its own transaction closes that gap: the action and its response are
//! committed together, and a retry replays the response.

use crate::db::get;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use sqlx::AnyConnection;
use std::convert::Infallible;

/// Content type of the JSON responses handlers record; `axum::Json` sends the same.
const JSON: &str = "application/json";

/// The scope of the request's `Idempotency-Key`, put into the request extensions by
/// the idempotency layer.
#[derive(Debug, Clone)]
pub struct KeyScope {
    pub key_hash: String,
}

/// The request's `Idempotency-Key` scope, if the request carried a key.
pub struct Idempotency(pub Option<KeyScope>);

impl<S: Send + Sync> FromRequestParts<S> for Idempotency {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        Ok(Idempotency(parts.extensions.get::<KeyScope>().cloned()))
    }
}

impl Idempotency {
    /// Stores `body` with `status` as the response to this request, within the
    /// caller's transaction, so it is committed together with the action. Does nothing
    /// for a request without a key.
    pub async fn record<T: Serialize>(
        &self,
        connection: &mut AnyConnection,
        now_ms: i64,
        status: StatusCode,
        body: &T,
    ) -> Result<(), AppError> {
        let Some(scope) = &self.0 else {
            return Ok(());
        };
        let bytes = serde_json::to_vec(body).map_err(|error| {
            anyhow::anyhow!("serialising the recorded response failed: {error}")
        })?;
        sqlx::query(
            "INSERT INTO idempotency_results (key_hash, status, content_type, body, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key_hash) DO UPDATE SET \
             status = excluded.status, content_type = excluded.content_type, \
             body = excluded.body, created_at = excluded.created_at",
        )
        .bind(&scope.key_hash)
        .bind(i64::from(status.as_u16()))
        .bind(JSON)
        .bind(bytes)
        .bind(now_ms)
        .execute(connection)
        .await?;
        Ok(())
    }
}

/// The response a handler recorded for `key_hash`, ready to replay.
pub async fn recorded(state: &AppState, key_hash: &str) -> Result<Option<Response>, AppError> {
    let row = sqlx::query(
        "SELECT status, content_type, body FROM idempotency_results WHERE key_hash = $1",
    )
    .bind(key_hash)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let status: i64 = get(&row, "status")?;
    let content_type: String = get(&row, "content_type")?;
    let body: Vec<u8> = get(&row, "body")?;
    Ok(Some(super::idempotency::replayed(
        status,
        Some(content_type),
        body,
    )))
}
