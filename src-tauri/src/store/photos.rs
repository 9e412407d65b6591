//! Photos attached to a draft (ID card sides, the applicant holding the document).

use super::{Result, Store};

/// A photo picked for one slot of a form; `bytes` is what will be uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPhoto {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub original_size: i64,
    pub fitted: bool,
}

impl Store {
    /// Stores `photo` in `slot` of `form`, replacing any earlier one.
    pub async fn save_photo(&self, form: &str, slot: &str, photo: &StoredPhoto) -> Result<()> {
        sqlx::query(
            "INSERT INTO photos (form, slot, file_name, bytes, original_size, fitted)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT(form, slot) DO UPDATE SET file_name = excluded.file_name,
                 bytes = excluded.bytes, original_size = excluded.original_size,
                 fitted = excluded.fitted",
        )
        .bind(form)
        .bind(slot)
        .bind(&photo.file_name)
        .bind(&photo.bytes)
        .bind(photo.original_size)
        .bind(photo.fitted)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Returns the photo in `slot` of `form`.
    pub async fn photo(&self, form: &str, slot: &str) -> Result<Option<StoredPhoto>> {
        let row: Option<(String, Vec<u8>, i64, bool)> = sqlx::query_as(
            "SELECT file_name, bytes, original_size, fitted FROM photos WHERE form = ? AND slot = ?",
        )
        .bind(form)
        .bind(slot)
        .fetch_optional(&self.pool)
        .await?;
        Ok(
            row.map(|(file_name, bytes, original_size, fitted)| StoredPhoto {
                file_name,
                bytes,
                original_size,
                fitted,
            }),
        )
    }
}
