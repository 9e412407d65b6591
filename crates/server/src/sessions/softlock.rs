//! Protection against password guessing that an attacker cannot cheaply use to lock the
//! owner out.
//!
//! Failures are counted per document-number HMAC, whether or not an account exists, so
//! an unknown number behaves exactly like a known one. After 5 failures within 15
//! minutes each further attempt must wait 1, 2, 4 ... seconds (at most 60) after the
//! last failure, and every attempt needs a fresh captcha anyway. 100 failures within an
//! hour lock the number until the owner resets the password.

use crate::db::{get, Backend};
use sqlx::AnyConnection;

const WINDOW_MS: i64 = 15 * 60 * 1000;
const FREE_FAILURES: i64 = 5;
const MAX_DELAY_MS: i64 = 60_000;
const LOCK_WINDOW_MS: i64 = 60 * 60 * 1000;
const LOCK_FAILURES: i64 = 100;

/// Milliseconds to wait before the next attempt, given the recent failures.
pub fn delay_ms(failures_in_window: i64) -> i64 {
    if failures_in_window < FREE_FAILURES {
        return 0;
    }
    let exponent = (failures_in_window - FREE_FAILURES).min(6) as u32;
    (1000_i64 << exponent).min(MAX_DELAY_MS)
}

/// Milliseconds the caller must still wait before trying this number again; 0 if none.
async fn wait_ms(
    connection: &mut AnyConnection,
    lookup: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS failures, MAX(failed_at) AS last FROM sign_in_failures \
         WHERE document_lookup = $1 AND failed_at > $2",
    )
    .bind(lookup)
    .bind(now - WINDOW_MS)
    .fetch_one(connection)
    .await?;
    let failures: i64 = get(&row, "failures")?;
    let last: Option<i64> = get(&row, "last")?;
    let Some(last) = last else { return Ok(0) };
    Ok((last + delay_ms(failures) - now).max(0))
}

pub async fn is_locked(connection: &mut AnyConnection, lookup: &str) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT locked_at FROM sign_in_locks WHERE document_lookup = $1")
        .bind(lookup)
        .fetch_optional(connection)
        .await?;
    Ok(row.is_some())
}

/// Starts an attempt on a number: returns the milliseconds still to wait, or 0 after
/// recording the attempt as a failure in advance.
///
/// Call it inside a write transaction, so that concurrent attempts on one number see
/// each other's records. A successful sign-in removes the record with [`clear_failures`].
pub async fn begin_attempt(
    connection: &mut AnyConnection,
    backend: Backend,
    lookup: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    if backend == Backend::Postgres {
        // PostgreSQL runs writers side by side, so queue the attempts on this number.
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))")
            .bind(lookup)
            .execute(&mut *connection)
            .await?;
    }
    let wait = wait_ms(connection, lookup, now).await?;
    if wait > 0 {
        return Ok(wait);
    }
    sqlx::query(
        "INSERT INTO sign_in_failures (id, document_lookup, failed_at) VALUES ($1, $2, $3)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(lookup)
    .bind(now)
    .execute(connection)
    .await?;
    Ok(0)
}

/// Locks the number when its failures within the hour reach 100. Returns whether it is
/// locked now.
pub async fn lock_if_too_many(
    connection: &mut AnyConnection,
    lookup: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let failures: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sign_in_failures WHERE document_lookup = $1 AND failed_at > $2",
    )
    .bind(lookup)
    .bind(now - LOCK_WINDOW_MS)
    .fetch_one(&mut *connection)
    .await?;
    if failures < LOCK_FAILURES {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO sign_in_locks (document_lookup, locked_at) VALUES ($1, $2) ON CONFLICT (document_lookup) DO NOTHING",
    )
    .bind(lookup)
    .bind(now)
    .execute(connection)
    .await?;
    Ok(true)
}

/// Forgets the failures of a number after a successful sign-in.
pub async fn clear_failures(
    connection: &mut AnyConnection,
    lookup: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE document_lookup = $1")
        .bind(lookup)
        .execute(connection)
        .await?;
    Ok(())
}

/// Lifts the lock and the failure count; call it when the owner resets the password.
pub async fn unlock(connection: &mut AnyConnection, lookup: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_locks WHERE document_lookup = $1")
        .bind(lookup)
        .execute(&mut *connection)
        .await?;
    clear_failures(connection, lookup).await
}

#[cfg(test)]
mod tests {
    use super::delay_ms;

    #[test]
    fn delay_doubles_up_to_a_minute() {
        assert_eq!(delay_ms(4), 0);
        assert_eq!(delay_ms(5), 1000);
        assert_eq!(delay_ms(6), 2000);
        assert_eq!(delay_ms(7), 4000);
        assert_eq!(delay_ms(10), 32_000);
        assert_eq!(delay_ms(11), 60_000);
        assert_eq!(delay_ms(99), 60_000);
    }
}
