//! The daily attempt counter. An attempt is taken in its own committed transaction
//! before the register is asked, so concurrent requests can never exceed the limit,
//! and given back when the register could not answer.

use crate::db::get;
use chrono::NaiveDate;
use sqlx::AnyConnection;

/// Real-name verification attempts per account and Beijing day.
pub const DAILY_ATTEMPTS: i64 = 3;

/// Takes one attempt of `day`; returns how many remain after it, or `None` when the
/// day's attempts are used up.
pub async fn take_attempt(
    connection: &mut AnyConnection,
    account_id: &str,
    day: NaiveDate,
) -> Result<Option<i64>, sqlx::Error> {
    // One statement: the row lock (PostgreSQL) or write lock (SQLite) makes the check
    // and the increment atomic.
    let row = sqlx::query(
        "INSERT INTO verification_days (account_id, day, used) VALUES ($1, $2, 1) \
         ON CONFLICT (account_id, day) DO UPDATE SET used = verification_days.used + 1 \
         WHERE verification_days.used < $3 \
         RETURNING used",
    )
    .bind(account_id)
    .bind(day.to_string())
    .bind(DAILY_ATTEMPTS)
    .fetch_optional(&mut *connection)
    .await?;
    match row {
        Some(row) => {
            let used: i64 = get(&row, "used")?;
            Ok(Some(DAILY_ATTEMPTS - used))
        }
        None => Ok(None),
    }
}

/// Gives back an attempt of `day` that never reached a verdict.
pub async fn give_back_attempt(
    connection: &mut AnyConnection,
    account_id: &str,
    day: NaiveDate,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE verification_days SET used = used - 1 \
         WHERE account_id = $1 AND day = $2 AND used > 0",
    )
    .bind(account_id)
    .bind(day.to_string())
    .execute(connection)
    .await?;
    Ok(())
}

/// Attempts left on `day`.
pub async fn attempts_left(
    connection: &mut AnyConnection,
    account_id: &str,
    day: NaiveDate,
) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("SELECT used FROM verification_days WHERE account_id = $1 AND day = $2")
        .bind(account_id)
        .bind(day.to_string())
        .fetch_optional(connection)
        .await?;
    let used: i64 = match row {
        Some(row) => get(&row, "used")?,
        None => 0,
    };
    Ok((DAILY_ATTEMPTS - used).max(0))
}
