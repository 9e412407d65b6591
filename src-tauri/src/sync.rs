//! The sync worker: sends queued submissions when the server is reachable, one at a
//! time and oldest first, retrying with back-off. Each request carries the submission's
//! idempotency key, so a retry after a lost answer is not applied twice.

use crate::remote::{RemoteError, ServerLink};
use crate::routes::route_of;
use crate::session::SessionVault;
use crate::store::{QueuedSubmission, Store};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, RwLock};

/// Error code of a request whose idempotency key another request still holds.
const IN_PROGRESS: &str = "idempotency.in_progress";

/// The longest wait between two attempts of one submission.
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Returns the wait after the `failures`-th failed attempt: 1 s, 2 s, 4 s … at most
/// [`MAX_BACKOFF`].
pub fn backoff(failures: i64) -> Duration {
    let exponent = failures.clamp(1, 16) as u32 - 1;
    Duration::from_secs(1u64 << exponent).min(MAX_BACKOFF)
}

/// What one attempt did with a submission.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Sent(Value),
    Retry(String),
    Rejected(Value),
}

/// Shared pieces the worker needs; the app holds the same ones.
#[derive(Clone)]
pub struct SyncWorker {
    pub store: Store,
    pub link: Arc<RwLock<Option<ServerLink>>>,
    pub vault: Arc<SessionVault>,
    pub wake: Arc<Notify>,
}

impl SyncWorker {
    /// Sends the oldest due submission, if any, and records the outcome.
    pub async fn send_next(
        &self,
        now: DateTime<Utc>,
    ) -> crate::store::Result<Option<(QueuedSubmission, Outcome)>> {
        let Some(submission) = self.store.next_due(now).await? else {
            return Ok(None);
        };
        let outcome = self.attempt(&submission).await;
        match &outcome {
            Outcome::Sent(response) => {
                self.store.mark_sent(submission.id, response, now).await?;
                if let Some(form) = &submission.form {
                    self.store.discard_draft(form).await?;
                }
                tracing::info!(id = submission.id, kind = %submission.kind, "submission sent");
            }
            Outcome::Rejected(error) => {
                self.store.mark_rejected(submission.id, error, now).await?;
                tracing::info!(id = submission.id, kind = %submission.kind,
                    code = %error["code"], "submission rejected by the server");
            }
            Outcome::Retry(reason) => {
                let wait = backoff(submission.attempts + 1);
                let next = now + chrono::Duration::from_std(wait).unwrap_or_default();
                self.store
                    .mark_retry(submission.id, reason, next, now)
                    .await?;
                tracing::warn!(id = submission.id, attempts = submission.attempts + 1,
                    retry_in_s = wait.as_secs(), error = %reason, "submission will be retried");
            }
        }
        let updated = self.store.submission(submission.id).await?;
        Ok(Some((updated, outcome)))
    }

    async fn attempt(&self, submission: &QueuedSubmission) -> Outcome {
        let Some(route) = route_of(&submission.kind) else {
            return Outcome::Rejected(json!({
                "code": "submission.unknown_kind",
                "message": "无法识别的提交类型，请重新填写。",
            }));
        };
        let Some(link) = self.link.read().await.clone() else {
            return Outcome::Retry("no server configured".into());
        };
        let token = if route.signed_in {
            match self.vault.load() {
                Some(token) => Some(token),
                None => return Outcome::Retry("not signed in".into()),
            }
        } else {
            None
        };
        let files = match self.store.submission_files(submission.id).await {
            Ok(files) => files,
            Err(error) => return Outcome::Retry(error.to_string()),
        };
        let sent = link
            .send(
                route.method,
                route.path,
                &submission.payload,
                &files,
                Some(&submission.idempotency_key),
                token.as_deref(),
            )
            .await;
        match sent {
            Ok(response) => Outcome::Sent(response),
            Err(RemoteError::Unreachable(reason)) => Outcome::Retry(reason),
            // The server still holds this key's claim, from a copy in flight or from an
            // instance that died mid-request; the claim lapses, so the retry goes through.
            Err(RemoteError::Rejected(body)) if body.code == IN_PROGRESS => {
                Outcome::Retry(format!("{}: {}", body.code, body.message))
            }
            Err(rejected @ RemoteError::Rejected(_)) => {
                Outcome::Rejected(serde_json::to_value(rejected.body()).unwrap_or_default())
            }
        }
    }

    /// Runs until the app exits: sends whatever is due, then sleeps until the next
    /// submission falls due or [`SyncWorker::wake`] is notified. `report` sees every
    /// attempt, for the page's progress display.
    pub async fn run(self, report: impl Fn(&QueuedSubmission, &Outcome) + Send + 'static) {
        loop {
            match self.send_next(Utc::now()).await {
                Ok(Some((submission, outcome))) => {
                    report(&submission, &outcome);
                    continue;
                }
                Ok(None) => {}
                Err(error) => tracing::error!(%error, "sync queue failed"),
            }
            let wait = match self.store.next_due_time().await {
                Ok(Some(due)) => (due - Utc::now()).to_std().unwrap_or(Duration::ZERO),
                _ => Duration::from_secs(3600),
            };
            let wait = wait.clamp(Duration::from_millis(50), MAX_BACKOFF);
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(wait) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        assert_eq!(backoff(1), Duration::from_secs(1));
        assert_eq!(backoff(2), Duration::from_secs(2));
        assert_eq!(backoff(3), Duration::from_secs(4));
        assert_eq!(backoff(5), Duration::from_secs(16));
        assert_eq!(backoff(6), MAX_BACKOFF);
        assert_eq!(backoff(40), MAX_BACKOFF);
    }
}
