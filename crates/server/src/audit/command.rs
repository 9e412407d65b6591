//! `jszg-server audit verify`: checks the hash chain of the configured database.

use super::{verify, AuditReport};
use crate::config::Config;
use crate::db::Db;
use anyhow::Result;

pub async fn run_audit_verify(config: &Config) -> Result<AuditReport> {
    let db = Db::connect(&config.database_url(), 2).await?;
    let report = verify(&db).await;
    db.pool.close().await;
    Ok(report?)
}

/// One line for the operator, and whether the chain is intact.
pub fn describe(report: &AuditReport) -> (String, bool) {
    match report {
        AuditReport::Intact { entries } => (format!("audit log intact: {entries} entries"), true),
        AuditReport::Broken(broken) => (
            format!(
                "audit log broken at entry {}: {:?}; this entry or one before it was changed",
                broken.seq, broken.fault
            ),
            false,
        ),
        AuditReport::HeadMismatch { entries, head_seq } => (
            format!(
                "audit log broken: {entries} entries check out but the head records {head_seq}; \
                 entries were removed from the end"
            ),
            false,
        ),
    }
}
