//! Deciding a contact change request: the one function the reviewer screens and the
//! `jszg-server contact-change decide` command both call.
//!
//! Approval replaces the contact; for email the notice to the new address carries a
//! 24-hour reset link, for a phone the SMS instructs the applicant to reset by SMS. Rejection
//! sends the reason. The result goes to the new contact, and on approval a notice also
//! goes to the old one, so an owner whose contact was taken over learns of it. A request
//! cannot be approved while an application is on file.

use jszg_api::contact_change::{ContactChangeStatus, ContactKind};
use jszg_core::mask::{mask_email, mask_phone};
use serde_json::json;
use sqlx::AnyConnection;

use super::{kind_from_code, DecisionContext};
use crate::audit::{self, AuditEvent};
use crate::crypto::decrypt_text;
use crate::error::{AppError, AppResult};
use crate::hooks::application_on_file;
use crate::outbox;
use crate::recovery::account_store::{self, RecoveryAccount};
use crate::recovery::notices::{self, Notice};
use crate::recovery::reset_links::{self, LinkOrigin};
use crate::recovery::settings::{channel_of, contact_word};

/// A reviewer's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactChangeDecision {
    Approve,
    Reject { reason: String },
}

/// The request after the decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecidedContactChange {
    pub id: String,
    pub account_id: String,
    pub kind: ContactKind,
    pub status: ContactChangeStatus,
}

fn not_found() -> AppError {
    AppError::new(
        axum::http::StatusCode::NOT_FOUND,
        "contact_change.not_found",
        "找不到该修改联系方式申请。",
    )
}

/// Decides a pending request inside one transaction, audited as `cli:<decided_by>`,
/// and queues the notices. Wake the outbox worker after it returns.
pub async fn decide_contact_change(
    context: &DecisionContext<'_>,
    request_id: &str,
    decision: &ContactChangeDecision,
    decided_by: &str,
) -> AppResult<DecidedContactChange> {
    let mut tx = context.db.begin_write().await?;
    let decided = decide_in(&mut tx, context, request_id, decision, decided_by).await?;
    audit::append(
        &mut tx,
        context.clock.now_ms(),
        AuditEvent {
            actor: format!("cli:{decided_by}"),
            action: "contact_change.decide",
            subject: format!("contact_change:{request_id}"),
            detail: json!({ "decision": status_code(decided.status), "reason": reason_of(decision) }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(decided)
}

fn status_code(status: ContactChangeStatus) -> &'static str {
    match status {
        ContactChangeStatus::Pending => "pending",
        ContactChangeStatus::Approved => "approved",
        ContactChangeStatus::Rejected => "rejected",
    }
}

fn reason_of(decision: &ContactChangeDecision) -> Option<&str> {
    match decision {
        ContactChangeDecision::Approve => None,
        ContactChangeDecision::Reject { reason } => Some(reason.trim()),
    }
}

/// Decides a pending request within the caller's write transaction and queues the
/// notices. Fails with `contact_change.already_decided` when the request is no longer
/// pending, so two reviewers cannot both decide it, and with
/// `contact_change.application_on_file` when approving while an application is on file.
pub async fn decide_in(
    tx: &mut AnyConnection,
    context: &DecisionContext<'_>,
    request_id: &str,
    decision: &ContactChangeDecision,
    decided_by: &str,
) -> AppResult<DecidedContactChange> {
    if reason_of(decision).is_some_and(str::is_empty) {
        return Err(
            AppError::bad_request("contact_change.reason_missing", "驳回时必须填写原因。")
                .with_field("reason"),
        );
    }
    let row: Option<(String, String, Vec<u8>, String)> = sqlx::query_as(&format!(
        "SELECT account_id, kind, new_value_enc, status FROM contact_change_requests WHERE id = $1{}",
        context.db.for_update()
    ))
    .bind(request_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (account_id, kind_code, new_value_enc, status) = row.ok_or_else(not_found)?;
    if status != "pending" {
        return Err(AppError::conflict(
            "contact_change.already_decided",
            "该申请已处理，不能重复审核。",
        ));
    }
    let kind = kind_from_code(&kind_code)?;
    let new_value = decrypt_text(context.keys, &new_value_enc)?;
    let account = account_store::find_by_id(&mut *tx, context.keys, &account_id)
        .await?
        .ok_or_else(not_found)?;
    let status = apply(&mut *tx, context, &account, kind, &new_value, decision).await?;
    sqlx::query(
        "UPDATE contact_change_requests SET status = $1, decided_at = $2, decided_by = $3, \
         decision_reason = $4 WHERE id = $5",
    )
    .bind(status_code(status))
    .bind(context.clock.now_ms())
    .bind(decided_by)
    .bind(reason_of(decision))
    .bind(request_id)
    .execute(&mut *tx)
    .await?;
    tracing::info!(request_id, account_id = %account.id, status = status_code(status), decided_by, "contact change request decided");
    Ok(DecidedContactChange {
        id: request_id.to_owned(),
        account_id: account.id,
        kind,
        status,
    })
}

/// Applies `decision` to the account and queues the notices; returns the new status.
async fn apply(
    tx: &mut AnyConnection,
    context: &DecisionContext<'_>,
    account: &RecoveryAccount,
    kind: ContactKind,
    new_value: &str,
    decision: &ContactChangeDecision,
) -> AppResult<ContactChangeStatus> {
    match decision {
        ContactChangeDecision::Approve => {
            if application_on_file(&mut *tx, &account.id).await? {
                tracing::info!(account_id = %account.id, "contact change approval rejected: application on file");
                return Err(AppError::conflict(
                    "contact_change.application_on_file",
                    "申请人有正在办理的认定或定期注册申请，不能通过本申请，请选择预设理由“application_on_file”驳回。",
                ));
            }
            approve(&mut *tx, context, account, kind, new_value).await?;
            Ok(ContactChangeStatus::Approved)
        }
        ContactChangeDecision::Reject { reason } => {
            let notice = notices::contact_change_rejected(contact_word(kind), reason.trim());
            send(&mut *tx, context, kind, new_value, &notice).await?;
            Ok(ContactChangeStatus::Rejected)
        }
    }
}

/// Replaces the contact and queues the result (with a reset link for an email) to the
/// new contact and a notice to the old one.
async fn approve(
    tx: &mut AnyConnection,
    context: &DecisionContext<'_>,
    account: &RecoveryAccount,
    kind: ContactKind,
    new_value: &str,
) -> AppResult<()> {
    let (old_value, masked_new) = match kind {
        ContactKind::Email => {
            account_store::set_email(&mut *tx, &account.id, new_value).await?;
            (account.email.clone(), mask_email(new_value))
        }
        ContactKind::Phone => {
            account_store::set_phone(&mut *tx, &account.id, new_value).await?;
            (account.phone.clone(), mask_phone(new_value))
        }
    };
    let result = match kind {
        ContactKind::Email => {
            // Links sent to the lost address stop working: only the new one resets.
            reset_links::revoke_links(&mut *tx, context.clock, &account.id).await?;
            let token = reset_links::create_link(
                &mut *tx,
                context.clock,
                &account.id,
                LinkOrigin::ContactChange,
            )
            .await?;
            let link = reset_links::link_url(context.reset_link_base, &token);
            notices::contact_change_approved_email(&masked_new, &link)
        }
        ContactKind::Phone => notices::contact_change_approved_phone(&masked_new),
    };
    send(&mut *tx, context, kind, new_value, &result).await?;
    if !old_value.is_empty() && old_value != new_value {
        let notice = notices::contact_changed(
            &account.masked_document_number(),
            contact_word(kind),
            &masked_new,
            context.clock.now(),
        );
        send(&mut *tx, context, kind, &old_value, &notice).await?;
    }
    Ok(())
}

async fn send(
    tx: &mut AnyConnection,
    context: &DecisionContext<'_>,
    kind: ContactKind,
    destination: &str,
    notice: &Notice,
) -> AppResult<()> {
    outbox::enqueue(
        tx,
        context.clock,
        channel_of(kind),
        destination,
        &notice.subject,
        &notice.body,
    )
    .await?;
    Ok(())
}
