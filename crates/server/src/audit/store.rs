//! Appending to and checking the audit log in the database.

use super::chain::{verify_entries, AuditContent, BrokenEntry, StoredEntry, GENESIS_HASH};
use crate::db::{get, Db};
use sqlx::AnyConnection;

/// One event to record.
#[derive(Debug, Clone)]
pub struct AuditEvent<'a> {
    pub actor: String,
    pub action: &'a str,
    pub subject: String,
    pub detail: serde_json::Value,
}

/// Appends `event` inside the caller's write transaction, so the entry exists if and
/// only if the action it records is committed.
///
/// The first statement updates the single `audit_head` row: PostgreSQL locks that row
/// until the transaction ends and SQLite holds its write lock, so two appends (even from
/// two instances) never read the same previous hash.
pub async fn append(
    connection: &mut AnyConnection,
    at_ms: i64,
    event: AuditEvent<'_>,
) -> Result<i64, sqlx::Error> {
    let head = sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
        .fetch_one(&mut *connection)
        .await?;
    let seq: i64 = get(&head, "seq")?;
    let previous_hash: String = get(&head, "hash")?;
    let content = AuditContent {
        seq,
        at_ms,
        actor: event.actor,
        action: event.action.to_string(),
        subject: event.subject,
        detail: event.detail.to_string(),
    };
    let hash = content.hash(&previous_hash);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor, action, subject, detail, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(seq)
    .bind(content.at_ms)
    .bind(&content.actor)
    .bind(&content.action)
    .bind(&content.subject)
    .bind(&content.detail)
    .bind(&hash)
    .execute(&mut *connection)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut *connection)
        .await?;
    Ok(seq)
}

/// Result of checking the whole log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditReport {
    /// Every entry checks out and the head points at the last one.
    Intact { entries: i64 },
    /// The first entry that fails.
    Broken(BrokenEntry),
    /// The entries check out but the head records another last entry (entries were
    /// removed from the end, or the head was changed).
    HeadMismatch { entries: i64, head_seq: i64 },
}

/// Entries read per query while checking.
const PAGE: i64 = 1000;

/// Reads the log in sequence order and checks every hash.
pub async fn verify(db: &Db) -> Result<AuditReport, sqlx::Error> {
    let mut previous_hash = GENESIS_HASH.to_string();
    let mut previous_seq = 0;
    loop {
        let rows = sqlx::query(
            "SELECT seq, at, actor, action, subject, detail, hash FROM audit_log \
             WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(previous_seq)
        .bind(PAGE)
        .fetch_all(&db.pool)
        .await?;
        if rows.is_empty() {
            break;
        }
        let mut entries = Vec::with_capacity(rows.len());
        for row in &rows {
            entries.push(StoredEntry {
                content: AuditContent {
                    seq: get(row, "seq")?,
                    at_ms: get(row, "at")?,
                    actor: get(row, "actor")?,
                    action: get(row, "action")?,
                    subject: get(row, "subject")?,
                    detail: get(row, "detail")?,
                },
                hash: get(row, "hash")?,
            });
        }
        match verify_entries(&entries, previous_hash, previous_seq) {
            Ok((hash, seq)) => {
                previous_hash = hash;
                previous_seq = seq;
            }
            Err(broken) => return Ok(AuditReport::Broken(broken)),
        }
    }
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    let head_seq: i64 = get(&head, "seq")?;
    let head_hash: String = get(&head, "hash")?;
    if head_seq != previous_seq || head_hash != previous_hash {
        return Ok(AuditReport::HeadMismatch {
            entries: previous_seq,
            head_seq,
        });
    }
    Ok(AuditReport::Intact {
        entries: previous_seq,
    })
}
