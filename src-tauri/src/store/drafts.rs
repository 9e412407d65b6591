//! Drafts: the current content of each form, saved as the user types.

use super::{stamp, Result, Store};
use chrono::{DateTime, Utc};
use serde_json::Value;

impl Store {
    /// Replaces the draft of `form` with `data`.
    pub async fn save_draft(&self, form: &str, data: &Value, now: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "INSERT INTO drafts (form, data, updated_at) VALUES (?, ?, ?)
             ON CONFLICT(form) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
        )
        .bind(form)
        .bind(serde_json::to_string(data)?)
        .bind(stamp(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Returns the saved draft of `form`, if any.
    pub async fn load_draft(&self, form: &str) -> Result<Option<Value>> {
        let row: Option<(String,)> = sqlx::query_as("SELECT data FROM drafts WHERE form = ?")
            .bind(form)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some((text,)) => Ok(Some(serde_json::from_str(&text)?)),
            None => Ok(None),
        }
    }

    /// Deletes the draft of `form` and its photos, once it has been queued or abandoned.
    pub async fn discard_draft(&self, form: &str) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM drafts WHERE form = ?")
            .bind(form)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM photos WHERE form = ?")
            .bind(form)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
