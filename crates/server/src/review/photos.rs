//! Review photos: judged by the photo rules, stored encrypted, served decrypted only to
//! the owner and to staff.

use crate::crypto::{decrypt, encrypt, Keys};
use crate::db::get;
use crate::error::{AppError, AppResult};
use jszg_api::review::PhotoSide;
use sqlx::AnyConnection;

/// Judges a photo with the shared photo rules. The first error is returned with the
/// photo's part name as the field.
pub async fn judge(side: PhotoSide, bytes: Vec<u8>) -> AppResult<Vec<u8>> {
    // A file over the limit or in another format is rejected without decoding it.
    if let Some(issue) = jszg_photo::upload_error(&bytes) {
        return Err(rejected(side, &issue));
    }
    let (bytes, report) = tokio::task::spawn_blocking(move || {
        let report = jszg_photo::check(&bytes);
        (bytes, report)
    })
    .await
    .map_err(|error| {
        AppError::Internal(anyhow::Error::new(error).context("photo check panicked"))
    })?;
    if let Some(issue) = report.issues.iter().find(|issue| issue.is_error()) {
        return Err(rejected(side, issue));
    }
    Ok(bytes)
}

fn rejected(side: PhotoSide, issue: &jszg_photo::Issue) -> AppError {
    tracing::info!(side = side.part_name(), code = issue.code, reason = %issue.message_en, "review photo rejected");
    AppError::bad_request(
        issue.code,
        format!("{}：{}", side.label_zh(), issue.message),
    )
    .with_field(side.part_name())
}

pub async fn store(
    connection: &mut AnyConnection,
    keys: &Keys,
    review_id: &str,
    side: PhotoSide,
    bytes: &[u8],
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO manual_review_photos (review_id, side, sealed, size_bytes) VALUES ($1, $2, $3, $4)",
    )
    .bind(review_id)
    .bind(side.part_name())
    .bind(encrypt(keys, bytes))
    .bind(bytes.len() as i64)
    .execute(connection)
    .await?;
    Ok(())
}

/// Loads and decrypts the JPEG of one side, if stored.
pub async fn load(
    connection: &mut AnyConnection,
    keys: &Keys,
    review_id: &str,
    side: PhotoSide,
) -> AppResult<Option<Vec<u8>>> {
    let row =
        sqlx::query("SELECT sealed FROM manual_review_photos WHERE review_id = $1 AND side = $2")
            .bind(review_id)
            .bind(side.part_name())
            .fetch_optional(connection)
            .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let sealed: Vec<u8> = get(&row, "sealed")?;
    Ok(Some(decrypt(keys, &sealed)?))
}

/// Builds an `image/jpeg` response that no cache stores.
pub fn jpeg_response(bytes: Vec<u8>) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        bytes,
    )
        .into_response()
}
