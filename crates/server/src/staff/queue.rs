//! Listing a review queue: the state filter, paging, the deadline flags of each item and
//! the counts of the queue. Both queues keep their items in a table with the columns
//! `id, account_id, status, submitted_at, due_at, decided_at`.

use super::claims::kind_str;
use crate::clock::from_ms;
use crate::db::get;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use jszg_api::staff::{
    Decision, QueueCounts, QueueEntry, QueueFilter, QueueItem, QueueKind, QueuePage, QueueState,
};
use jszg_core::beijing::{beijing_date, beijing_day_end};
use sqlx::AnyConnection;

/// Default and maximum number of items per page.
const DEFAULT_LIMIT: i64 = 200;
const MAX_LIMIT: i64 = 500;

/// Returns the table that contains a queue's items.
pub fn table_of(kind: QueueKind) -> &'static str {
    match kind {
        QueueKind::ManualReview => "manual_reviews",
        QueueKind::ContactChange => "contact_change_requests",
    }
}

/// Computes the deadline flags of an undecided item at `now_ms`: overdue, and due by
/// 24:00 Beijing time today.
pub fn deadline_flags(due_at_ms: i64, now_ms: i64) -> (bool, bool) {
    let overdue = due_at_ms <= now_ms;
    let today_end = beijing_day_end(beijing_date(from_ms(now_ms))).timestamp_millis();
    (overdue, !overdue && due_at_ms <= today_end)
}

fn filter_invalid(field: &str, message: &str) -> AppError {
    AppError::bad_request("queue.filter_invalid", message).with_field(field)
}

/// Builds the `WHERE` condition of a state filter on the item `r` and its running claim `c`.
fn state_condition(state: Option<QueueState>) -> &'static str {
    match state {
        None => "r.status = 'pending'",
        Some(QueueState::Pending) => "r.status = 'pending' AND c.item_id IS NULL",
        Some(QueueState::Claimed) => "r.status = 'pending' AND c.item_id IS NOT NULL",
        Some(QueueState::Decided) => "r.status <> 'pending'",
    }
}

/// Reads one page of the queue `kind` and the queue's counts.
pub async fn list(state: &AppState, kind: QueueKind, filter: &QueueFilter) -> AppResult<QueuePage> {
    let limit = filter.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(filter_invalid("limit", "每页条数须在1至500之间。"));
    }
    let offset = filter.offset.unwrap_or(0);
    if offset < 0 {
        return Err(filter_invalid("offset", "起始位置不能为负数。"));
    }

    let now_ms = state.clock.now_ms();
    let table = table_of(kind);
    let from = format!(
        "FROM {table} r JOIN accounts a ON a.id = r.account_id \
         LEFT JOIN review_claims c ON c.kind = $1 AND c.item_id = r.id AND c.expires_at > $2 \
         LEFT JOIN staff s ON s.id = c.staff_id WHERE {}",
        state_condition(filter.state)
    );
    let order = match filter.state {
        Some(QueueState::Decided) => "r.decided_at DESC, r.id",
        _ => "r.due_at, r.submitted_at, r.id",
    };

    let mut connection = state.db.pool.acquire().await?;
    let rows = sqlx::query(&format!(
        "SELECT r.id, r.submitted_at, r.due_at, r.status, r.decided_at, a.document_masked, \
         s.username, c.expires_at {from} ORDER BY {order} LIMIT $3 OFFSET $4"
    ))
    .bind(kind_str(kind))
    .bind(now_ms)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *connection)
    .await?;
    let matching: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {from}"))
        .bind(kind_str(kind))
        .bind(now_ms)
        .fetch_one(&mut *connection)
        .await?;
    let items = rows
        .iter()
        .map(|row| entry_from_row(kind, row, now_ms))
        .collect::<AppResult<Vec<_>>>()?;
    let counts = counts(&mut connection, table, now_ms).await?;
    Ok(QueuePage {
        kind,
        items,
        matching,
        counts,
    })
}

fn entry_from_row(kind: QueueKind, row: &sqlx::any::AnyRow, now_ms: i64) -> AppResult<QueueEntry> {
    let due_at: i64 = get(row, "due_at")?;
    let status: String = get(row, "status")?;
    let claimed_by: Option<String> = get(row, "username")?;
    let claim_expires_at: Option<i64> = get(row, "expires_at")?;
    let decided_at: Option<i64> = get(row, "decided_at")?;
    let decision = match status.as_str() {
        "approved" => Some(Decision::Approve),
        "rejected" => Some(Decision::Reject),
        _ => None,
    };
    let item_state = match (decision, &claimed_by) {
        (Some(_), _) => QueueState::Decided,
        (None, Some(_)) => QueueState::Claimed,
        (None, None) => QueueState::Pending,
    };
    let (overdue, due_today) = match decision {
        Some(_) => (false, false),
        None => deadline_flags(due_at, now_ms),
    };
    let item = QueueItem {
        kind,
        id: get(row, "id")?,
        submitted_at: from_ms(get(row, "submitted_at")?),
        due_at: from_ms(due_at),
        overdue,
        document_number_masked: get(row, "document_masked")?,
        claimed_by,
        claim_expires_at: claim_expires_at.map(from_ms),
    };
    Ok(QueueEntry {
        item,
        due_today,
        state: item_state,
        decision,
        decided_at: decided_at.map(from_ms),
    })
}

/// Counts the undecided items of `table`: all, overdue, and due by 24:00 Beijing time
/// today.
async fn counts(
    connection: &mut AnyConnection,
    table: &str,
    now_ms: i64,
) -> AppResult<QueueCounts> {
    let today_end = beijing_day_end(beijing_date(from_ms(now_ms))).timestamp_millis();
    let row = sqlx::query(&format!(
        "SELECT COUNT(*) AS total, \
         COALESCE(SUM(CASE WHEN due_at <= $1 THEN 1 ELSE 0 END), 0) AS overdue, \
         COALESCE(SUM(CASE WHEN due_at > $1 AND due_at <= $2 THEN 1 ELSE 0 END), 0) AS due_today \
         FROM {table} WHERE status = 'pending'"
    ))
    .bind(now_ms)
    .bind(today_end)
    .fetch_one(connection)
    .await?;
    Ok(QueueCounts {
        total: get(&row, "total")?,
        overdue: get(&row, "overdue")?,
        due_today: get(&row, "due_today")?,
    })
}
