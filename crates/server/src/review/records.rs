//! Reading stored manual reviews.

use crate::clock::from_ms;
use crate::db::get;
use jszg_api::review::{ReviewStatus, ReviewSummary};
use sqlx::any::AnyRow;
use sqlx::AnyConnection;

/// Columns every summary query selects.
pub const SUMMARY_COLUMNS: &str = "id, account_id, status, name, validity_period, validity_start, \
     validity_end, reason, submitted_at, due_at, decided_at, decision_reason";

/// A review row with the account it belongs to.
pub struct StoredReview {
    pub account_id: String,
    pub summary: ReviewSummary,
}

pub fn status_from_str(text: &str) -> ReviewStatus {
    match text {
        "approved" => ReviewStatus::Approved,
        "rejected" => ReviewStatus::Rejected,
        _ => ReviewStatus::Pending,
    }
}

pub fn status_str(status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::Pending => "pending",
        ReviewStatus::Approved => "approved",
        ReviewStatus::Rejected => "rejected",
    }
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, sqlx::Error> {
    text.parse().map_err(|error| {
        sqlx::Error::Decode(format!("invalid stored date {text:?}: {error}").into())
    })
}

pub fn summary_from_row(row: &AnyRow) -> Result<StoredReview, sqlx::Error> {
    let status: String = get(row, "status")?;
    let start: String = get(row, "validity_start")?;
    let end: Option<String> = get(row, "validity_end")?;
    let decided_at: Option<i64> = get(row, "decided_at")?;
    Ok(StoredReview {
        account_id: get(row, "account_id")?,
        summary: ReviewSummary {
            id: get(row, "id")?,
            status: status_from_str(&status),
            name: get(row, "name")?,
            validity_period: get(row, "validity_period")?,
            validity_start: parse_date(&start)?,
            validity_end: end.as_deref().map(parse_date).transpose()?,
            reason: get(row, "reason")?,
            submitted_at: from_ms(get(row, "submitted_at")?),
            due_at: from_ms(get(row, "due_at")?),
            decided_at: decided_at.map(from_ms),
            decision_reason: get(row, "decision_reason")?,
        },
    })
}

/// Reviews of an account, newest first.
pub async fn list_for_account(
    connection: &mut AnyConnection,
    account_id: &str,
) -> Result<Vec<ReviewSummary>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM manual_reviews WHERE account_id = $1 \
         ORDER BY submitted_at DESC"
    ))
    .bind(account_id)
    .fetch_all(connection)
    .await?;
    rows.iter()
        .map(|row| summary_from_row(row).map(|stored| stored.summary))
        .collect()
}

/// One review by id, whoever it belongs to.
pub async fn find(
    connection: &mut AnyConnection,
    review_id: &str,
) -> Result<Option<StoredReview>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM manual_reviews WHERE id = $1"
    ))
    .bind(review_id)
    .fetch_optional(connection)
    .await?;
    row.as_ref().map(summary_from_row).transpose()
}
