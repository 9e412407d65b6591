//! `jszg-server import-legacy FILE`: loads legacy accounts from CSV into `accounts`
//! with `legacy = 1`, and reports every row it rejected.

use std::io::Read;

use anyhow::{Context, Result};
use jszg_core::beijing::beijing_date;

use super::rows::{parse_row, ColumnMap, LegacyRow, RowRejection};
use crate::clock::Clock;
use crate::crypto::{encrypt, random_token, Keys, PasswordHasher};
use crate::db::Db;
use crate::recovery::account_store;

/// Counts and rejected rows of one import.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Rows stored for the first time.
    pub imported: u64,
    /// Rows that replaced a legacy account imported earlier with the same number.
    pub updated: u64,
    pub rejected: Vec<RowRejection>,
}

impl ImportReport {
    /// Formats the report as the command prints it: counts, then one line per rejected row.
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "imported {}, updated {}, rejected {}\n",
            self.imported,
            self.updated,
            self.rejected.len()
        );
        for rejection in &self.rejected {
            text.push_str(&format!(
                "line {}\t{}\t{}\t{}\n",
                rejection.line, rejection.masked_document_number, rejection.code, rejection.message
            ));
        }
        text
    }
}

/// Reads the CSV from `input` and stores every valid row as an account with
/// `legacy = 1`. A row whose document number belongs to a current (not legacy) account
/// is rejected, because that account already replaced the legacy one.
pub async fn import_legacy_csv(
    db: &Db,
    keys: &Keys,
    clock: &dyn Clock,
    input: impl Read,
) -> Result<ImportReport> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(input);
    let header = reader
        .headers()
        .context("failed to read the csv header")?
        .clone();
    let columns = ColumnMap::from_header(&header).map_err(anyhow::Error::msg)?;
    let today = beijing_date(clock.now());
    // Legacy accounts cannot sign in, so they all get the hash of one random password
    // that nobody knows.
    let unusable_hash = PasswordHasher::new().hash(&random_token()).await?;
    let mut report = ImportReport::default();
    for (index, record) in reader.records().enumerate() {
        let line = index as u64 + 2;
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                report.rejected.push(RowRejection {
                    line,
                    masked_document_number: String::new(),
                    code: "legacy.csv".into(),
                    message: format!("unreadable csv row: {error}"),
                });
                continue;
            }
        };
        match parse_row(&columns, &record, line, today) {
            Ok(row) => store_row(db, keys, &unusable_hash, &row, &mut report).await?,
            Err(rejection) => report.rejected.push(rejection),
        }
    }
    tracing::info!(
        imported = report.imported,
        updated = report.updated,
        rejected = report.rejected.len(),
        "legacy import finished"
    );
    Ok(report)
}

async fn store_row(
    db: &Db,
    keys: &Keys,
    unusable_hash: &str,
    row: &LegacyRow,
    report: &mut ImportReport,
) -> Result<()> {
    let lookup = account_store::document_hash(keys, &row.document);
    let mut tx = db.begin_write().await?;
    let existing: Option<(String, i64)> =
        sqlx::query_as("SELECT id, legacy FROM accounts WHERE document_lookup = $1")
            .bind(&lookup)
            .fetch_optional(&mut *tx)
            .await?;
    let email = row.email.as_ref().map_or("", |email| email.as_str());
    let phone = row.phone.as_ref().map_or("", |phone| phone.as_str());
    let registered_at = row.registered_at.timestamp_millis();

    match existing {
        Some((_, 0)) => {
            report.rejected.push(RowRejection {
                line: row.line,
                masked_document_number: row.document.masked(),
                code: "legacy.account_exists".into(),
                message:
                    "a current account already has this document number; the row was not imported"
                        .into(),
            });
            return Ok(());
        }
        Some((id, _)) => {
            sqlx::query(
                "UPDATE accounts SET document_type = $1, name = $2, email = $3, phone = $4, \
                 created_at = $5, password_changed_at = $6 WHERE id = $7",
            )
            .bind(row.document.kind().code())
            .bind(row.name.as_str())
            .bind(email)
            .bind(phone)
            .bind(registered_at)
            .bind(registered_at)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
            report.updated += 1;
        }
        None => {
            // NOTE: the old system's records carry no validity period, so legacy rows
            // store an empty period and start date.
            sqlx::query(
                "INSERT INTO accounts (id, document_type, document_lookup, document_cipher, \
                 document_masked, name, validity_period, validity_start, password_hash, email, \
                 phone, legacy, created_at, password_changed_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, '', '', $7, $8, $9, 1, $10, $11)",
            )
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(row.document.kind().code())
            .bind(&lookup)
            .bind(encrypt(keys, row.document.as_str().as_bytes()))
            .bind(row.document.masked())
            .bind(row.name.as_str())
            .bind(unusable_hash)
            .bind(email)
            .bind(phone)
            .bind(registered_at)
            .bind(registered_at)
            .execute(&mut *tx)
            .await?;
            report.imported += 1;
        }
    }
    tx.commit().await?;
    Ok(())
}
