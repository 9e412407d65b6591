//! The common shape of every rule violation.

use serde::{Deserialize, Serialize};

/// A broken domain rule, implemented by every error and warning enum of this crate.
///
/// `Display` (from `thiserror`) gives the English text for logs. It never contains a
/// password or a full document number.
pub trait Rule: std::fmt::Display {
    /// Stable machine code such as `document_number.checksum`. Clients match on it, so a
    /// code never changes meaning once released.
    fn code(&self) -> &'static str;

    /// Form field the violation belongs to, such as `document_number`.
    fn field(&self) -> &'static str;

    /// Chinese message for the applicant that states what is wrong and how to fix it.
    fn message_zh(&self) -> String;

    /// Builds the serialisable form sent to clients.
    fn violation(&self) -> Violation {
        Violation {
            code: self.code().to_owned(),
            field: self.field().to_owned(),
            message: self.message_zh(),
        }
    }
}

/// A rule violation as sent over the wire: machine code, field and Chinese message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    pub code: String,
    pub field: String,
    pub message: String,
}

impl<R: Rule + ?Sized> From<&R> for Violation {
    fn from(rule: &R) -> Self {
        Violation {
            code: rule.code().to_owned(),
            field: rule.field().to_owned(),
            message: rule.message_zh(),
        }
    }
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
