//! Reading a contact change request for the reviewer screens.

use jszg_api::contact_change::ContactKind;
use sqlx::AnyConnection;

use super::kind_from_code;
use crate::crypto::{decrypt, decrypt_text, Keys};
use crate::error::AppResult;

/// A request with its new contact decrypted; the photo is read apart.
#[derive(Debug, Clone)]
pub struct ContactChangeDetails {
    pub id: String,
    pub account_id: String,
    pub kind: ContactKind,
    pub new_value: String,
    pub reason: String,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    pub submitted_at_ms: i64,
    pub due_at_ms: i64,
    pub decided_at_ms: Option<i64>,
    pub decided_by: Option<String>,
    pub decision_reason: Option<String>,
}

type DetailsRow = (
    String,
    String,
    Vec<u8>,
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
);

/// Loads one request, or `None` when the id is unknown.
pub async fn load_contact_change(
    connection: &mut AnyConnection,
    keys: &Keys,
    request_id: &str,
) -> AppResult<Option<ContactChangeDetails>> {
    let row: Option<DetailsRow> = sqlx::query_as(
        "SELECT account_id, kind, new_value_enc, reason, status, submitted_at, due_at, \
         decided_at, decided_by, decision_reason FROM contact_change_requests WHERE id = $1",
    )
    .bind(request_id)
    .fetch_optional(connection)
    .await?;
    let Some((account_id, kind, value_enc, reason, status, submitted, due, decided, by, why)) = row
    else {
        return Ok(None);
    };
    Ok(Some(ContactChangeDetails {
        id: request_id.to_owned(),
        account_id,
        kind: kind_from_code(&kind)?,
        new_value: decrypt_text(keys, &value_enc)?,
        reason,
        status,
        submitted_at_ms: submitted,
        due_at_ms: due.unwrap_or_else(|| super::due_at_ms(crate::clock::from_ms(submitted))),
        decided_at_ms: decided,
        decided_by: by,
        decision_reason: why,
    }))
}

/// Reads the decrypted JPEG of the applicant holding the document, or `None` when the
/// id is unknown.
pub async fn load_photo(
    connection: &mut AnyConnection,
    keys: &Keys,
    request_id: &str,
) -> AppResult<Option<Vec<u8>>> {
    let sealed: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT photo_enc FROM contact_change_requests WHERE id = $1")
            .bind(request_id)
            .fetch_optional(connection)
            .await?;
    Ok(sealed.map(|sealed| decrypt(keys, &sealed)).transpose()?)
}

/// Earlier requests of `account_id` other than `except_id`, newest first: id, kind,
/// status, submission time and decision reason.
pub async fn earlier_requests(
    connection: &mut AnyConnection,
    account_id: &str,
    except_id: &str,
) -> AppResult<Vec<(String, ContactKind, String, i64, Option<String>)>> {
    let rows: Vec<(String, String, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT id, kind, status, submitted_at, decision_reason FROM contact_change_requests \
         WHERE account_id = $1 AND id <> $2 ORDER BY submitted_at DESC LIMIT 20",
    )
    .bind(account_id)
    .bind(except_id)
    .fetch_all(connection)
    .await?;
    rows.into_iter()
        .map(|(id, kind, status, at, reason)| Ok((id, kind_from_code(&kind)?, status, at, reason)))
        .collect()
}
