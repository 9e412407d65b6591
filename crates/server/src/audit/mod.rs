//! The append-only audit log of staff actions and verification attempts.

pub mod chain;
pub mod command;
mod store;

pub use store::{append, verify, AuditEvent, AuditReport};
