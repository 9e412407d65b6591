//! Draft commands: the page saves each form as the user types and restores it on open.

use super::CommandResult;
use crate::state::{store_error, AppState};
use serde_json::Value;
use tauri::State;

/// Returns the saved draft of `form`.
#[tauri::command]
pub async fn draft_load(state: State<'_, AppState>, form: String) -> CommandResult<Option<Value>> {
    state.store.load_draft(&form).await.map_err(store_error)
}

/// Saves `data` as the draft of `form`.
#[tauri::command]
pub async fn draft_save(
    state: State<'_, AppState>,
    form: String,
    data: Value,
) -> CommandResult<()> {
    state
        .store
        .save_draft(&form, &data, chrono::Utc::now())
        .await
        .map_err(store_error)
}

/// Deletes the draft of `form` and its photos.
#[tauri::command]
pub async fn draft_discard(state: State<'_, AppState>, form: String) -> CommandResult<()> {
    state.store.discard_draft(&form).await.map_err(store_error)
}
