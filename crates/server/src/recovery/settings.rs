//! Signed-in changes of the password, email and phone.
//!
//! Each needs the current password; a new email or phone also needs the code sent to
//! it. After each change a notice goes to the old contact (for the password: to the
//! bound email and phone), and a password change ends every other session.

use jszg_api::account_settings::{
    ChangeContactRequest, ChangePasswordRequest, ContactChanged, ContactCodeRequest, ContactKind,
};
use jszg_core::{Email, Phone};

use super::account_store::{self, RecoveryAccount};
use super::new_password::{
    prepare_new_password, store_new_password, wrong_current_password, PasswordEvent,
};
use super::{notices, reset_links, reset_start::violation};
use crate::codes::{self, Purpose};
use crate::error::{AppError, AppResult};
use crate::outbox::{self, Channel};
use crate::state::AppState;

async fn load_account(state: &AppState, account_id: &str) -> AppResult<RecoveryAccount> {
    let mut connection = state.db.pool.acquire().await?;
    account_store::find_by_id(&mut connection, &state.keys, account_id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("signed-in account is missing")))
}

async fn check_current_password(
    state: &AppState,
    account: &RecoveryAccount,
    current_password: &str,
) -> AppResult<()> {
    let matches = state
        .hasher
        .verify(current_password, Some(&account.password_hash))
        .await?;
    if matches {
        Ok(())
    } else {
        tracing::info!(account_id = %account.id, "signed-in change with a wrong current password");
        Err(wrong_current_password())
    }
}

/// Changes the password and ends every session but the one with `token_hash`.
pub async fn change_password(
    state: &AppState,
    account_id: &str,
    token_hash: &str,
    request: &ChangePasswordRequest,
) -> AppResult<()> {
    let account = load_account(state, account_id).await?;
    check_current_password(state, &account, &request.current_password).await?;
    let hash = prepare_new_password(
        state,
        &account,
        &request.new_password,
        &request.new_password_confirmation,
    )
    .await?;
    let mut tx = state.db.begin_write().await?;
    store_new_password(
        &mut tx,
        state,
        &account,
        &hash,
        PasswordEvent::Changed,
        Some(token_hash),
    )
    .await?;
    tx.commit().await?;
    state.outbox_wakeup.notify_one();
    Ok(())
}

/// A new contact, validated and normalised.
pub struct NewContact {
    pub kind: ContactKind,
    pub value: String,
}

/// Validates a new email or phone number with the registration rules.
pub fn parse_contact(kind: ContactKind, value: &str) -> AppResult<NewContact> {
    let value = match kind {
        ContactKind::Email => Email::parse(value)
            .map_err(|error| violation(&error))?
            .as_str()
            .to_owned(),
        ContactKind::Phone => Phone::parse(value)
            .map_err(|error| violation(&error))?
            .as_str()
            .to_owned(),
    };
    Ok(NewContact { kind, value })
}

/// The code channel that reaches a contact of this kind.
pub fn channel_of(kind: ContactKind) -> Channel {
    match kind {
        ContactKind::Email => Channel::Email,
        ContactKind::Phone => Channel::Sms,
    }
}

/// The Chinese word for the contact, used in notices.
pub fn contact_word(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Email => "邮箱",
        ContactKind::Phone => "手机号码",
    }
}

/// Sends a contact-change code to the new email or phone.
pub async fn send_contact_code(state: &AppState, request: &ContactCodeRequest) -> AppResult<()> {
    let contact = parse_contact(request.kind, &request.value)?;
    codes::issue(
        state,
        channel_of(contact.kind),
        &contact.value,
        Purpose::ChangeContact,
    )
    .await?;
    Ok(())
}

/// Replaces the email or phone after checking the current password and the code sent
/// to the new contact; notifies the old contact.
pub async fn change_contact(
    state: &AppState,
    account_id: &str,
    kind: ContactKind,
    request: &ChangeContactRequest,
) -> AppResult<ContactChanged> {
    let account = load_account(state, account_id).await?;
    let contact = parse_contact(kind, &request.value)?;
    check_current_password(state, &account, &request.current_password).await?;
    let now = state.clock.now();
    codes::verify(
        state,
        channel_of(kind),
        &contact.value,
        Purpose::ChangeContact,
        &request.code,
    )
    .await?;
    let mut tx = state.db.begin_write().await?;
    let (old_value, masked_new) = match kind {
        ContactKind::Email => {
            account_store::set_email(&mut tx, &account.id, &contact.value).await?;
            reset_links::revoke_links(&mut tx, state.clock.as_ref(), &account.id).await?;
            (
                account.email.clone(),
                jszg_core::mask::mask_email(&contact.value),
            )
        }
        ContactKind::Phone => {
            account_store::set_phone(&mut tx, &account.id, &contact.value).await?;
            (
                account.phone.clone(),
                jszg_core::mask::mask_phone(&contact.value),
            )
        }
    };
    if !old_value.is_empty() && old_value != contact.value {
        let notice = notices::contact_changed(
            &account.masked_document_number(),
            contact_word(kind),
            &masked_new,
            now,
        );
        outbox::enqueue(
            &mut tx,
            state.clock.as_ref(),
            channel_of(kind),
            &old_value,
            &notice.subject,
            &notice.body,
        )
        .await?;
    }
    tx.commit().await?;
    state.outbox_wakeup.notify_one();
    tracing::info!(account_id = %account.id, ?kind, "contact changed by its owner");
    Ok(ContactChanged {
        kind,
        masked_value: masked_new,
    })
}
