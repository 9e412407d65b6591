//! The reads and writes of the `accounts` and `sessions` tables that password recovery
//! and contact changes need.

use jszg_core::DocumentNumber;
use sqlx::AnyConnection;

use crate::crypto::{decrypt_text, Keys};
use crate::db::get;

/// The fields of an account that recovery works with, decrypted.
#[derive(Debug, Clone)]
pub struct RecoveryAccount {
    pub id: String,
    pub document_type: String,
    /// `None` once a new registration replaced this legacy account.
    pub document_lookup: Option<String>,
    pub document_number: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub password_hash: String,
    pub wechat_open_id: Option<String>,
    /// Registered before 1 March 2019 on the old system: cannot reset the password.
    pub legacy: bool,
}

impl RecoveryAccount {
    pub fn masked_document_number(&self) -> String {
        jszg_core::mask::mask_document_number(&self.document_number)
    }
}

/// Computes the look-up hash of a document number, as stored in
/// `accounts.document_lookup`.
pub fn document_hash(keys: &Keys, document: &DocumentNumber) -> String {
    crate::accounts::document_lookup(keys, document.as_str())
}

const SELECT_ACCOUNT: &str = "SELECT id, document_type, document_lookup, document_cipher, name, \
     email, phone, password_hash, wechat_openid, legacy FROM accounts";

fn decode(keys: &Keys, row: &sqlx::any::AnyRow) -> anyhow::Result<RecoveryAccount> {
    let cipher: Vec<u8> = get(row, "document_cipher")?;
    let legacy: i64 = get(row, "legacy")?;
    Ok(RecoveryAccount {
        id: get(row, "id")?,
        document_type: get(row, "document_type")?,
        document_lookup: get(row, "document_lookup")?,
        document_number: decrypt_text(keys, &cipher)?,
        name: get(row, "name")?,
        email: get(row, "email")?,
        phone: get(row, "phone")?,
        password_hash: get(row, "password_hash")?,
        wechat_open_id: get(row, "wechat_openid")?,
        legacy: legacy != 0,
    })
}

/// Finds the account with this document look-up hash.
pub async fn find_by_document_hash(
    connection: &mut AnyConnection,
    keys: &Keys,
    document_hash: &str,
) -> anyhow::Result<Option<RecoveryAccount>> {
    let row = sqlx::query(&format!("{SELECT_ACCOUNT} WHERE document_lookup = $1"))
        .bind(document_hash)
        .fetch_optional(&mut *connection)
        .await?;
    row.map(|row| decode(keys, &row)).transpose()
}

/// Finds the account with this id.
pub async fn find_by_id(
    connection: &mut AnyConnection,
    keys: &Keys,
    account_id: &str,
) -> anyhow::Result<Option<RecoveryAccount>> {
    let row = sqlx::query(&format!("{SELECT_ACCOUNT} WHERE id = $1"))
        .bind(account_id)
        .fetch_optional(&mut *connection)
        .await?;
    row.map(|row| decode(keys, &row)).transpose()
}

/// Finds the account bound to this WeChat user.
pub async fn find_by_wechat_open_id(
    connection: &mut AnyConnection,
    keys: &Keys,
    open_id: &str,
) -> anyhow::Result<Option<RecoveryAccount>> {
    let row = sqlx::query(&format!("{SELECT_ACCOUNT} WHERE wechat_openid = $1"))
        .bind(open_id)
        .fetch_optional(&mut *connection)
        .await?;
    row.map(|row| decode(keys, &row)).transpose()
}

/// Stores a new password hash and clears the sign-in failure counters, so a locked
/// account opens again.
pub async fn set_password_hash(
    connection: &mut AnyConnection,
    account_id: &str,
    password_hash: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
        .bind(password_hash)
        .bind(now_ms)
        .bind(account_id)
        .execute(&mut *connection)
        .await?;
    Ok(())
}

/// Replaces the bound email.
pub async fn set_email(
    connection: &mut AnyConnection,
    account_id: &str,
    email: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET email = $1 WHERE id = $2")
        .bind(email)
        .bind(account_id)
        .execute(connection)
        .await?;
    Ok(())
}

/// Replaces the bound phone.
pub async fn set_phone(
    connection: &mut AnyConnection,
    account_id: &str,
    phone: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET phone = $1 WHERE id = $2")
        .bind(phone)
        .bind(account_id)
        .execute(connection)
        .await?;
    Ok(())
}
