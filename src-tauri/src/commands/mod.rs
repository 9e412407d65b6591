//! Tauri commands called by the page. Each parses its input, calls a library, and
//! maps errors to `{code, message, field}`.

pub mod account;
pub mod drafts;
pub mod photo;
pub mod queue;
pub mod recovery;
pub mod settings;
pub mod validate;
pub mod verification;

/// Result of a command; the error reaches the page as `{code, message, field}`.
pub type CommandResult<T> = Result<T, jszg_api::ErrorBody>;
