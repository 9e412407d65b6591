//! Stored verification state: attempts, the verified flags and name history.

use crate::applicant::{self, Applicant};
use crate::audit::{self, AuditEvent};
use crate::db::get;
use crate::register::{RegisterDocument, RegisterVerdict};
use crate::review::eligibility::review_open;
use crate::state::AppState;
use jszg_api::verification::{
    VerificationHelp, VerificationOutcome, VerificationRecord, VerifiedBy,
};
use jszg_core::{DocumentType, PersonName};
use serde_json::json;
use sqlx::AnyConnection;

/// The verification row of an account; all fields empty when it has none yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerificationState {
    pub real_name_verified_at: Option<i64>,
    pub review_approved_at: Option<i64>,
    pub failed_attempts: i64,
    pub application_on_file: bool,
}

impl VerificationState {
    pub fn verified_by(&self) -> Option<VerifiedBy> {
        if self.real_name_verified_at.is_some() {
            Some(VerifiedBy::RealName)
        } else if self.review_approved_at.is_some() {
            Some(VerifiedBy::ManualReview)
        } else {
            None
        }
    }

    /// Time of the verification that counts, in epoch milliseconds.
    pub fn verified_at(&self) -> Option<i64> {
        self.real_name_verified_at.or(self.review_approved_at)
    }
}

pub async fn load_state(
    connection: &mut AnyConnection,
    account_id: &str,
) -> Result<VerificationState, sqlx::Error> {
    let row = sqlx::query(
        "SELECT real_name_verified_at, review_approved_at, failed_attempts, application_on_file \
         FROM account_verification WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(connection)
    .await?;
    let Some(row) = row else {
        return Ok(VerificationState::default());
    };
    let on_file: i64 = get(&row, "application_on_file")?;
    Ok(VerificationState {
        real_name_verified_at: get(&row, "real_name_verified_at")?,
        review_approved_at: get(&row, "review_approved_at")?,
        failed_attempts: get(&row, "failed_attempts")?,
        application_on_file: on_file != 0,
    })
}

/// Makes sure the account has a verification row, so later updates find it.
pub async fn ensure_row(
    connection: &mut AnyConnection,
    account_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO account_verification (account_id) VALUES ($1) \
         ON CONFLICT (account_id) DO NOTHING",
    )
    .bind(account_id)
    .execute(connection)
    .await?;
    Ok(())
}

async fn insert_attempt(
    connection: &mut AnyConnection,
    account_id: &str,
    at_ms: i64,
    document: RegisterDocument,
    name: &str,
    outcome: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO verification_attempts (id, account_id, at, document_type, name_checked, outcome) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(account_id)
    .bind(at_ms)
    .bind(document.as_str())
    .bind(name)
    .bind(outcome)
    .execute(connection)
    .await?;
    Ok(())
}

/// Replaces the account name and keeps the old one in the history.
pub async fn change_name(
    connection: &mut AnyConnection,
    account_id: &str,
    old_name: &str,
    new_name: &str,
    at_ms: i64,
    source: &str,
) -> Result<(), sqlx::Error> {
    applicant::rename(&mut *connection, account_id, new_name).await?;
    sqlx::query(
        "INSERT INTO account_name_history (id, account_id, old_name, new_name, changed_at, source) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(account_id)
    .bind(old_name)
    .bind(new_name)
    .bind(at_ms)
    .bind(source)
    .execute(connection)
    .await?;
    Ok(())
}

/// What a passed check changed.
pub struct NameChangeOutcome {
    /// The previous name, when the check carried a new one.
    pub old_name: Option<String>,
    pub application_on_file: bool,
}

/// Records a passed check: marks the account verified and, for a new name, renames it.
pub async fn record_success(
    connection: &mut AnyConnection,
    state: &AppState,
    applicant: &Applicant,
    name: &PersonName,
    document: RegisterDocument,
) -> Result<NameChangeOutcome, sqlx::Error> {
    let now = state.clock.now_ms();
    let account_id = applicant.id.as_str();
    insert_attempt(
        &mut *connection,
        account_id,
        now,
        document,
        name.as_str(),
        "passed",
    )
    .await?;
    ensure_row(&mut *connection, account_id).await?;
    sqlx::query("UPDATE account_verification SET real_name_verified_at = $1 WHERE account_id = $2")
        .bind(now)
        .bind(account_id)
        .execute(&mut *connection)
        .await?;
    let old_name = (applicant.name != name.as_str()).then(|| applicant.name.clone());
    if let Some(old) = &old_name {
        change_name(
            &mut *connection,
            account_id,
            old,
            name.as_str(),
            now,
            "real_name_verification",
        )
        .await?;
    }
    let verification = load_state(&mut *connection, account_id).await?;
    audit::append(
        &mut *connection,
        now,
        AuditEvent {
            actor: format!("account:{account_id}"),
            action: "verification.passed",
            subject: format!("account:{account_id}"),
            detail: json!({
                "document_type": document.as_str(),
                "name_changed": old_name.is_some(),
            }),
        },
    )
    .await?;
    Ok(NameChangeOutcome {
        old_name,
        application_on_file: verification.application_on_file,
    })
}

/// Records a failed check, which changes nothing but the failure count.
pub async fn record_failure(
    connection: &mut AnyConnection,
    state: &AppState,
    applicant: &Applicant,
    name: &PersonName,
    document: RegisterDocument,
    verdict: RegisterVerdict,
) -> Result<VerificationHelp, sqlx::Error> {
    let now = state.clock.now_ms();
    let account_id = applicant.id.as_str();
    insert_attempt(
        &mut *connection,
        account_id,
        now,
        document,
        name.as_str(),
        "failed",
    )
    .await?;
    ensure_row(&mut *connection, account_id).await?;
    sqlx::query(
        "UPDATE account_verification SET failed_attempts = failed_attempts + 1 WHERE account_id = $1",
    )
    .bind(account_id)
    .execute(&mut *connection)
    .await?;
    let verdict_code = match verdict {
        RegisterVerdict::NoRecord => "no_record",
        _ => "mismatch",
    };
    audit::append(
        &mut *connection,
        now,
        AuditEvent {
            actor: format!("account:{account_id}"),
            action: "verification.failed",
            subject: format!("account:{account_id}"),
            detail: json!({ "document_type": document.as_str(), "verdict": verdict_code }),
        },
    )
    .await?;
    let resident_id = applicant.document_type == DocumentType::ResidentIdCard;
    // A check that reached the register means no review was pending.
    let open = review_open(applicant.document_type, 1, false);
    Ok(super::help::failure_help(resident_id, open))
}

/// Past attempts of an account, newest first.
pub async fn history(
    connection: &mut AnyConnection,
    account_id: &str,
) -> Result<Vec<VerificationRecord>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT at, name_checked, outcome FROM verification_attempts \
         WHERE account_id = $1 ORDER BY at DESC LIMIT 100",
    )
    .bind(account_id)
    .fetch_all(connection)
    .await?;
    let mut records = Vec::with_capacity(rows.len());
    for row in &rows {
        let outcome: String = get(row, "outcome")?;
        records.push(VerificationRecord {
            at: crate::clock::from_ms(get(row, "at")?),
            name_checked: get(row, "name_checked")?,
            outcome: if outcome == "passed" {
                VerificationOutcome::Passed
            } else {
                VerificationOutcome::Failed
            },
        });
    }
    Ok(records)
}
