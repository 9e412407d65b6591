//! The reviewer's side of contact change requests. The requests, their photos and the
//! effects of a decision (new contact, notices, reset link) belong to password
//! recovery; this module lists, claims and hands decisions over.

use super::auth::StaffAuth;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::http::StatusCode;
use jszg_api::staff::{DecisionRecorded, DecisionRequest, QueueItem};

/// Working days staff have to decide a contact change request.
pub const CONTACT_CHANGE_WORKING_DAYS: u32 = 1;

fn not_found() -> AppError {
    AppError::new(
        StatusCode::NOT_FOUND,
        "contact_change.not_found",
        "未找到该修改联系方式申请。",
    )
}

/// Pending contact change requests, oldest deadline first.
pub async fn queue(_state: &AppState) -> AppResult<Vec<QueueItem>> {
    // TODO: list the pending requests of password recovery once its table exists.
    Ok(Vec::new())
}

pub async fn claim(
    _state: &AppState,
    _staff: &StaffAuth,
    _id: &str,
    _minutes: i64,
) -> AppResult<i64> {
    Err(not_found())
}

pub async fn decide(
    _state: &AppState,
    _staff: &StaffAuth,
    _id: &str,
    _request: &DecisionRequest,
) -> AppResult<DecisionRecorded> {
    Err(not_found())
}
