//! The reviewer's side of manual reviews: queue, detail, photos and decisions.

use super::auth::StaffAuth;
use super::claims::{self, holder, require_claim};
use super::reasons::resolve_reason;
use crate::applicant::{self, Applicant};
use crate::audit::{self, AuditEvent};
use crate::clock::from_ms;
use crate::db::get;
use crate::error::{AppError, AppResult};
use crate::hooks::application_on_file;
use crate::review::limits::reviews_left;
use crate::review::records::{self, StoredReview, SUMMARY_COLUMNS};
use crate::review::{photos, records::summary_from_row};
use crate::state::AppState;
use crate::verification::state::{change_name, ensure_row, history};
use axum::http::StatusCode;
use jszg_api::review::{PhotoSide, ReviewStatus};
use jszg_api::staff::{Decision, DecisionRecorded, DecisionRequest, QueueKind, StaffReviewDetail};
use serde_json::json;
use sqlx::AnyConnection;

const KIND: QueueKind = QueueKind::ManualReview;

fn not_found() -> AppError {
    AppError::new(
        StatusCode::NOT_FOUND,
        "review.not_found",
        "未找到该人工审核申请。",
    )
}

/// Claims a pending review for the signed-in reviewer.
pub async fn claim(
    state: &AppState,
    staff: &StaffAuth,
    review_id: &str,
    minutes: i64,
) -> AppResult<i64> {
    let now_ms = state.clock.now_ms();
    let expires_at = now_ms + minutes * 60_000;
    let mut tx = state.db.begin_write().await?;
    let row = sqlx::query("SELECT status FROM manual_reviews WHERE id = $1")
        .bind(review_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(not_found)?;
    let status: String = get(&row, "status")?;
    if status != "pending" {
        return Err(AppError::conflict(
            "review.already_decided",
            "该人工审核申请已有审核结论。",
        ));
    }
    claims::take(
        &mut tx,
        KIND,
        review_id,
        &staff.staff_id,
        now_ms,
        expires_at,
    )
    .await?;
    audit::append(
        &mut tx,
        now_ms,
        AuditEvent {
            actor: staff.actor(),
            action: "review.claim",
            subject: format!("review:{review_id}"),
            detail: json!({ "expires_at": expires_at }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(expires_at)
}

/// Reads the review and the applicant's data for the reviewer; the read is audited.
pub async fn detail(
    state: &AppState,
    staff: &StaffAuth,
    review_id: &str,
) -> AppResult<StaffReviewDetail> {
    let now_ms = state.clock.now_ms();
    let mut connection = state.db.pool.acquire().await?;
    let stored = records::find(&mut connection, review_id)
        .await?
        .ok_or_else(not_found)?;
    let applicant = applicant::load(&mut connection, &state.keys, &stored.account_id).await?;
    let mut earlier = records::list_for_account(&mut connection, &stored.account_id).await?;
    earlier.retain(|review| review.id != review_id);
    let claim = holder(&mut connection, KIND, review_id, now_ms).await?;
    let verification_history = history(&mut connection, &stored.account_id).await?;
    drop(connection);
    let mut tx = state.db.begin_write().await?;
    audit::append(
        &mut tx,
        now_ms,
        AuditEvent {
            actor: staff.actor(),
            action: "review.read",
            subject: format!("review:{review_id}"),
            detail: json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StaffReviewDetail {
        review: stored.summary,
        document_type: applicant.document_type.code().to_string(),
        document_number: applicant.document_number.clone(),
        account_name: applicant.name.clone(),
        gender: applicant.gender.clone(),
        birth_date: applicant.birth_date,
        ethnicity: applicant.ethnicity.clone(),
        photos: PhotoSide::ALL.to_vec(),
        verification_history,
        earlier_reviews: earlier,
        claimed_by: claim.as_ref().map(|(username, _)| username.clone()),
        claim_expires_at: claim.map(|(_, expires_at)| from_ms(expires_at)),
    })
}

/// Reads one photo for the reviewer; every view is audited.
pub async fn photo(
    state: &AppState,
    staff: &StaffAuth,
    review_id: &str,
    side: PhotoSide,
) -> AppResult<Vec<u8>> {
    let mut tx = state.db.begin_write().await?;
    let bytes = photos::load(&mut tx, &state.keys, review_id, side)
        .await?
        .ok_or_else(not_found)?;
    audit::append(
        &mut tx,
        state.clock.now_ms(),
        AuditEvent {
            actor: staff.actor(),
            action: "review.photo_view",
            subject: format!("review:{review_id}"),
            detail: json!({ "side": side.part_name() }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(bytes)
}

/// Approves or rejects a review the reviewer holds, and queues the notice.
pub async fn decide(
    state: &AppState,
    staff: &StaffAuth,
    review_id: &str,
    request: &DecisionRequest,
) -> AppResult<DecisionRecorded> {
    let reason = resolve_reason(KIND, request)?;
    let now = state.clock.now();
    let now_ms = now.timestamp_millis();
    let mut tx = state.db.begin_write().await?;
    let (stored, period) = pending_review(&mut tx, state, review_id).await?;
    require_claim(&mut tx, KIND, review_id, &staff.staff_id, now_ms).await?;
    let status = store_decision(
        &mut tx,
        review_id,
        &staff.staff_id,
        request.decision,
        reason.as_deref(),
        now_ms,
    )
    .await?;
    let outcome = Outcome {
        decision: request.decision,
        reason: reason.as_deref(),
        review_name: &stored.summary.name,
        period: &period,
    };
    apply_and_notify(&mut tx, state, &stored.account_id, &outcome, now_ms).await?;
    claims::release(&mut tx, KIND, review_id).await?;
    audit::append(
        &mut tx,
        now_ms,
        AuditEvent {
            actor: staff.actor(),
            action: "review.decide",
            subject: format!("review:{review_id}"),
            detail: json!({ "decision": status, "reason": reason }),
        },
    )
    .await?;
    tx.commit().await?;
    state.outbox_wakeup.notify_one();
    tracing::info!(review_id, staff_id = %staff.staff_id, decision = status, "manual review decided");
    Ok(DecisionRecorded {
        kind: KIND,
        id: review_id.to_string(),
        decision: request.decision,
        reason,
        decided_at: now,
    })
}

/// Reads a review and its period, locked until the transaction ends, and checks that
/// it is still pending.
async fn pending_review(
    tx: &mut AnyConnection,
    state: &AppState,
    review_id: &str,
) -> AppResult<(StoredReview, String)> {
    let row = sqlx::query(&format!(
        "SELECT {SUMMARY_COLUMNS}, period FROM manual_reviews WHERE id = $1{}",
        state.db.for_update()
    ))
    .bind(review_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(not_found)?;
    let stored = summary_from_row(&row)?;
    let period: String = get(&row, "period")?;
    if stored.summary.status != ReviewStatus::Pending {
        return Err(AppError::conflict(
            "review.already_decided",
            "该人工审核申请已有审核结论。",
        ));
    }
    Ok((stored, period))
}

/// Writes the decision on the review's row and returns the new status.
async fn store_decision(
    tx: &mut AnyConnection,
    review_id: &str,
    staff_id: &str,
    decision: Decision,
    reason: Option<&str>,
    now_ms: i64,
) -> AppResult<&'static str> {
    let status = match decision {
        Decision::Approve => "approved",
        Decision::Reject => "rejected",
    };
    sqlx::query(
        "UPDATE manual_reviews SET status = $1, decided_at = $2, decided_by = $3, decision_reason = $4 \
         WHERE id = $5",
    )
    .bind(status)
    .bind(now_ms)
    .bind(staff_id)
    .bind(reason)
    .bind(review_id)
    .execute(tx)
    .await?;
    Ok(status)
}

/// A decision on a review, as the applicant's account and notice need it.
struct Outcome<'a> {
    decision: Decision,
    reason: Option<&'a str>,
    /// The name given in the review.
    review_name: &'a str,
    /// The review period, for the reviews left in it.
    period: &'a str,
}

/// Records an approval on the account and queues the notice of the decision. When the
/// approval changed the name and an application is on file, the notice requests that
/// the applicant resubmit it.
async fn apply_and_notify(
    tx: &mut AnyConnection,
    state: &AppState,
    account_id: &str,
    outcome: &Outcome<'_>,
    now_ms: i64,
) -> AppResult<()> {
    let applicant = applicant::load(&mut *tx, &state.keys, account_id).await?;
    let approved = outcome.decision == Decision::Approve;
    let renamed = approved && applicant.name != outcome.review_name;
    if approved {
        record_approval(&mut *tx, &applicant, outcome.review_name, now_ms).await?;
    }
    let resubmit = renamed && application_on_file(&mut *tx, &applicant.id).await?;
    let left = reviews_left(&mut *tx, &applicant.id, outcome.period).await?;
    let mut body = decision_notice(outcome.decision, outcome.reason, left);
    if resubmit {
        body.push_str(RESUBMIT_NOTICE);
    }
    applicant::notify(tx, state, &applicant, "人工审核结果", &body).await
}

/// Marks the account verified by manual review and, when the review carries another
/// name, renames the account and keeps the old name.
async fn record_approval(
    connection: &mut AnyConnection,
    applicant: &Applicant,
    review_name: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    ensure_row(&mut *connection, &applicant.id).await?;
    sqlx::query("UPDATE account_verification SET review_approved_at = $1 WHERE account_id = $2")
        .bind(now_ms)
        .bind(&applicant.id)
        .execute(&mut *connection)
        .await?;
    if applicant.name != review_name {
        change_name(
            connection,
            &applicant.id,
            &applicant.name,
            review_name,
            now_ms,
            "manual_review",
        )
        .await?;
    }
    Ok(())
}

/// Added to the approval notice when the name changed while an application is on file.
const RESUBMIT_NOTICE: &str =
    "您的姓名已按审核结果更新，您有正在办理的认定或定期注册申请，请重新提交该申请。";

/// Builds the notice text of a decision; a rejection gives the reason and the reviews
/// left in the period.
fn decision_notice(decision: Decision, reason: Option<&str>, reviews_left: i64) -> String {
    match decision {
        Decision::Approve => {
            "您提交的人工审核已通过，现在可以办理教师资格认定和定期注册业务。".to_string()
        }
        Decision::Reject => format!(
            "您提交的人工审核未通过。原因：{}。请按原因修改后重新提交，本周期还可申请{}次人工审核。",
            reason.unwrap_or_default().trim_end_matches('。'),
            reviews_left
        ),
    }
}
