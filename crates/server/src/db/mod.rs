//! The database: SQLite (default) or PostgreSQL behind one `AnyPool`.
//!
//! Queries use `$1, $2, ...` placeholders, which both backends accept. Times are
//! stored as epoch milliseconds (`BIGINT`), booleans as `0`/`1`, so every column
//! decodes the same way on either backend.

use anyhow::{Context, Result};
use futures::future::BoxFuture;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::pool::PoolConnectionMetadata;
use sqlx::{Any, AnyConnection, AnyPool, Executor, Transaction};
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// Which database engine a pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool and the backend behind it.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

/// A transaction on either backend.
pub type Tx = Transaction<'static, Any>;

/// Milliseconds a SQLite connection waits for a lock before failing.
const SQLITE_BUSY_TIMEOUT_MS: u64 = 10_000;

impl Db {
    /// Connects to `url` and applies the migrations of its backend.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            anyhow::bail!("database URL must start with sqlite: or postgres://");
        };
        let mut options = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(30));
        let url = match backend {
            Backend::Sqlite => {
                options = options.after_connect(configure_sqlite);
                with_create_mode(url)
            }
            Backend::Postgres => url.to_string(),
        };
        let pool = options
            .connect(&url)
            .await
            .with_context(|| format!("failed to connect to the {backend:?} database"))?;
        let db = Db { pool, backend };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.pool)
            .await
            .context("database migration failed")
    }

    /// Begins a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so two transactions that read then write queue up instead of
    /// failing on lock upgrade. On PostgreSQL, rules that count must still lock a row
    /// (`SELECT ... FOR UPDATE` or an upsert) to hold across instances.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// `FOR UPDATE` on PostgreSQL and nothing on SQLite, whose write transactions already
    /// exclude each other; append it to a `SELECT` that reads a row about to change.
    pub fn for_update(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE",
        }
    }
}

fn configure_sqlite(
    connection: &mut AnyConnection,
    _meta: PoolConnectionMetadata,
) -> BoxFuture<'_, Result<(), sqlx::Error>> {
    Box::pin(async move {
        connection
            .execute(
                format!(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS};"
                )
                .as_str(),
            )
            .await?;
        Ok(())
    })
}

fn with_create_mode(url: &str) -> String {
    if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// True when `error` is a unique-constraint violation (on either backend).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => db.is_unique_violation(),
        _ => false,
    }
}

/// Reads column `name` of `row`, naming the column when it fails.
pub fn get<'r, T>(row: &'r AnyRow, name: &str) -> Result<T, sqlx::Error>
where
    T: sqlx::Decode<'r, Any> + sqlx::Type<Any>,
{
    sqlx::Row::try_get(row, name)
}
