//! Photos of queue items for the item screen, each with the automatic photo check's
//! result. The image data is passed to the page unchanged: rotating, flipping and
//! zooming happen in the viewer only.

use super::desk::StaffDesk;
use super::field_error;
use crate::commands::CommandResult;
use crate::state::AppState;
use base64::Engine;
use jszg_api::review::PhotoSide;
use jszg_api::staff::QueueKind;
use jszg_api::ErrorBody;
use serde::Serialize;
use tauri::State;

/// A photo of a queue item with the automatic photo check's result.
#[derive(Serialize)]
pub struct ItemPhotoView {
    pub side: PhotoSide,
    pub label: &'static str,
    pub data_url: String,
    pub report: jszg_photo::PhotoReport,
}

/// Checks that `kind` has a photo `side`: a contact change request carries only the
/// photo of the applicant holding the document.
fn photo_side(kind: QueueKind, side: PhotoSide) -> Result<PhotoSide, ErrorBody> {
    match (kind, side) {
        (QueueKind::ContactChange, PhotoSide::SideA | PhotoSide::SideB) => Err(field_error(
            "photo.side_invalid",
            "修改联系方式申请只有手持证件照片。",
            "side",
        )),
        _ => Ok(side),
    }
}

/// Fetches one photo of an item and runs the photo check on it.
#[tauri::command]
pub async fn staff_photo(
    state: State<'_, AppState>,
    desk: State<'_, StaffDesk>,
    kind: QueueKind,
    id: String,
    side: PhotoSide,
) -> CommandResult<ItemPhotoView> {
    let side = photo_side(kind, side)?;
    let client = desk.client(&state).await?;
    let fetched = match kind {
        QueueKind::ManualReview => client.staff_review_photo(&id, side).await,
        QueueKind::ContactChange => client.staff_contact_change_photo(&id).await,
    };
    let bytes = fetched.map_err(|e| desk.fail(e))?;
    let (report, bytes) = tokio::task::spawn_blocking(move || (jszg_photo::check(&bytes), bytes))
        .await
        .map_err(|error| {
            tracing::error!(%error, ?kind, item_id = %id, "photo check task failed");
            field_error("photo.check_failed", "照片检查失败，请重试。", "photo")
        })?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(&bytes);
    Ok(ItemPhotoView {
        side,
        label: side.label_zh(),
        data_url: format!("data:image/jpeg;base64,{encoded}"),
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_change_has_handheld_only() {
        let error = photo_side(QueueKind::ContactChange, PhotoSide::SideA).unwrap_err();
        assert_eq!(error.code, "photo.side_invalid");
        assert_eq!(
            photo_side(QueueKind::ContactChange, PhotoSide::Handheld).unwrap(),
            PhotoSide::Handheld
        );
        for side in PhotoSide::ALL {
            assert_eq!(photo_side(QueueKind::ManualReview, side).unwrap(), side);
        }
    }
}
