//! Periodic deletion of rows that no rule reads any more: expired captchas, finished
//! idempotency records older than a day, sign-in failures older than an hour, and
//! ended or expired sessions older than a day.

use crate::shutdown::Shutdown;
use crate::state::AppState;
use std::time::Duration;

const INTERVAL: Duration = Duration::from_secs(600);
const DAY_MS: i64 = 24 * 3_600_000;
const HOUR_MS: i64 = 3_600_000;

/// Runs [`sweep`] every 10 minutes, the first time 10 minutes after start, until
/// `shutdown` fires.
pub async fn run(state: AppState, mut shutdown: Shutdown) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(INTERVAL) => {}
            _ = shutdown.wait() => break,
        }
        if let Err(error) = sweep(&state).await {
            tracing::warn!(error = %error, "housekeeping sweep failed, will retry");
        }
    }
}

/// Deletes the stale rows once; returns how many were deleted.
pub async fn sweep(state: &AppState) -> Result<u64, sqlx::Error> {
    let now = state.clock.now_ms();
    let statements: [(&str, i64); 6] = [
        ("DELETE FROM captcha_puzzles WHERE expires_at < $1", now),
        ("DELETE FROM captcha_passes WHERE expires_at < $1", now),
        (
            "DELETE FROM idempotency_keys WHERE created_at < $1",
            now - DAY_MS,
        ),
        (
            "DELETE FROM idempotency_results WHERE created_at < $1",
            now - DAY_MS,
        ),
        (
            "DELETE FROM sign_in_failures WHERE failed_at < $1",
            now - HOUR_MS,
        ),
        ("DELETE FROM sessions WHERE expires_at < $1", now - DAY_MS),
    ];
    let mut deleted = 0;
    for (statement, cutoff) in statements {
        deleted += sqlx::query(statement)
            .bind(cutoff)
            .execute(&state.db.pool)
            .await?
            .rows_affected();
    }
    if deleted > 0 {
        tracing::info!(deleted, "housekeeping deleted stale rows");
    }
    Ok(deleted)
}
