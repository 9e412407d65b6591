//! Tauri commands of the administrators' screen: staff accounts, the audit log with
//! filters, and the audit log's hash-chain check. The server rejects reviewers with
//! `staff.admin_only`, which the page shows as it is.

use super::desk::StaffDesk;
use crate::commands::CommandResult;
use crate::state::AppState;
use jszg_api::staff_admin::{AuditCheck, AuditPage, AuditQuery, StaffMember};
use tauri::State;

/// Lists the staff accounts.
#[tauri::command]
pub async fn staff_admin_members(
    state: State<'_, AppState>,
    desk: State<'_, StaffDesk>,
) -> CommandResult<Vec<StaffMember>> {
    let client = desk.client(&state).await?;
    client.staff_members().await.map_err(|e| desk.fail(e))
}

/// Returns one page of the audit log, newest entry first, filtered by `query`.
#[tauri::command]
pub async fn staff_audit_page(
    state: State<'_, AppState>,
    desk: State<'_, StaffDesk>,
    query: AuditQuery,
) -> CommandResult<AuditPage> {
    let query = trimmed(query);
    let client = desk.client(&state).await?;
    client.audit_page(&query).await.map_err(|e| desk.fail(e))
}

/// Checks the audit log's hash chain on the server.
#[tauri::command]
pub async fn staff_audit_check(
    state: State<'_, AppState>,
    desk: State<'_, StaffDesk>,
) -> CommandResult<AuditCheck> {
    let client = desk.client(&state).await?;
    let check = client.audit_check().await.map_err(|e| desk.fail(e))?;
    if !check.ok {
        tracing::warn!(broken_seq = ?check.broken_seq, fault = ?check.fault, "audit chain check failed");
    }
    Ok(check)
}

/// Drops empty text filters, so a cleared field matches every entry.
fn trimmed(query: AuditQuery) -> AuditQuery {
    let text = |value: Option<String>| {
        value
            .map(|text| text.trim().to_string())
            .filter(|text| !text.is_empty())
    };
    AuditQuery {
        actor: text(query.actor),
        action: text(query.action),
        ..query
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_filters_dropped() {
        let query = trimmed(AuditQuery {
            actor: Some("  ".into()),
            action: Some(" review.decide ".into()),
            page: Some(2),
            ..AuditQuery::default()
        });
        assert_eq!(query.actor, None);
        assert_eq!(query.action.as_deref(), Some("review.decide"));
        assert_eq!(query.page, Some(2));
    }
}
