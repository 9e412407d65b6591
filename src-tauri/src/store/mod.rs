//! Local store: drafts of every form, the submission queue, photos and settings, in one
//! SQLite file in the app data folder. The session token is never stored here.

mod drafts;
mod photos;
mod queue;
mod settings;

pub use photos::StoredPhoto;
pub use queue::{QueuedSubmission, SubmissionFile, SubmissionState};

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use std::path::Path;
use std::time::Duration;

/// Errors of the local store; the page only learns that saving or loading failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("local database failed: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored JSON is invalid: {0}")]
    Json(#[from] serde_json::Error),
    #[error("queued submission {0} not found")]
    NotFound(i64),
}

pub type Result<T> = std::result::Result<T, StoreError>;

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS drafts (
    form TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS photos (
    form TEXT NOT NULL,
    slot TEXT NOT NULL,
    file_name TEXT NOT NULL,
    bytes BLOB NOT NULL,
    original_size INTEGER NOT NULL,
    fitted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (form, slot)
);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    form TEXT,
    payload TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    response TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS submission_files (
    submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    part TEXT NOT NULL,
    file_name TEXT NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (submission_id, part)
);
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"#;

/// The local SQLite store, cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating when missing) `local.sqlite` in `folder` and applies the schema.
    /// WAL and full synchronous writes keep every saved keystroke across a crash.
    pub async fn open(folder: &Path) -> Result<Store> {
        std::fs::create_dir_all(folder).map_err(|e| StoreError::Database(e.into()))?;
        let options = SqliteConnectOptions::new()
            .filename(folder.join("local.sqlite"))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(sqlx::sqlite::SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        sqlx::raw_sql(SCHEMA).execute(&pool).await?;
        Ok(Store { pool })
    }
}

/// Formats `time` with a fixed width (microseconds, `Z`), so stored stamps compare
/// correctly as text.
fn stamp(time: chrono::DateTime<chrono::Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}
