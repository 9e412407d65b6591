//! Reading a contact change request for the reviewer screens.

use jszg_api::contact_change::ContactKind;

use super::kind_from_code;
use crate::crypto::{decrypt, decrypt_text, Keys};
use crate::db::Db;
use crate::error::AppResult;

/// A request with its new contact and photo decrypted.
#[derive(Debug, Clone)]
pub struct ContactChangeDetails {
    pub id: String,
    pub account_id: String,
    pub kind: ContactKind,
    pub new_value: String,
    /// The JPEG of the applicant holding the document.
    pub photo: Vec<u8>,
    pub reason: String,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    pub submitted_at_ms: i64,
    pub decided_at_ms: Option<i64>,
    pub decided_by: Option<String>,
    pub decision_reason: Option<String>,
}

type DetailsRow = (
    String,
    String,
    Vec<u8>,
    Vec<u8>,
    String,
    String,
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
);

/// Loads one request, or `None` when the id is unknown.
pub async fn load_contact_change(
    db: &Db,
    keys: &Keys,
    request_id: &str,
) -> AppResult<Option<ContactChangeDetails>> {
    let row: Option<DetailsRow> = sqlx::query_as(
        "SELECT account_id, kind, new_value_enc, photo_enc, reason, status, submitted_at, \
         decided_at, decided_by, decision_reason FROM contact_change_requests WHERE id = $1",
    )
    .bind(request_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((account_id, kind, value_enc, photo_enc, reason, status, submitted, decided, by, why)) =
        row
    else {
        return Ok(None);
    };
    Ok(Some(ContactChangeDetails {
        id: request_id.to_owned(),
        account_id,
        kind: kind_from_code(&kind)?,
        new_value: decrypt_text(keys, &value_enc)?,
        photo: decrypt(keys, &photo_enc)?,
        reason,
        status,
        submitted_at_ms: submitted,
        decided_at_ms: decided,
        decided_by: by,
        decision_reason: why,
    }))
}
