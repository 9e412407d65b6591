//! The per-period review counter, taken in the transaction that stores the review.

use super::eligibility::REVIEWS_PER_PERIOD;
use crate::db::get;
use sqlx::AnyConnection;

/// Takes one review of `period`; returns how many remain after it, or `None` when the
/// period's reviews are used up.
pub async fn take_review(
    connection: &mut AnyConnection,
    account_id: &str,
    period: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO review_period_counts (account_id, period, used) VALUES ($1, $2, 1) \
         ON CONFLICT (account_id, period) DO UPDATE SET used = review_period_counts.used + 1 \
         WHERE review_period_counts.used < $3 \
         RETURNING used",
    )
    .bind(account_id)
    .bind(period)
    .bind(REVIEWS_PER_PERIOD)
    .fetch_optional(&mut *connection)
    .await?;
    match row {
        Some(row) => {
            let used: i64 = get(&row, "used")?;
            Ok(Some(REVIEWS_PER_PERIOD - used))
        }
        None => Ok(None),
    }
}

/// Reviews left in `period`.
pub async fn reviews_left(
    connection: &mut AnyConnection,
    account_id: &str,
    period: &str,
) -> Result<i64, sqlx::Error> {
    let row =
        sqlx::query("SELECT used FROM review_period_counts WHERE account_id = $1 AND period = $2")
            .bind(account_id)
            .bind(period)
            .fetch_optional(connection)
            .await?;
    let used: i64 = match row {
        Some(row) => get(&row, "used")?,
        None => 0,
    };
    Ok((REVIEWS_PER_PERIOD - used).max(0))
}
