//! The admin bearer token, required by the operator endpoints under `/api/v1/admin`.

use crate::crypto::token_hash;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

/// Proof that the request carried the admin token.
pub struct AdminAuth;

/// The token of an `Authorization: Bearer ...` header.
pub fn bearer_token(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

impl FromRequestParts<AppState> for AdminAuth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match bearer_token(parts) {
            Some(token) if token_hash(token) == state.admin_token_hash => Ok(AdminAuth),
            _ => Err(AppError::unauthorized(
                "admin.unauthorized",
                "需要管理员令牌。",
            )),
        }
    }
}
