//! Submission commands: forms are queued locally and sent by the sync worker.

use super::CommandResult;
use crate::routes::route_of;
use crate::state::{store_error, AppState};
use crate::store::{QueuedSubmission, SubmissionFile};
use jszg_api::ErrorBody;
use serde::Serialize;
use serde_json::Value;
use tauri::State;

/// Queues `payload` as a submission of `kind`, with the photos of `form` in `photo_slots`
/// as file parts, and wakes the sync worker.
#[tauri::command]
pub async fn submit(
    state: State<'_, AppState>,
    kind: String,
    form: String,
    payload: Value,
    photo_slots: Vec<String>,
) -> CommandResult<QueuedSubmission> {
    if route_of(&kind).is_none() {
        return Err(ErrorBody {
            code: "submission.unknown_kind".into(),
            message: "无法识别的提交类型。".into(),
            field: None,
        });
    }
    let mut files = Vec::new();
    for slot in &photo_slots {
        let photo = state.store.photo(&form, slot).await.map_err(store_error)?;
        let Some(photo) = photo else {
            return Err(ErrorBody {
                code: "photo.missing".into(),
                message: "请先选择照片。".into(),
                field: Some(slot.clone()),
            });
        };
        files.push(SubmissionFile {
            part: slot.clone(),
            file_name: photo.file_name,
            bytes: photo.bytes,
        });
    }
    let queued = state
        .store
        .enqueue(&kind, Some(&form), &payload, &files, chrono::Utc::now())
        .await
        .map_err(store_error)?;
    state.wake.notify_one();
    Ok(queued)
}

/// Returns submission `id` as it stands now.
#[tauri::command]
pub async fn submission_get(
    state: State<'_, AppState>,
    id: i64,
) -> CommandResult<QueuedSubmission> {
    state.store.submission(id).await.map_err(store_error)
}

/// The queue as the page's progress display shows it.
#[derive(Serialize)]
pub struct QueueOverview {
    pub queued: i64,
    pub recent: Vec<QueuedSubmission>,
}

/// Returns the number of waiting submissions and the latest ones.
#[tauri::command]
pub async fn queue_overview(state: State<'_, AppState>) -> CommandResult<QueueOverview> {
    let queued = state.store.queued_count().await.map_err(store_error)?;
    let recent = state
        .store
        .recent_submissions(20)
        .await
        .map_err(store_error)?;
    Ok(QueueOverview { queued, recent })
}
