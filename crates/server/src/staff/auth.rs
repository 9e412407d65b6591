//! The staff session extractor: a session of the `staff` role from
//! `Authorization: Bearer`, whose staff account is still enabled.

use super::accounts::role_from_str;
use crate::db::get;
use crate::error::AppError;
use crate::sessions::{Session, ROLE_STAFF};
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
    pub token_hash: String,
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
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|_| not_signed_in())?;
        if session.role != ROLE_STAFF {
            return Err(not_signed_in());
        }
        let row = sqlx::query("SELECT username, role, disabled FROM staff WHERE id = $1")
            .bind(&session.subject_id)
            .fetch_optional(&state.db.pool)
            .await?
            .ok_or_else(not_signed_in)?;
        let disabled: i64 = get(&row, "disabled")?;
        if disabled != 0 {
            return Err(not_signed_in());
        }
        let role_text: String = get(&row, "role")?;
        Ok(StaffAuth {
            staff_id: session.subject_id,
            username: get(&row, "username")?,
            role: role_from_str(&role_text).ok_or_else(not_signed_in)?,
            token_hash: session.token_hash,
        })
    }
}
