//! Giving up a claim: only the reviewer holding an item can release it, and releasing
//! twice is not an error.

use super::auth::StaffAuth;
use super::claims::{self, kind_str};
use super::queue::table_of;
use crate::audit::{self, AuditEvent};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::http::StatusCode;
use jszg_api::staff::{ClaimReleased, QueueKind};
use serde_json::json;

/// Returns the not-found error of an unknown item of `kind`.
pub fn item_not_found(kind: QueueKind) -> AppError {
    match kind {
        QueueKind::ManualReview => AppError::new(
            StatusCode::NOT_FOUND,
            "review.not_found",
            "未找到该人工审核申请。",
        ),
        QueueKind::ContactChange => AppError::new(
            StatusCode::NOT_FOUND,
            "contact_change.not_found",
            "未找到该修改联系方式申请。",
        ),
    }
}

/// Releases the signed-in reviewer's claim on item `id` of queue `kind`; a release
/// that freed the item is audited.
pub async fn release(
    state: &AppState,
    staff: &StaffAuth,
    kind: QueueKind,
    id: &str,
) -> AppResult<ClaimReleased> {
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let exists: Option<String> =
        sqlx::query_scalar(&format!("SELECT id FROM {} WHERE id = $1", table_of(kind)))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    if exists.is_none() {
        return Err(item_not_found(kind));
    }
    let released = claims::release_own(&mut tx, kind, id, &staff.staff_id, now_ms).await?;
    if released {
        audit::append(
            &mut tx,
            now_ms,
            AuditEvent {
                actor: staff.actor(),
                action: "claim.release",
                subject: format!("{}:{id}", kind_str(kind)),
                detail: json!({}),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(ClaimReleased {
        kind,
        id: id.to_string(),
        released,
    })
}
