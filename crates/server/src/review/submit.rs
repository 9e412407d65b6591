//! Storing a manual review: eligibility, the per-period limit, the photos and the audit
//! entry, all in one write transaction.

use super::eligibility::review_open;
use super::form::ReviewSubmission;
use super::limits::take_review;
use super::lock::ensure_no_pending_review;
use super::photos;
use super::records;
use crate::applicant::Applicant;
use crate::audit::{self, AuditEvent};
use crate::db::is_unique_violation;
use crate::error::{AppError, AppResult};
use crate::http::recorded_response::Idempotency;
use crate::state::AppState;
use crate::verification::state::load_state;
use axum::http::StatusCode;
use jszg_api::review::ReviewSubmitted;
use jszg_core::calendar::WorkingCalendar;
use jszg_core::review_period::ReviewPeriod;
use serde_json::json;

/// Working days staff have to decide a manual review.
pub const REVIEW_WORKING_DAYS: u32 = 7;

pub async fn submit(
    state: &AppState,
    applicant: &Applicant,
    submission: ReviewSubmission,
    idempotency: &Idempotency,
) -> AppResult<ReviewSubmitted> {
    let now = state.clock.now();
    let now_ms = now.timestamp_millis();
    let period = ReviewPeriod::containing(now);
    let due = WorkingCalendar::official().deadline(now, REVIEW_WORKING_DAYS);
    let account_id = applicant.id.as_str();
    let review_id = uuid::Uuid::new_v4().to_string();

    let mut tx = state.db.begin_write().await?;
    ensure_no_pending_review(&mut tx, account_id).await?;
    let verification = load_state(&mut tx, account_id).await?;
    if !review_open(applicant.document_type, verification.failed_attempts, false) {
        return Err(AppError::forbidden(
            "review.not_open",
            "居民身份证持有人请先进行实名核验；实名核验未通过时，才可申请人工审核。",
        ));
    }
    let Some(reviews_left) = take_review(&mut tx, account_id, &period.key()).await? else {
        let next = period.next();
        return Err(AppError::too_many(
            "review.period_limit",
            format!(
                "{}期间的3次人工审核机会已用完，{}起可再次申请。",
                period.label_zh(),
                next.first_day().format("%Y年%-m月%-d日")
            ),
            u64::try_from((next.start() - now).num_seconds())
                .unwrap_or(0)
                .max(1),
        ));
    };
    let inserted = sqlx::query(
        "INSERT INTO manual_reviews (id, account_id, status, name, validity_period, validity_start, \
         validity_end, reason, period, submitted_at, due_at) \
         VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&review_id)
    .bind(account_id)
    .bind(submission.name.as_str())
    .bind(period_code(submission.validity_period))
    .bind(submission.validity_start.to_string())
    .bind(submission.validity_end.map(|date| date.to_string()))
    .bind(&submission.reason)
    .bind(period.key())
    .bind(now_ms)
    .bind(due.due.timestamp_millis())
    .execute(&mut *tx)
    .await;
    match inserted {
        Err(error) if is_unique_violation(&error) => {
            return Err(AppError::conflict(
                "review.pending",
                "您已提交人工审核，请耐心等待审核结果。",
            ))
        }
        other => other?,
    };
    for (side, bytes) in &submission.photos {
        photos::store(&mut tx, &state.keys, &review_id, *side, bytes).await?;
    }
    audit::append(
        &mut tx,
        now_ms,
        AuditEvent {
            actor: format!("account:{account_id}"),
            action: "review.submit",
            subject: format!("review:{review_id}"),
            detail: json!({ "period": period.key(), "due_at": due.due.timestamp_millis() }),
        },
    )
    .await?;
    let stored = records::find(&mut tx, &review_id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("review {review_id} vanished")))?;
    let submitted = ReviewSubmitted {
        review: stored.summary,
        reviews_left_this_period: reviews_left as u32,
    };
    idempotency
        .record(&mut tx, now_ms, StatusCode::CREATED, &submitted)
        .await?;
    tx.commit().await?;
    tracing::info!(account_id, review_id, period = %period, "manual review submitted");
    Ok(submitted)
}

/// The wire code of a validity period (`five_years`, ..., `long_term`).
pub fn period_code(period: jszg_core::ValidityPeriod) -> String {
    serde_json::to_value(period)
        .ok()
        .and_then(|value| value.as_str().map(str::to_string))
        .unwrap_or_default()
}
