//! Claims: a reviewer holds a queue item for a limited time, so two reviewers never
//! decide the same one.

use crate::clock::{beijing, from_ms};
use crate::db::get;
use crate::error::{AppError, AppResult};
use jszg_api::staff::QueueKind;
use sqlx::AnyConnection;

/// Minutes a claim lasts unless the server configuration says otherwise.
pub const DEFAULT_CLAIM_MINUTES: i64 = 15;

pub fn kind_str(kind: QueueKind) -> &'static str {
    match kind {
        QueueKind::ManualReview => "manual_review",
        QueueKind::ContactChange => "contact_change",
    }
}

/// Takes the item for `staff_id` until `expires_at_ms`. Succeeds when the item is free,
/// its claim has run out, or `staff_id` already holds it (which extends the claim).
///
/// The upsert runs as one statement on the item's single row, so among reviewers
/// claiming at once exactly one gets a row back.
pub async fn try_claim(
    connection: &mut AnyConnection,
    kind: QueueKind,
    item_id: &str,
    staff_id: &str,
    now_ms: i64,
    expires_at_ms: i64,
) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO review_claims (kind, item_id, staff_id, expires_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (kind, item_id) DO UPDATE \
         SET staff_id = excluded.staff_id, expires_at = excluded.expires_at \
         WHERE review_claims.expires_at <= $5 OR review_claims.staff_id = excluded.staff_id \
         RETURNING staff_id",
    )
    .bind(kind_str(kind))
    .bind(item_id)
    .bind(staff_id)
    .bind(expires_at_ms)
    .bind(now_ms)
    .fetch_optional(connection)
    .await?;
    Ok(row.is_some())
}

/// The reviewer holding the item and until when, if the claim is still running.
pub async fn holder(
    connection: &mut AnyConnection,
    kind: QueueKind,
    item_id: &str,
    now_ms: i64,
) -> Result<Option<(String, i64)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT c.expires_at, s.username FROM review_claims c JOIN staff s ON s.id = c.staff_id \
         WHERE c.kind = $1 AND c.item_id = $2 AND c.expires_at > $3",
    )
    .bind(kind_str(kind))
    .bind(item_id)
    .bind(now_ms)
    .fetch_optional(connection)
    .await?;
    row.map(|row| Ok((get(&row, "username")?, get(&row, "expires_at")?)))
        .transpose()
}

/// Fails with `claim.required` unless `staff_id` holds a running claim on the item.
pub async fn require_claim(
    connection: &mut AnyConnection,
    kind: QueueKind,
    item_id: &str,
    staff_id: &str,
    now_ms: i64,
) -> AppResult<()> {
    let row = sqlx::query(
        "SELECT staff_id FROM review_claims WHERE kind = $1 AND item_id = $2 AND expires_at > $3",
    )
    .bind(kind_str(kind))
    .bind(item_id)
    .bind(now_ms)
    .fetch_optional(connection)
    .await?;
    let held_by: Option<String> = row.map(|row| get(&row, "staff_id")).transpose()?;
    if held_by.as_deref() != Some(staff_id) {
        return Err(AppError::conflict(
            "claim.required",
            "请先领取该申请（或领取已过期），再作出审核决定。",
        ));
    }
    Ok(())
}

/// Returns the error for an item another reviewer has claimed. The message gives the
/// claim's end in Beijing time and never the reviewer's name.
pub fn held_by_other(code: &str, expires_at_ms: i64) -> AppError {
    let until = from_ms(expires_at_ms)
        .with_timezone(&beijing())
        .format("%H:%M");
    AppError::conflict(
        code,
        format!("该申请正由其他审核人员处理，领取至北京时间{until}，请稍后再试或处理其他申请。"),
    )
}

/// Takes the item for `staff_id` (see [`try_claim`]) or fails with `claim.taken`,
/// whose message gives the end of the other reviewer's claim.
pub async fn take(
    connection: &mut AnyConnection,
    kind: QueueKind,
    item_id: &str,
    staff_id: &str,
    now_ms: i64,
    expires_at_ms: i64,
) -> AppResult<()> {
    if try_claim(connection, kind, item_id, staff_id, now_ms, expires_at_ms).await? {
        return Ok(());
    }
    let until = running_claim(connection, kind, item_id, now_ms)
        .await?
        .map_or(expires_at_ms, |(_, until)| until);
    Err(held_by_other("claim.taken", until))
}

/// Returns the staff id of a running claim on the item and the claim's end.
async fn running_claim(
    connection: &mut AnyConnection,
    kind: QueueKind,
    item_id: &str,
    now_ms: i64,
) -> Result<Option<(String, i64)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT staff_id, expires_at FROM review_claims \
         WHERE kind = $1 AND item_id = $2 AND expires_at > $3",
    )
    .bind(kind_str(kind))
    .bind(item_id)
    .bind(now_ms)
    .fetch_optional(connection)
    .await?;
    row.map(|row| Ok((get(&row, "staff_id")?, get(&row, "expires_at")?)))
        .transpose()
}

/// Gives up `staff_id`'s claim on the item. Returns whether a running claim was
/// released. Releasing again, or after the claim ran out, is not an error. Fails with
/// `claim.not_holder` while another reviewer has a running claim on the item.
pub async fn release_own(
    connection: &mut AnyConnection,
    kind: QueueKind,
    item_id: &str,
    staff_id: &str,
    now_ms: i64,
) -> AppResult<bool> {
    match running_claim(connection, kind, item_id, now_ms).await? {
        None => Ok(false),
        Some((holder, until)) if holder != staff_id => {
            Err(held_by_other("claim.not_holder", until))
        }
        Some(_) => {
            sqlx::query(
                "DELETE FROM review_claims WHERE kind = $1 AND item_id = $2 AND staff_id = $3",
            )
            .bind(kind_str(kind))
            .bind(item_id)
            .bind(staff_id)
            .execute(connection)
            .await?;
            Ok(true)
        }
    }
}

/// Removes the claim once the item is decided.
pub async fn release(
    connection: &mut AnyConnection,
    kind: QueueKind,
    item_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM review_claims WHERE kind = $1 AND item_id = $2")
        .bind(kind_str(kind))
        .bind(item_id)
        .execute(connection)
        .await?;
    Ok(())
}
