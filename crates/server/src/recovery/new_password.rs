//! Setting a new password, shared by the signed-in change and every reset method.

use sqlx::AnyConnection;

use super::account_store::{self, RecoveryAccount};
use super::reset_links;
use super::{notices, reset_start, reset_start::violation};
use crate::error::{AppError, AppResult};
use crate::outbox::{self, Channel};
use crate::sessions::{self, softlock};
use crate::state::AppState;

/// Why the password changed; decides the notice text and which sessions survive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordEvent {
    /// Signed-in change: the session that made it stays signed in.
    Changed,
    /// Forgot-password reset: every session ends.
    Reset,
}

/// Checks the new password against the composition rule and hashes it. Runs before
/// the transaction, because hashing takes a while.
pub async fn prepare_new_password(
    state: &AppState,
    account: &RecoveryAccount,
    password: &str,
    confirmation: &str,
) -> AppResult<String> {
    jszg_core::password::check_password(
        password,
        Some(confirmation),
        Some(&account.document_number),
    )
    .map_err(|error| violation(&error))?;
    let hash = state.hasher.hash(password).await?;
    Ok(hash)
}

/// Stores the hash, clears the sign-in lock, ends sessions (all but `keep_token_hash`),
/// revokes unused reset links and queues a notice to the bound email and phone.
pub async fn store_new_password(
    connection: &mut AnyConnection,
    state: &AppState,
    account: &RecoveryAccount,
    password_hash: &str,
    event: PasswordEvent,
    keep_token_hash: Option<&str>,
) -> AppResult<()> {
    let now = state.clock.now();
    account_store::set_password_hash(
        connection,
        &account.id,
        password_hash,
        now.timestamp_millis(),
    )
    .await?;
    if let Some(lookup) = &account.document_lookup {
        softlock::unlock(connection, lookup).await?;
    }
    let keep = match event {
        PasswordEvent::Changed => keep_token_hash,
        PasswordEvent::Reset => None,
    };
    let ended = sessions::end_others(connection, now.timestamp_millis(), &account.id, keep).await?;
    reset_links::revoke_links(connection, state.clock.as_ref(), &account.id).await?;
    reset_start::close_tickets_of(connection, &account.id).await?;
    let masked = account.masked_document_number();
    let notice = match event {
        PasswordEvent::Changed => notices::password_changed(&masked, now),
        PasswordEvent::Reset => notices::password_reset(&masked, now),
    };
    for (channel, destination) in [
        (Channel::Email, &account.email),
        (Channel::Sms, &account.phone),
    ] {
        if destination.is_empty() {
            continue;
        }
        outbox::enqueue(
            connection,
            state.clock.as_ref(),
            channel,
            destination,
            &notice.subject,
            &notice.body,
        )
        .await?;
    }
    tracing::info!(account_id = %account.id, sessions_ended = ended, ?event, "password stored");
    Ok(())
}

/// Returns the error for a wrong current password in a signed-in change.
pub fn wrong_current_password() -> AppError {
    AppError::bad_request(
        "account.current_password_wrong",
        "当前密码不正确，请重新输入。",
    )
    .with_field("current_password")
}
