//! Deciding a contact change request: the one function the reviewer screens and the
//! `jszg-server contact-change decide` command both call.
//!
//! Approval replaces the contact; for email the notice to the new address carries a
//! 24-hour reset link, for a phone the SMS tells the applicant to reset by SMS. Rejection sends the
//! reason. The result goes to the new contact, and on approval a notice also goes to
//! the old one, so an owner whose contact was taken over learns of it.

use jszg_api::contact_change::{ContactChangeStatus, ContactKind};
use jszg_core::mask::{mask_email, mask_phone};

use super::{kind_from_code, DecisionContext};
use crate::crypto::decrypt_text;
use crate::error::{AppError, AppResult};
use crate::outbox;
use crate::recovery::account_store;
use crate::recovery::notices;
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

/// Decides a pending request inside one transaction and queues the notices. Fails with
/// `contact_change.already_decided` when the request is no longer pending, so two
/// reviewers cannot both decide it. Wake the outbox worker after it returns.
pub async fn decide_contact_change(
    context: &DecisionContext<'_>,
    request_id: &str,
    decision: &ContactChangeDecision,
    decided_by: &str,
) -> AppResult<DecidedContactChange> {
    if let ContactChangeDecision::Reject { reason } = decision {
        if reason.trim().is_empty() {
            return Err(AppError::bad_request(
                "contact_change.reason_missing",
                "驳回时必须填写原因。",
            )
            .with_field("reason"));
        }
    }
    let mut tx = context.db.begin_write().await?;
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
    let account = account_store::find_by_id(&mut tx, context.keys, &account_id)
        .await?
        .ok_or_else(not_found)?;
    let now = context.clock.now();
    let word = contact_word(kind);

    let (status, reason) = match decision {
        ContactChangeDecision::Approve => {
            let (old_value, masked_new) = match kind {
                ContactKind::Email => {
                    account_store::set_email(&mut tx, &account.id, &new_value).await?;
                    (account.email.clone(), mask_email(&new_value))
                }
                ContactKind::Phone => {
                    account_store::set_phone(&mut tx, &account.id, &new_value).await?;
                    (account.phone.clone(), mask_phone(&new_value))
                }
            };
            let result = match kind {
                ContactKind::Email => {
                    let token = reset_links::create_link(
                        &mut tx,
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
            outbox::enqueue(
                &mut tx,
                context.clock,
                channel_of(kind),
                &new_value,
                &result.subject,
                &result.body,
            )
            .await?;
            if !old_value.is_empty() && old_value != new_value {
                let notice = notices::contact_changed(
                    &account.masked_document_number(),
                    word,
                    &masked_new,
                    now,
                );
                outbox::enqueue(
                    &mut tx,
                    context.clock,
                    channel_of(kind),
                    &old_value,
                    &notice.subject,
                    &notice.body,
                )
                .await?;
            }
            ("approved", None)
        }
        ContactChangeDecision::Reject { reason } => {
            let reason = reason.trim();
            let notice = notices::contact_change_rejected(word, reason);
            outbox::enqueue(
                &mut tx,
                context.clock,
                channel_of(kind),
                &new_value,
                &notice.subject,
                &notice.body,
            )
            .await?;
            ("rejected", Some(reason.to_owned()))
        }
    };
    sqlx::query(
        "UPDATE contact_change_requests SET status = $1, decided_at = $2, decided_by = $3, \
         decision_reason = $4 WHERE id = $5",
    )
    .bind(status)
    .bind(now.timestamp_millis())
    .bind(decided_by)
    .bind(reason)
    .bind(request_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(request_id, account_id = %account.id, status, decided_by, "contact change request decided");
    Ok(DecidedContactChange {
        id: request_id.to_owned(),
        account_id: account.id,
        kind,
        status: if status == "approved" {
            ContactChangeStatus::Approved
        } else {
            ContactChangeStatus::Rejected
        },
    })
}
