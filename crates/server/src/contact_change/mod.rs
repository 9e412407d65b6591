//! Contact change requests (修改联系方式申请): submission by the applicant and the
//! decision by staff.

pub mod command;
pub mod decide;
pub mod details;
pub mod submit;

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

/// The stored form of a contact kind.
pub fn kind_code(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Email => "email",
        ContactKind::Phone => "phone",
    }
}

fn kind_from_code(code: &str) -> Result<ContactKind, AppError> {
    match code {
        "email" => Ok(ContactKind::Email),
        "phone" => Ok(ContactKind::Phone),
        other => Err(AppError::Internal(anyhow::anyhow!(
            "contact change request has unknown kind {other:?}"
        ))),
    }
}
