//! The public-security identity register: one trait, an HTTPS JSON adapter for the real
//! register and a simulator seeded from a CSV of people for local use and tests.

mod https;
mod settings;
mod simulator;

use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;

pub use https::{HttpsRegister, HttpsRegisterConfig};
pub use settings::RegisterSettings;
pub use simulator::{RegisterSimulator, SimulatedPerson};

/// Kind of document the register is asked about. Residence-permit holders are checked
/// with their travel permit, so only these three kinds reach the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegisterDocument {
    ResidentIdCard,
    HkMacaoTravelPermit,
    TaiwanTravelPermit,
}

impl RegisterDocument {
    pub fn as_str(self) -> &'static str {
        match self {
            RegisterDocument::ResidentIdCard => "resident_id_card",
            RegisterDocument::HkMacaoTravelPermit => "hk_macao_travel_permit",
            RegisterDocument::TaiwanTravelPermit => "taiwan_travel_permit",
        }
    }

    pub fn parse(text: &str) -> Option<RegisterDocument> {
        match text {
            "resident_id_card" => Some(RegisterDocument::ResidentIdCard),
            "hk_macao_travel_permit" => Some(RegisterDocument::HkMacaoTravelPermit),
            "taiwan_travel_permit" => Some(RegisterDocument::TaiwanTravelPermit),
            _ => None,
        }
    }
}

/// One question to the register: do this document number and this name belong together?
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterQuery {
    pub document: RegisterDocument,
    pub number: String,
    pub name: String,
}

/// What the register answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegisterVerdict {
    /// Number and name match the register's record.
    Match,
    /// The number exists but the name differs, or the record is out of date.
    Mismatch,
    /// The register has no record of this number.
    NoRecord,
}

/// Failures that mean "the register could not answer"; none of them is a verdict.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("identity register is unavailable: {0}")]
    Unavailable(String),
    #[error("identity register timed out")]
    TimedOut,
    #[error("identity register rejected the request: {0}")]
    Rejected(String),
}

pub type RegisterFuture<'a> =
    Pin<Box<dyn Future<Output = Result<RegisterVerdict, RegisterError>> + Send + 'a>>;

/// The identity register as the verification service sees it.
pub trait IdentityRegister: Send + Sync {
    /// Asks the register whether the number and name match.
    fn verify<'a>(&'a self, query: &'a RegisterQuery) -> RegisterFuture<'a>;
}
