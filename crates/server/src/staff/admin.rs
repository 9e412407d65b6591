//! The administrators' pages: staff accounts, the audit log, and the check of its hash
//! chain (the same check as `jszg-server audit verify`).

use super::accounts::role_from_str;
use super::auth::StaffAuth;
use crate::audit::chain::ChainFault;
use crate::audit::{self, AuditEvent, AuditReport};
use crate::clock::from_ms;
use crate::db::get;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use jszg_api::staff_admin::{AuditCheck, AuditEntry, AuditPage, AuditQuery, StaffMember};
use jszg_core::beijing::{beijing_day_end, beijing_day_start};
use serde_json::json;

/// A signed-in staff member of the admin role; reviewers get `403 staff.admin_only`.
pub struct StaffAdmin(pub StaffAuth);

impl FromRequestParts<AppState> for StaffAdmin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let staff = StaffAuth::from_request_parts(parts, state).await?;
        if staff.role != jszg_api::staff::StaffRole::Admin {
            return Err(AppError::forbidden(
                "staff.admin_only",
                "该功能仅供管理员使用。",
            ));
        }
        Ok(StaffAdmin(staff))
    }
}

/// Lists every staff account by username, without secrets.
pub async fn staff_list(state: &AppState) -> AppResult<Vec<StaffMember>> {
    let rows = sqlx::query(
        "SELECT id, username, role, created_at, last_sign_in_at, disabled FROM staff \
         ORDER BY username",
    )
    .fetch_all(&state.db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let role: String = get(row, "role")?;
            let last: Option<i64> = get(row, "last_sign_in_at")?;
            let disabled: i64 = get(row, "disabled")?;
            Ok(StaffMember {
                id: get(row, "id")?,
                username: get(row, "username")?,
                role: role_from_str(&role).ok_or_else(|| {
                    AppError::Internal(anyhow::anyhow!("unknown staff role {role:?}"))
                })?,
                created_at: from_ms(get(row, "created_at")?),
                last_sign_in_at: last.map(from_ms),
                disabled: disabled != 0,
            })
        })
        .collect()
}

const DEFAULT_PER_PAGE: i64 = 50;
const MAX_PER_PAGE: i64 = 200;

fn query_invalid(field: &str, message: &str) -> AppError {
    AppError::bad_request("audit.query_invalid", message).with_field(field)
}

/// Checks the paging of `query` and returns the page number and the page size.
fn paging(query: &AuditQuery) -> AppResult<(i64, i64)> {
    let page = query.page.unwrap_or(1);
    let per_page = query.per_page.unwrap_or(DEFAULT_PER_PAGE);
    if page < 1 {
        return Err(query_invalid("page", "页码须从1开始。"));
    }
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        return Err(query_invalid("per_page", "每页条数须在1至200之间。"));
    }
    if let (Some(from), Some(to)) = (query.from, query.to) {
        if from > to {
            return Err(query_invalid("from", "开始日期不能晚于结束日期。"));
        }
    }
    Ok((page, per_page))
}

/// Reads one page of the audit log, newest first, filtered by actor, action and
/// Beijing dates.
pub async fn audit_page(state: &AppState, query: &AuditQuery) -> AppResult<AuditPage> {
    let (page, per_page) = paging(query)?;
    // Every filter is bound, and an absent one matches every entry.
    let actor = query.actor.as_deref().unwrap_or_default();
    let action = query.action.as_deref().unwrap_or_default();
    let start_ms = query
        .from
        .map_or(i64::MIN, |day| beijing_day_start(day).timestamp_millis());
    let end_ms = query
        .to
        .map_or(i64::MAX, |day| beijing_day_end(day).timestamp_millis());
    let condition = "($1 = '' OR actor = $1) AND ($2 = '' OR action = $2) AND at >= $3 AND at < $4";

    let total: i64 =
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM audit_log WHERE {condition}"))
            .bind(actor)
            .bind(action)
            .bind(start_ms)
            .bind(end_ms)
            .fetch_one(&state.db.pool)
            .await?;
    let rows = sqlx::query(&format!(
        "SELECT seq, at, actor, action, subject, detail FROM audit_log WHERE {condition} \
         ORDER BY seq DESC LIMIT $5 OFFSET $6"
    ))
    .bind(actor)
    .bind(action)
    .bind(start_ms)
    .bind(end_ms)
    .bind(per_page)
    .bind((page - 1).saturating_mul(per_page))
    .fetch_all(&state.db.pool)
    .await?;
    let entries = rows
        .iter()
        .map(entry_from_row)
        .collect::<AppResult<Vec<_>>>()?;
    Ok(AuditPage {
        entries,
        page,
        per_page,
        total,
    })
}

fn entry_from_row(row: &sqlx::any::AnyRow) -> AppResult<AuditEntry> {
    let detail: String = get(row, "detail")?;
    Ok(AuditEntry {
        seq: get(row, "seq")?,
        at: from_ms(get(row, "at")?),
        actor: get(row, "actor")?,
        action: get(row, "action")?,
        subject: get(row, "subject")?,
        // Entries store compact JSON, so text that does not parse is returned as it is.
        detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::String(detail)),
    })
}

/// Checks the whole chain, then audits the check and its result.
pub async fn audit_check(state: &AppState, admin: &StaffAuth) -> AppResult<AuditCheck> {
    let check = match audit::verify(&state.db).await? {
        AuditReport::Intact { entries } => AuditCheck {
            ok: true,
            entries,
            broken_seq: None,
            fault: None,
        },
        AuditReport::Broken(broken) => AuditCheck {
            ok: false,
            entries: broken.seq - 1,
            broken_seq: Some(broken.seq),
            fault: Some(
                match broken.fault {
                    ChainFault::HashMismatch => "hash_mismatch",
                    ChainFault::SequenceGap => "sequence_gap",
                }
                .to_string(),
            ),
        },
        AuditReport::HeadMismatch { entries, .. } => AuditCheck {
            ok: false,
            entries,
            broken_seq: Some(entries + 1),
            fault: Some("entries_removed".to_string()),
        },
    };
    if !check.ok {
        tracing::error!(broken_seq = ?check.broken_seq, fault = ?check.fault, "audit chain check failed");
    }
    let mut tx = state.db.begin_write().await?;
    audit::append(
        &mut tx,
        state.clock.now_ms(),
        AuditEvent {
            actor: admin.actor(),
            action: "audit.check",
            subject: String::new(),
            detail: json!({ "ok": check.ok, "broken_seq": check.broken_seq }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(check)
}
