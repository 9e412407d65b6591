//! The staff session extractor: `Authorization: Bearer` with a staff session token.

use super::accounts::role_from_str;
use crate::crypto::token_hash;
use crate::db::get;
use crate::error::AppError;
use crate::http::admin::bearer_token;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use jszg_api::staff::StaffRole;

/// A signed-in staff member.
#[derive(Debug, Clone)]
pub struct StaffAuth {
    pub staff_id: String,
    pub username: String,
    pub role: StaffRole,
    pub token: String,
}

impl StaffAuth {
    /// Audit actor name.
    pub fn actor(&self) -> String {
        format!("staff:{}", self.staff_id)
    }
}

fn not_signed_in() -> AppError {
    AppError::unauthorized("staff.unauthorized", "请使用审核人员账号登录。")
}

impl FromRequestParts<AppState> for StaffAuth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = bearer_token(parts).ok_or_else(not_signed_in)?.to_string();
        let row = sqlx::query(
            "SELECT s.id, s.username, s.role, s.disabled FROM staff_sessions t \
             JOIN staff s ON s.id = t.staff_id \
             WHERE t.token_hash = $1 AND t.expires_at > $2",
        )
        .bind(token_hash(&token))
        .bind(state.clock.now_ms())
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or_else(not_signed_in)?;
        let disabled: i64 = get(&row, "disabled")?;
        if disabled != 0 {
            return Err(not_signed_in());
        }
        let role_text: String = get(&row, "role")?;
        Ok(StaffAuth {
            staff_id: get(&row, "id")?,
            username: get(&row, "username")?,
            role: role_from_str(&role_text).ok_or_else(not_signed_in)?,
            token,
        })
    }
}
