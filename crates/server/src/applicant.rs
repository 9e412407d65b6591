//! The applicant's account as verification and review need it. Every read of the
//! account and profile tables by those features goes through here.

use crate::clock::Clock;
use crate::crypto::{decrypt_text, lookup_hash, Keys};
use crate::db::get;
use crate::error::{AppError, AppResult};
use crate::outbox::{enqueue, Channel};
use crate::state::AppState;
use chrono::NaiveDate;
use jszg_core::DocumentType;
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
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// The signed-in applicant of a request.
pub use crate::sessions::SignedInApplicant;

/// Loads the account `account_id`; a missing account is an internal fault because
/// callers only pass ids of signed-in applicants and stored reviews.
pub async fn load(
    connection: &mut AnyConnection,
    keys: &Keys,
    account_id: &str,
) -> AppResult<Applicant> {
    let row = sqlx::query(
        "SELECT id, document_type, document_number_sealed, name, travel_permit_sealed, gender, \
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
    let number_sealed: Vec<u8> = get(&row, "document_number_sealed")?;
    let permit_sealed: Option<Vec<u8>> = get(&row, "travel_permit_sealed")?;
    let birth_date: Option<String> = get(&row, "birth_date")?;
    Ok(Applicant {
        id: get(&row, "id")?,
        document_type,
        document_number: decrypt_text(keys, &number_sealed)?,
        name: get(&row, "name")?,
        travel_permit_number: permit_sealed
            .map(|sealed| decrypt_text(keys, &sealed))
            .transpose()?,
        gender: get(&row, "gender")?,
        birth_date: birth_date.and_then(|text| text.parse().ok()),
        ethnicity: get(&row, "ethnicity")?,
        email: get(&row, "email")?,
        phone: get(&row, "phone")?,
    })
}

/// Finds the account with this document type and number.
pub async fn find_by_document(
    connection: &mut AnyConnection,
    keys: &Keys,
    document_type: &str,
    document_number: &str,
) -> AppResult<Option<String>> {
    let number = document_number.trim().to_uppercase();
    let row = sqlx::query(
        "SELECT id FROM accounts WHERE document_type = $1 AND document_number_hash = $2",
    )
    .bind(document_type)
    .bind(lookup_hash(keys, &number))
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
    if let Some(email) = applicant.email.as_deref().filter(|email| !email.is_empty()) {
        enqueue(connection, clock, Channel::Email, email, subject, body).await?;
    } else if let Some(phone) = applicant.phone.as_deref().filter(|phone| !phone.is_empty()) {
        enqueue(connection, clock, Channel::Sms, phone, subject, body).await?;
    } else {
        tracing::warn!(account_id = %applicant.id, "applicant has no contact for a notice");
    }
    Ok(())
}
