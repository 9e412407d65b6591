//! The applicant's own view of contact change requests: the status of each, the reason
//! of a rejection, and the photo a request carried. The ticket of a forgot-password start names
//! the account, so only its owner sees them.

use jszg_api::contact_change::{ContactChangeStatus, ContactChangeView, ContactKind};
use jszg_core::mask::{mask_email, mask_phone};
use serde_json::json;

use super::kind_from_code;
use crate::audit::{self, AuditEvent};
use crate::clock::from_ms;
use crate::crypto::{decrypt, decrypt_text};
use crate::error::{AppError, AppResult};
use crate::recovery::reset_start::account_of_ticket;
use crate::state::AppState;

/// Requests listed, newest first.
const LIST_LIMIT: i64 = 20;

type ViewRow = (
    String,
    String,
    Vec<u8>,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

/// Lists the requests of the ticket's account, newest first.
pub async fn own_requests(state: &AppState, ticket: &str) -> AppResult<Vec<ContactChangeView>> {
    let mut connection = state.db.pool.acquire().await?;
    let account = account_of_ticket(state, &mut connection, ticket).await?;
    let rows: Vec<ViewRow> = sqlx::query_as(
        "SELECT id, kind, new_value_enc, status, submitted_at, due_at, decided_at, \
         decision_reason FROM contact_change_requests WHERE account_id = $1 \
         ORDER BY submitted_at DESC LIMIT $2",
    )
    .bind(&account.id)
    .bind(LIST_LIMIT)
    .fetch_all(&mut *connection)
    .await?;
    rows.into_iter()
        .map(
            |(id, kind, value_enc, status, submitted, due, decided, reason)| {
                let kind = kind_from_code(&kind)?;
                let value = decrypt_text(&state.keys, &value_enc)?;
                let status = status_from_code(&status)?;
                Ok(ContactChangeView {
                    id,
                    kind,
                    new_value_masked: match kind {
                        ContactKind::Email => mask_email(&value),
                        ContactKind::Phone => mask_phone(&value),
                    },
                    status,
                    submitted_at: from_ms(submitted),
                    due_at: due.map(from_ms),
                    decided_at: decided.map(from_ms),
                    message: next_step(kind, status),
                    decision_reason: reason,
                })
            },
        )
        .collect()
}

pub fn status_from_code(code: &str) -> AppResult<ContactChangeStatus> {
    match code {
        "pending" => Ok(ContactChangeStatus::Pending),
        "approved" => Ok(ContactChangeStatus::Approved),
        "rejected" => Ok(ContactChangeStatus::Rejected),
        other => Err(AppError::Internal(anyhow::anyhow!(
            "contact change request has unknown status {other:?}"
        ))),
    }
}

/// Describes in Chinese what the applicant should do next.
fn next_step(kind: ContactKind, status: ContactChangeStatus) -> String {
    match (status, kind) {
        (ContactChangeStatus::Pending, _) => {
            "申请正在审核中，工作人员将在1个工作日内处理，结果将发送至新的联系方式。".into()
        }
        (ContactChangeStatus::Approved, ContactKind::Email) => {
            "申请已通过，请使用新邮箱中的链接在24小时内重置密码；链接过期后请重新使用“忘记密码”。"
                .into()
        }
        (ContactChangeStatus::Approved, ContactKind::Phone) => {
            "申请已通过，请使用“忘记密码”中的短信验证方式重置密码。".into()
        }
        (ContactChangeStatus::Rejected, _) => "申请未通过，请按驳回原因修改后重新提交申请。".into(),
    }
}

fn photo_not_found() -> AppError {
    AppError::new(
        axum::http::StatusCode::NOT_FOUND,
        "contact_change.not_found",
        "未找到该修改联系方式申请。",
    )
}

/// Reads the photo of request `id` for the owner of the ticket. Another account's
/// request gets `404 contact_change.not_found`. Every view is audited.
pub async fn own_photo(state: &AppState, ticket: &str, id: &str) -> AppResult<Vec<u8>> {
    let mut tx = state.db.begin_write().await?;
    let account = account_of_ticket(state, &mut tx, ticket).await?;
    let sealed: Option<Vec<u8>> = sqlx::query_scalar(
        "SELECT photo_enc FROM contact_change_requests WHERE id = $1 AND account_id = $2",
    )
    .bind(id)
    .bind(&account.id)
    .fetch_optional(&mut *tx)
    .await?;
    let photo = decrypt(&state.keys, &sealed.ok_or_else(photo_not_found)?)?;
    audit::append(
        &mut tx,
        state.clock.now_ms(),
        AuditEvent {
            actor: format!("account:{}", account.id),
            action: "contact_change.photo_view",
            subject: format!("contact_change:{id}"),
            detail: json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(photo)
}
