//! The `import-legacy` admin command.

use std::path::Path;

use anyhow::{Context, Result};

use super::import::{import_legacy_csv, ImportReport};
use crate::clock::SystemClock;
use crate::config::Config;
use crate::crypto::Keys;
use crate::db::Db;

/// Imports the CSV at `path` into the configured database and returns the report.
pub async fn run_import_legacy(config: &Config, path: &Path) -> Result<ImportReport> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("failed to open legacy csv {}", path.display()))?;
    let keys = Keys::load(config)?;
    let db = Db::connect(&config.database_url(), 2).await?;
    let report = import_legacy_csv(&db, &keys, &SystemClock, std::io::BufReader::new(file)).await;
    db.pool.close().await;
    report
}
