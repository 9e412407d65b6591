//! The reviewer's side of contact change requests: detail, photo, claims and decisions.
//! The requests and the effects of a decision (new contact, notices, reset link) belong
//! to password recovery, whose `decide_in` this module calls.

use super::auth::StaffAuth;
use super::claim_release::item_not_found;
use super::claims::{self, holder, require_claim};
use super::queue::deadline_flags;
use super::reasons::resolve_reason;
use crate::applicant;
use crate::audit::{self, AuditEvent};
use crate::clock::from_ms;
use crate::contact_change::decide::{decide_in, ContactChangeDecision};
use crate::contact_change::details::{earlier_requests, load_contact_change, load_photo};
use crate::contact_change::status::status_from_code;
use crate::contact_change::DecisionContext;
use crate::error::{AppError, AppResult};
use crate::hooks::application_on_file;
use crate::state::AppState;
use jszg_api::contact_change::ContactKind;
use jszg_api::staff::{
    ContactChangeHistoryItem, Decision, DecisionRecorded, DecisionRequest, QueueKind,
    StaffContactChangeDetail,
};
use jszg_core::mask::{mask_email, mask_phone};
use serde_json::json;

const KIND: QueueKind = QueueKind::ContactChange;

fn subject(id: &str) -> String {
    format!("contact_change:{id}")
}

fn already_decided() -> AppError {
    AppError::conflict(
        "contact_change.already_decided",
        "该申请已处理，不能重复审核。",
    )
}

async fn record(
    connection: &mut sqlx::AnyConnection,
    staff: &StaffAuth,
    now_ms: i64,
    action: &str,
    id: &str,
    detail: serde_json::Value,
) -> AppResult<()> {
    audit::append(
        connection,
        now_ms,
        AuditEvent {
            actor: staff.actor(),
            action,
            subject: subject(id),
            detail,
        },
    )
    .await?;
    Ok(())
}

/// Reads a request with the applicant's declared data and account. The read is audited.
pub async fn detail(
    state: &AppState,
    staff: &StaffAuth,
    id: &str,
) -> AppResult<StaffContactChangeDetail> {
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let request = load_contact_change(&mut tx, &state.keys, id)
        .await?
        .ok_or_else(|| item_not_found(KIND))?;
    let account = applicant::load(&mut tx, &state.keys, &request.account_id).await?;
    let on_file = application_on_file(&mut tx, &account.id).await?;
    let claim = holder(&mut tx, KIND, id, now_ms).await?;
    let earlier = earlier_requests(&mut tx, &account.id, id).await?;
    record(&mut tx, staff, now_ms, "contact_change.read", id, json!({})).await?;
    tx.commit().await?;

    let status = status_from_code(&request.status)?;
    let (overdue, due_today) = match request.decided_at_ms {
        Some(_) => (false, false),
        None => deadline_flags(request.due_at_ms, now_ms),
    };
    let earlier_requests = earlier
        .into_iter()
        .map(|(id, kind, status, at, reason)| {
            Ok(ContactChangeHistoryItem {
                id,
                kind,
                status: status_from_code(&status)?,
                submitted_at: from_ms(at),
                decision_reason: reason,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(StaffContactChangeDetail {
        id: request.id,
        kind: request.kind,
        status,
        new_value: request.new_value,
        reason: request.reason,
        submitted_at: from_ms(request.submitted_at_ms),
        due_at: from_ms(request.due_at_ms),
        overdue,
        due_today,
        document_type: account.document_type.code().to_string(),
        document_number: account.document_number,
        account_name: account.name,
        gender: account.gender,
        birth_date: account.birth_date,
        current_value_masked: match request.kind {
            ContactKind::Email => mask_email(&account.email),
            ContactKind::Phone => mask_phone(&account.phone),
        },
        application_on_file: on_file,
        earlier_requests,
        claimed_by: claim.as_ref().map(|(username, _)| username.clone()),
        claim_expires_at: claim.map(|(_, until)| from_ms(until)),
        decided_at: request.decided_at_ms.map(from_ms),
        decision_reason: request.decision_reason,
    })
}

/// Reads the photo of the applicant holding the document; every view is audited.
pub async fn photo(state: &AppState, staff: &StaffAuth, id: &str) -> AppResult<Vec<u8>> {
    let mut tx = state.db.begin_write().await?;
    let bytes = load_photo(&mut tx, &state.keys, id)
        .await?
        .ok_or_else(|| item_not_found(KIND))?;
    let now_ms = state.clock.now_ms();
    record(
        &mut tx,
        staff,
        now_ms,
        "contact_change.photo_view",
        id,
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(bytes)
}

/// Claims a pending request for the signed-in reviewer until the returned time.
pub async fn claim(state: &AppState, staff: &StaffAuth, id: &str, minutes: i64) -> AppResult<i64> {
    let now_ms = state.clock.now_ms();
    let expires_at = now_ms + minutes * 60_000;
    let mut tx = state.db.begin_write().await?;
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM contact_change_requests WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    if status.ok_or_else(|| item_not_found(KIND))? != "pending" {
        return Err(already_decided());
    }
    claims::take(&mut tx, KIND, id, &staff.staff_id, now_ms, expires_at).await?;
    let detail = json!({ "expires_at": expires_at });
    record(&mut tx, staff, now_ms, "contact_change.claim", id, detail).await?;
    tx.commit().await?;
    Ok(expires_at)
}

/// Approves or rejects a request the reviewer holds. Approval applies the new contact
/// and sends the notices (with a reset link for an email); rejection sends the reason.
pub async fn decide(
    state: &AppState,
    staff: &StaffAuth,
    id: &str,
    request: &DecisionRequest,
) -> AppResult<DecisionRecorded> {
    let reason = resolve_reason(KIND, request)?;
    let decision = match request.decision {
        Decision::Approve => ContactChangeDecision::Approve,
        Decision::Reject => ContactChangeDecision::Reject {
            reason: reason.clone().unwrap_or_default(),
        },
    };
    let now = state.clock.now();
    let now_ms = now.timestamp_millis();
    let mut tx = state.db.begin_write().await?;
    let status: Option<String> = sqlx::query_scalar(&format!(
        "SELECT status FROM contact_change_requests WHERE id = $1{}",
        state.db.for_update()
    ))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    if status.ok_or_else(|| item_not_found(KIND))? != "pending" {
        return Err(already_decided());
    }
    require_claim(&mut tx, KIND, id, &staff.staff_id, now_ms).await?;
    let context = DecisionContext::from_state(state);
    decide_in(&mut tx, &context, id, &decision, &staff.staff_id).await?;
    claims::release(&mut tx, KIND, id).await?;
    let recorded_reason = match request.decision {
        Decision::Approve => None,
        Decision::Reject => reason,
    };
    let detail = json!({ "decision": request.decision, "reason": recorded_reason });
    record(&mut tx, staff, now_ms, "contact_change.decide", id, detail).await?;
    tx.commit().await?;
    state.outbox_wakeup.notify_one();
    Ok(DecisionRecorded {
        kind: KIND,
        id: id.to_string(),
        decision: request.decision,
        reason: recorded_reason,
        decided_at: now,
    })
}
