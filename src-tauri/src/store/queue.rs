//! The submission queue: every form sent to the server goes through here, so a
//! submission made offline, or interrupted by a crash, is sent later with the same
//! idempotency key and reaches the server exactly once.
//!
//! ```text
//! queued --send ok--> sent
//!   |  ^
//!   |  +--unreachable / 5xx: attempts += 1, next_attempt_at = now + back-off
//!   +--4xx--> rejected (the server's coded error is kept for the page)
//! ```

use super::{stamp, Result, Store, StoreError};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

/// State of a queued submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionState {
    Queued,
    Sent,
    Rejected,
}

impl SubmissionState {
    fn as_str(self) -> &'static str {
        match self {
            SubmissionState::Queued => "queued",
            SubmissionState::Sent => "sent",
            SubmissionState::Rejected => "rejected",
        }
    }

    fn parse(text: &str) -> SubmissionState {
        match text {
            "sent" => SubmissionState::Sent,
            "rejected" => SubmissionState::Rejected,
            _ => SubmissionState::Queued,
        }
    }
}

/// One queued form submission with its outcome so far.
#[derive(Debug, Clone, Serialize)]
pub struct QueuedSubmission {
    pub id: i64,
    pub kind: String,
    /// The draft this submission came from, discarded once the server accepts it.
    pub form: Option<String>,
    pub payload: Value,
    pub idempotency_key: String,
    pub state: SubmissionState,
    pub attempts: i64,
    pub next_attempt_at: DateTime<Utc>,
    /// The last failure: a network message, or the server's error body as JSON text.
    pub last_error: Option<String>,
    pub response: Option<Value>,
    pub created_at: DateTime<Utc>,
}

/// A file sent with a submission as one multipart part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionFile {
    pub part: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

type Row = (
    i64,
    String,
    Option<String>,
    String,
    String,
    String,
    i64,
    String,
    Option<String>,
    Option<String>,
    String,
);

const COLUMNS: &str =
    "id, kind, form, payload, idempotency_key, state, attempts, next_attempt_at, \
                       last_error, response, created_at";

fn parse_time(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn from_row(row: Row) -> Result<QueuedSubmission> {
    let (id, kind, form, payload, key, state, attempts, next, last_error, response, created) = row;
    Ok(QueuedSubmission {
        id,
        kind,
        form,
        payload: serde_json::from_str(&payload)?,
        idempotency_key: key,
        state: SubmissionState::parse(&state),
        attempts,
        next_attempt_at: parse_time(&next),
        last_error,
        response: response.map(|r| serde_json::from_str(&r)).transpose()?,
        created_at: parse_time(&created),
    })
}

/// Blanks every password field of a payload. A queued payload must hold the password
/// until it is sent; afterwards the local copy has no use.
fn redact_secrets(mut payload: Value) -> Value {
    if let Value::Object(fields) = &mut payload {
        for (name, value) in fields.iter_mut() {
            if name.contains("password") {
                *value = Value::String(String::new());
            }
        }
    }
    payload
}

impl Store {
    /// Adds a submission with a fresh idempotency key, due at once.
    pub async fn enqueue(
        &self,
        kind: &str,
        form: Option<&str>,
        payload: &Value,
        files: &[SubmissionFile],
        now: DateTime<Utc>,
    ) -> Result<QueuedSubmission> {
        let key = uuid::Uuid::new_v4().to_string();
        let stamp = stamp(now);
        let mut tx = self.pool.begin().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO submissions (kind, form, payload, idempotency_key, state,
                 next_attempt_at, created_at, updated_at)
             VALUES (?, ?, ?, ?, 'queued', ?, ?, ?) RETURNING id",
        )
        .bind(kind)
        .bind(form)
        .bind(serde_json::to_string(payload)?)
        .bind(&key)
        .bind(&stamp)
        .bind(&stamp)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        for file in files {
            sqlx::query(
                "INSERT INTO submission_files (submission_id, part, file_name, bytes)
                 VALUES (?, ?, ?, ?)",
            )
            .bind(id)
            .bind(&file.part)
            .bind(&file.file_name)
            .bind(&file.bytes)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.submission(id).await
    }

    /// Returns submission `id`.
    pub async fn submission(&self, id: i64) -> Result<QueuedSubmission> {
        let row: Option<Row> =
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM submissions WHERE id = ?"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        from_row(row.ok_or(StoreError::NotFound(id))?)
    }

    /// Returns the oldest queued submission whose next attempt is due at `now`.
    pub async fn next_due(&self, now: DateTime<Utc>) -> Result<Option<QueuedSubmission>> {
        let row: Option<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM submissions
             WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT 1"
        ))
        .bind(stamp(now))
        .fetch_optional(&self.pool)
        .await?;
        row.map(from_row).transpose()
    }

    /// Returns when the earliest queued submission falls due, if any is queued.
    pub async fn next_due_time(&self) -> Result<Option<DateTime<Utc>>> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT next_attempt_at FROM submissions WHERE state = 'queued'
             ORDER BY next_attempt_at LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(text,)| parse_time(&text)))
    }

    /// Returns the files queued with submission `id`.
    pub async fn submission_files(&self, id: i64) -> Result<Vec<SubmissionFile>> {
        let rows: Vec<(String, String, Vec<u8>)> = sqlx::query_as(
            "SELECT part, file_name, bytes FROM submission_files WHERE submission_id = ?
             ORDER BY part",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(part, file_name, bytes)| SubmissionFile {
                part,
                file_name,
                bytes,
            })
            .collect())
    }

    /// Records that the server accepted submission `id` and what it returned.
    pub async fn mark_sent(&self, id: i64, response: &Value, now: DateTime<Utc>) -> Result<()> {
        self.finish(id, SubmissionState::Sent, None, Some(response), now)
            .await
    }

    /// Records that the server rejected submission `id` with `error` (its error body).
    pub async fn mark_rejected(&self, id: i64, error: &Value, now: DateTime<Utc>) -> Result<()> {
        let text = serde_json::to_string(error)?;
        self.finish(id, SubmissionState::Rejected, Some(&text), None, now)
            .await
    }

    async fn finish(
        &self,
        id: i64,
        state: SubmissionState,
        error: Option<&str>,
        response: Option<&Value>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let response = response.map(serde_json::to_string).transpose()?;
        let payload = redact_secrets(self.submission(id).await?.payload);
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE submissions SET state = ?, attempts = attempts + 1, last_error = ?,
                 response = ?, payload = ?, updated_at = ? WHERE id = ?",
        )
        .bind(state.as_str())
        .bind(error)
        .bind(response)
        .bind(serde_json::to_string(&payload)?)
        .bind(stamp(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM submission_files WHERE submission_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a failed attempt that may succeed later, due again at `next_attempt_at`.
    pub async fn mark_retry(
        &self,
        id: i64,
        error: &str,
        next_attempt_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE submissions SET attempts = attempts + 1, last_error = ?,
                 next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'queued'",
        )
        .bind(error)
        .bind(stamp(next_attempt_at))
        .bind(stamp(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Makes every queued submission due at `now`, used when the server becomes
    /// reachable again so no submission waits out a long back-off.
    pub async fn make_queued_due(&self, now: DateTime<Utc>) -> Result<u64> {
        let done = sqlx::query(
            "UPDATE submissions SET next_attempt_at = ? WHERE state = 'queued' AND next_attempt_at > ?",
        )
        .bind(stamp(now))
        .bind(stamp(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Returns the most recent submissions, newest first.
    pub async fn recent_submissions(&self, limit: i64) -> Result<Vec<QueuedSubmission>> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM submissions ORDER BY id DESC LIMIT ?"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(from_row).collect()
    }

    /// Counts the submissions still waiting to be sent.
    pub async fn queued_count(&self) -> Result<i64> {
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM submissions WHERE state = 'queued'")
                .fetch_one(&self.pool)
                .await?;
        Ok(count)
    }
}
