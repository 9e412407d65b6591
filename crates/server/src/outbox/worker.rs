//! The delivery worker: claims due messages with a lease, delivers them, and retries
//! temporary failures with exponential back-off. Several instances may run workers on
//! one database: the lease makes each message go to one worker at a time.

use super::{Channel, DeliveryError, OutgoingMessage};
use crate::clock::from_ms;
use crate::db::get;
use crate::shutdown::Shutdown;
use crate::state::AppState;
use anyhow::Result;
use std::time::Duration;

/// How long a claimed message stays reserved for the worker that claimed it.
const LEASE_MS: i64 = 60_000;
/// Attempts after which a message is marked failed and no longer retried.
pub const MAX_ATTEMPTS: i64 = 10;
/// How often the worker looks for due messages when nobody wakes it.
const POLL: Duration = Duration::from_millis(500);

/// Runs until `shutdown` fires, delivering due messages.
pub async fn run(state: AppState, mut shutdown: Shutdown) {
    tracing::info!("outbox worker started");
    loop {
        match deliver_next(&state).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(error) => tracing::error!(error = format!("{error:#}"), "outbox worker failed"),
        }
        tokio::select! {
            _ = state.outbox_wakeup.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
            _ = shutdown.wait() => break,
        }
    }
    tracing::info!("outbox worker stopped");
}

/// Delivers one due message; returns whether there was one.
pub async fn deliver_next(state: &AppState) -> Result<bool> {
    let Some((message, attempts)) = claim(state).await? else {
        return Ok(false);
    };
    let messenger = state.messengers.for_channel(message.channel);
    let outcome = messenger.deliver(&message).await;
    let now = state.clock.now_ms();
    match outcome {
        Ok(()) => {
            sqlx::query("UPDATE outbox SET delivered_at = $1, lease_until = NULL WHERE id = $2")
                .bind(now)
                .bind(&message.id)
                .execute(&state.db.pool)
                .await?;
            tracing::info!(message_id = %message.id, channel = message.channel.as_str(), attempts, "message delivered");
        }
        Err(error) => record_failure(state, &message, attempts, now, &error).await?,
    }
    Ok(true)
}

async fn record_failure(
    state: &AppState,
    message: &OutgoingMessage,
    attempts: i64,
    now: i64,
    error: &DeliveryError,
) -> Result<()> {
    let permanent = matches!(error, DeliveryError::Permanent(_)) || attempts >= MAX_ATTEMPTS;
    let failed_at = permanent.then_some(now);
    let next = now + backoff_ms(attempts);
    sqlx::query(
        "UPDATE outbox SET lease_until = NULL, next_attempt_at = $1, failed_at = $2, last_error = $3 \
         WHERE id = $4",
    )
    .bind(next)
    .bind(failed_at)
    .bind(error.to_string())
    .bind(&message.id)
    .execute(&state.db.pool)
    .await?;
    if permanent {
        tracing::error!(message_id = %message.id, attempts, error = %error, "message delivery failed for good");
    } else {
        tracing::warn!(message_id = %message.id, attempts, retry_at = %from_ms(next), error = %error, "message delivery failed, will retry");
    }
    Ok(())
}

/// Back-off before attempt `attempts + 1`: 2, 4, 8 ... seconds, at most one hour.
pub fn backoff_ms(attempts: i64) -> i64 {
    let exponent = attempts.clamp(1, 12) as u32;
    (1000_i64 << exponent).min(3_600_000)
}

async fn claim(state: &AppState) -> Result<Option<(OutgoingMessage, i64)>> {
    let now = state.clock.now_ms();
    // The lease condition is repeated in the outer WHERE: on PostgreSQL a second worker
    // that waited for the row lock re-checks it against the updated row and gets nothing.
    let row = sqlx::query(
        "UPDATE outbox SET lease_until = $1, attempts = attempts + 1 \
         WHERE id = (SELECT id FROM outbox \
                     WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2 \
                       AND (lease_until IS NULL OR lease_until < $2) \
                     ORDER BY next_attempt_at LIMIT 1) \
           AND delivered_at IS NULL AND (lease_until IS NULL OR lease_until < $2) \
         RETURNING id, channel, destination, subject, body, attempts",
    )
    .bind(now + LEASE_MS)
    .bind(now)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let channel: String = get(&row, "channel")?;
    let message = OutgoingMessage {
        id: get(&row, "id")?,
        channel: Channel::parse(&channel)
            .ok_or_else(|| anyhow::anyhow!("outbox row has unknown channel {channel:?}"))?,
        destination: get(&row, "destination")?,
        subject: get(&row, "subject")?,
        body: get(&row, "body")?,
    };
    Ok(Some((message, get(&row, "attempts")?)))
}
