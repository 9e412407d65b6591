//! `Idempotency-Key` on POST requests: the first request with a key runs and its
//! response is stored; a retry with the same key gets the stored response and changes
//! nothing. The primary key on the key's hash makes this hold when two copies of a
//! request arrive at once, even on different instances: one runs, the other gets
//! `409 idempotency.in_progress` and may retry.
//!
//! Keys are scoped by the caller's bearer token, so one client cannot read another's
//! response by guessing its key. Server errors (5xx) and `429` answers are not stored:
//! they describe a passing condition, and the retry should run again.

use super::recorded_response::{recorded, KeyScope};
use crate::crypto::token_hash;
use crate::db::{get, is_unique_violation};
use crate::error::AppError;
use crate::state::AppState;
use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

pub const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";
/// Set on a response that was replayed from storage.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";
/// Request and response bodies above this size are not accepted with a key.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
const MAX_KEY_CHARS: usize = 200;
/// A request still unfinished after this long is taken to have died with its instance.
const STALE_MS: i64 = 120_000;

enum Claim {
    Fresh,
    Stored(Response),
}

pub async fn replay_or_run(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let Some(key) = request.headers().get(IDEMPOTENCY_KEY_HEADER) else {
        return next.run(request).await;
    };
    let key = match key.to_str() {
        Ok(key) if !key.is_empty() && key.len() <= MAX_KEY_CHARS => key.to_string(),
        _ => {
            return AppError::bad_request(
                "idempotency.invalid_key",
                "Idempotency-Key 请求头须为 1 至 200 个可见 ASCII 字符。",
            )
            .into_response()
        }
    };
    match run_once(&state, key, request, next).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn run_once(
    state: &AppState,
    key: String,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(String::new, |path| path.as_str().to_string());
    let scope = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .map(token_hash)
        .unwrap_or_default();
    let key_hash = token_hash(&format!("{scope}\n{key}"));

    let (parts, body) = request.into_parts();
    let body = to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| {
        AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "request.too_large",
            "请求内容过大。",
        )
    })?;
    let request_hash = body_hash(&parts.headers, &body);

    if let Claim::Stored(response) = claim(state, &key_hash, &route, &request_hash).await? {
        return Ok(response);
    }
    let mut request = Request::from_parts(parts, Body::from(body));
    request.extensions_mut().insert(KeyScope {
        key_hash: key_hash.clone(),
    });
    let response = next.run(request).await;
    store(state, &key_hash, response).await
}

/// Hashes the request body. A multipart body is hashed with its boundary replaced,
/// because clients pick a new random boundary each time they build the same form.
fn body_hash(headers: &axum::http::HeaderMap, body: &[u8]) -> String {
    let boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .filter(|value| value.starts_with("multipart/"))
        .and_then(|value| {
            value
                .split(';')
                .find_map(|part| part.trim().strip_prefix("boundary="))
        })
        .map(|boundary| boundary.trim_matches('"').as_bytes().to_vec())
        .filter(|boundary| !boundary.is_empty());
    let Some(boundary) = boundary else {
        return hex::encode(Sha256::digest(body));
    };
    let mut hasher = Sha256::new();
    let mut rest = body;
    while let Some(at) = rest
        .windows(boundary.len())
        .position(|window| window == boundary)
    {
        hasher.update(&rest[..at]);
        hasher.update(b"BOUNDARY");
        rest = &rest[at + boundary.len()..];
    }
    hasher.update(rest);
    hex::encode(hasher.finalize())
}

async fn claim(
    state: &AppState,
    key_hash: &str,
    route: &str,
    request_hash: &str,
) -> Result<Claim, AppError> {
    for _ in 0..2 {
        let now = state.clock.now_ms();
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys (key_hash, route, request_hash, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(key_hash)
        .bind(route)
        .bind(request_hash)
        .bind(now)
        .execute(&state.db.pool)
        .await;
        match inserted {
            Ok(_) => return Ok(Claim::Fresh),
            Err(error) if is_unique_violation(&error) => {}
            Err(error) => return Err(error.into()),
        }
        let row = sqlx::query(
            "SELECT route, request_hash, status, content_type, body, created_at FROM idempotency_keys \
             WHERE key_hash = $1",
        )
        .bind(key_hash)
        .fetch_optional(&state.db.pool)
        .await?;
        let Some(row) = row else { continue };
        let stored_route: String = get(&row, "route")?;
        let stored_hash: String = get(&row, "request_hash")?;
        if stored_route != route || stored_hash != request_hash {
            return Err(AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency.key_reused",
                "该 Idempotency-Key 已用于另一个请求，请为新请求生成新的键。",
            ));
        }
        let status: Option<i64> = get(&row, "status")?;
        let Some(status) = status else {
            // The handler may have committed its action and response before the
            // instance died, in which case the response is replayed.
            if let Some(response) = recorded(state, key_hash).await? {
                return Ok(Claim::Stored(response));
            }
            let created_at: i64 = get(&row, "created_at")?;
            if now - created_at > STALE_MS {
                sqlx::query("DELETE FROM idempotency_keys WHERE key_hash = $1 AND created_at = $2")
                    .bind(key_hash)
                    .bind(created_at)
                    .execute(&state.db.pool)
                    .await?;
                continue;
            }
            return Err(AppError::conflict(
                "idempotency.in_progress",
                "相同的请求正在处理中，请稍后再试。",
            ));
        };
        let content_type: Option<String> = get(&row, "content_type")?;
        let body: Option<Vec<u8>> = get(&row, "body")?;
        return Ok(Claim::Stored(replayed(
            status,
            content_type,
            body.unwrap_or_default(),
        )));
    }
    Err(AppError::conflict(
        "idempotency.in_progress",
        "相同的请求正在处理中，请稍后再试。",
    ))
}

pub(super) fn replayed(status: i64, content_type: Option<String>, body: Vec<u8>) -> Response {
    let status = u16::try_from(status)
        .ok()
        .and_then(|code| StatusCode::from_u16(code).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, body).into_response();
    if let Some(value) = content_type.and_then(|value| HeaderValue::from_str(&value).ok()) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
        .headers_mut()
        .insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
    response
}

async fn store(state: &AppState, key_hash: &str, response: Response) -> Result<Response, AppError> {
    let status = response.status();
    if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
        sqlx::query("DELETE FROM idempotency_keys WHERE key_hash = $1")
            .bind(key_hash)
            .execute(&state.db.pool)
            .await?;
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    let bytes: Bytes = to_bytes(body, MAX_BODY_BYTES)
        .await
        .map_err(|error| anyhow::anyhow!("reading the response body failed: {error}"))?;
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string);
    sqlx::query(
        "UPDATE idempotency_keys SET status = $1, content_type = $2, body = $3, completed_at = $4 \
         WHERE key_hash = $5",
    )
    .bind(i64::from(status.as_u16()))
    .bind(content_type)
    .bind(bytes.to_vec())
    .bind(state.clock.now_ms())
    .bind(key_hash)
    .execute(&state.db.pool)
    .await?;
    Ok(Response::from_parts(parts, Body::from(bytes)))
}

#[cfg(test)]
mod tests {
    use super::body_hash;
    use axum::http::{header, HeaderMap, HeaderValue};

    fn multipart(boundary: &str) -> (HeaderMap, Vec<u8>) {
        let mut headers = HeaderMap::new();
        let value = format!("multipart/form-data; boundary={boundary}");
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(&value).unwrap());
        let body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--{boundary}--\r\n");
        (headers, body.into_bytes())
    }

    #[test]
    fn multipart_hash_ignores_the_boundary() {
        let (first_headers, first) = multipart("abc123");
        let (second_headers, second) = multipart("zz9876");
        assert_eq!(
            body_hash(&first_headers, &first),
            body_hash(&second_headers, &second)
        );
        let changed = String::from_utf8(first.clone())
            .unwrap()
            .replace("\r\n1\r\n", "\r\n2\r\n");
        assert_ne!(
            body_hash(&first_headers, &first),
            body_hash(&first_headers, changed.as_bytes())
        );
    }

    #[test]
    fn json_hash_covers_the_body() {
        let headers = HeaderMap::new();
        assert_ne!(
            body_hash(&headers, b"{\"a\":1}"),
            body_hash(&headers, b"{\"a\":2}")
        );
    }
}
