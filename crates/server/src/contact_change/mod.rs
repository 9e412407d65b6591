//! Contact change requests (修改联系方式申请): submission by the applicant and the
//! decision by staff.

pub mod command;
pub mod decide;
pub mod details;
pub mod status;
pub mod submit;

use chrono::{DateTime, Utc};
use jszg_core::calendar::WorkingCalendar;

use jszg_api::contact_change::ContactKind;

use crate::clock::Clock;
use crate::crypto::Keys;
use crate::db::Db;
use crate::error::AppError;
use crate::state::AppState;

/// What deciding a request needs; built from the server state or, in the admin
/// command, from the configuration alone.
pub struct DecisionContext<'a> {
    pub db: &'a Db,
    pub keys: &'a Keys,
    pub clock: &'a dyn Clock,
    /// Base URL of the reset link sent on approval of a new email.
    pub reset_link_base: &'a str,
}

impl<'a> DecisionContext<'a> {
    pub fn from_state(state: &'a AppState) -> DecisionContext<'a> {
        DecisionContext {
            db: &state.db,
            keys: &state.keys,
            clock: state.clock.as_ref(),
            reset_link_base: &state.config.recovery.reset_link_base,
        }
    }
}

/// Working days staff have to decide a request.
pub const DECISION_WORKING_DAYS: u32 = 1;

/// Computes the deadline of a request submitted at `submitted_at`: 24:00 Beijing time
/// on the first working day after the day of submission.
pub fn due_at_ms(submitted_at: DateTime<Utc>) -> i64 {
    WorkingCalendar::official()
        .deadline(submitted_at, DECISION_WORKING_DAYS)
        .due
        .timestamp_millis()
}

/// Gives pending requests stored before deadlines were recorded their deadline.
pub async fn fill_missing_deadlines(db: &Db) -> Result<(), sqlx::Error> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT id, submitted_at FROM contact_change_requests WHERE due_at IS NULL")
            .fetch_all(&db.pool)
            .await?;
    for (id, submitted_at) in rows {
        sqlx::query(
            "UPDATE contact_change_requests SET due_at = $1 WHERE id = $2 AND due_at IS NULL",
        )
        .bind(due_at_ms(crate::clock::from_ms(submitted_at)))
        .bind(&id)
        .execute(&db.pool)
        .await?;
    }
    Ok(())
}

/// The stored form of a contact kind.
pub fn kind_code(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Email => "email",
        ContactKind::Phone => "phone",
    }
}

pub fn kind_from_code(code: &str) -> Result<ContactKind, AppError> {
    match code {
        "email" => Ok(ContactKind::Email),
        "phone" => Ok(ContactKind::Phone),
        other => Err(AppError::Internal(anyhow::anyhow!(
            "contact change request has unknown kind {other:?}"
        ))),
    }
}
