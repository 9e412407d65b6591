//! The pending-review lock: while a manual review waits for a decision, the applicant
//! can neither edit the profile nor run real-name verification.

use crate::db::get;
use crate::error::{AppError, AppResult};
use sqlx::AnyConnection;

/// Id of the account's pending review, if any.
pub async fn pending_review_id(
    connection: &mut AnyConnection,
    account_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row =
        sqlx::query("SELECT id FROM manual_reviews WHERE account_id = $1 AND status = 'pending'")
            .bind(account_id)
            .fetch_optional(connection)
            .await?;
    row.map(|row| get(&row, "id")).transpose()
}

/// Fails with `review.pending` (409) while the account has a pending manual review.
/// Profile edits and real-name verification call it inside their write transaction.
pub async fn ensure_no_pending_review(
    connection: &mut AnyConnection,
    account_id: &str,
) -> AppResult<()> {
    if pending_review_id(connection, account_id).await?.is_some() {
        return Err(AppError::conflict(
            "review.pending",
            "您已提交人工审核，请耐心等待审核结果。审核期间不能修改个人信息，也不能进行实名核验。",
        ));
    }
    Ok(())
}
