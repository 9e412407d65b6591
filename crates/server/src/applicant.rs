//! The applicant's account as verification and review need it. Every read of the
//! `accounts` table by those features goes through here.

use crate::clock::Clock;
use crate::crypto::{decrypt_text, Keys};
use crate::db::get;
use crate::error::{AppError, AppResult};
use crate::outbox::{enqueue, Channel};
use crate::state::AppState;
use chrono::NaiveDate;
use jszg_core::{DocumentNumber, DocumentType};
use sqlx::AnyConnection;

/// An applicant with decrypted document numbers.
#[derive(Debug, Clone)]
pub struct Applicant {
    pub id: String,
    pub document_type: DocumentType,
    pub document_number: String,
    pub name: String,
    /// Travel-permit number from the profile; residence-permit holders are verified
    /// with it.
    pub travel_permit_number: Option<String>,
    pub gender: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub ethnicity: Option<String>,
    pub email: String,
    pub phone: String,
}

/// Loads the account `account_id`. A missing account is an internal fault, because
/// callers pass only ids of signed-in applicants and of stored reviews.
pub async fn load(
    connection: &mut AnyConnection,
    keys: &Keys,
    account_id: &str,
) -> AppResult<Applicant> {
    let row = sqlx::query(
        "SELECT id, document_type, document_cipher, name, travel_permit_cipher, gender, \
         birth_date, ethnicity, email, phone FROM accounts WHERE id = $1",
    )
    .bind(account_id)
    .fetch_optional(connection)
    .await?
    .ok_or_else(|| AppError::Internal(anyhow::anyhow!("account {account_id} not found")))?;
    let type_code: String = get(&row, "document_type")?;
    let document_type = DocumentType::from_code(&type_code).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!("unknown document type {type_code:?}"))
    })?;
    let document_cipher: Vec<u8> = get(&row, "document_cipher")?;
    let permit_cipher: Option<Vec<u8>> = get(&row, "travel_permit_cipher")?;
    let birth_date: Option<String> = get(&row, "birth_date")?;
    Ok(Applicant {
        id: get(&row, "id")?,
        document_type,
        document_number: decrypt_text(keys, &document_cipher)?,
        name: get(&row, "name")?,
        travel_permit_number: permit_cipher
            .map(|sealed| decrypt_text(keys, &sealed))
            .transpose()?,
        gender: get(&row, "gender")?,
        birth_date: birth_date.and_then(|text| text.parse().ok()),
        ethnicity: get(&row, "ethnicity")?,
        email: get(&row, "email")?,
        phone: get(&row, "phone")?,
    })
}

/// Finds the current (not replaced) account with this document type and number.
/// An invalid type or number finds nothing.
pub async fn find_by_document(
    connection: &mut AnyConnection,
    keys: &Keys,
    document_type: &str,
    document_number: &str,
    today: NaiveDate,
) -> AppResult<Option<String>> {
    let Some(kind) = DocumentType::from_code(document_type) else {
        return Ok(None);
    };
    let Ok(number) = DocumentNumber::parse(kind, document_number, today) else {
        return Ok(None);
    };
    let lookup = crate::accounts::document_lookup(keys, number.as_str());
    let row =
        sqlx::query("SELECT id FROM accounts WHERE document_type = $1 AND document_lookup = $2")
            .bind(kind.code())
            .bind(lookup)
            .fetch_optional(connection)
            .await?;
    Ok(row.map(|row| get(&row, "id")).transpose()?)
}

/// Replaces the account name.
pub async fn rename(
    connection: &mut AnyConnection,
    account_id: &str,
    new_name: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET name = $1 WHERE id = $2")
        .bind(new_name)
        .bind(account_id)
        .execute(connection)
        .await?;
    Ok(())
}

/// Queues a notice to the applicant's email, or by SMS when there is no email.
pub async fn notify(
    connection: &mut AnyConnection,
    state: &AppState,
    applicant: &Applicant,
    subject: &str,
    body: &str,
) -> AppResult<()> {
    let clock: &dyn Clock = state.clock.as_ref();
    if !applicant.email.is_empty() {
        enqueue(
            connection,
            clock,
            Channel::Email,
            &applicant.email,
            subject,
            body,
        )
        .await?;
    } else if !applicant.phone.is_empty() {
        enqueue(
            connection,
            clock,
            Channel::Sms,
            &applicant.phone,
            subject,
            body,
        )
        .await?;
    } else {
        tracing::warn!(account_id = %applicant.id, "applicant has no contact for a notice");
    }
    Ok(())
}
