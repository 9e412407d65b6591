//! Photo commands: pick a JPEG for a slot of a form, check it, and fit it under the
//! size limit. The photo is kept with the draft so it survives a restart.

use super::CommandResult;
use crate::photo_rules::PhotoCheck;
use crate::state::{store_error, AppState};
use crate::store::StoredPhoto;
use jszg_api::ErrorBody;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::State;
use tauri_plugin_dialog::DialogExt;

/// A photo as the page shows it: an upright preview, its size and the check report.
#[derive(Serialize)]
pub struct PhotoView {
    pub file_name: String,
    pub size: usize,
    /// Size of the file as picked, for the before/after display of a fitted photo.
    pub original_size: i64,
    pub fitted: bool,
    /// Upright thumbnail as a data URL; `None` when the file cannot be decoded.
    pub preview: Option<String>,
    pub report: PhotoCheck,
}

/// Builds the view off the async runtime, since decoding a large photo takes a while.
async fn view_of(photo: &StoredPhoto) -> CommandResult<PhotoView> {
    let bytes = photo.bytes.clone();
    let (preview, report) = tokio::task::spawn_blocking(move || {
        (
            crate::photo_rules::preview(&bytes),
            crate::photo_rules::report(&bytes),
        )
    })
    .await
    .map_err(|e| {
        tracing::error!(%e, "photo check task failed");
        ErrorBody {
            code: "photo.check_failed".into(),
            message: "照片检查失败，请换一张照片。".into(),
            field: None,
        }
    })?;
    Ok(PhotoView {
        file_name: photo.file_name.clone(),
        size: photo.bytes.len(),
        original_size: photo.original_size,
        fitted: photo.fitted,
        preview,
        report,
    })
}

fn read_error(path: &Path, error: std::io::Error) -> ErrorBody {
    tracing::warn!(path = %path.display(), %error, "reading the photo failed");
    ErrorBody {
        code: "photo.unreadable".into(),
        message: "无法读取所选文件，请重新选择。".into(),
        field: None,
    }
}

/// Lets the user pick a JPEG for `slot` of `form` and stores it with the draft.
/// In end-to-end tests (`JSZG_TEST_PHOTO_DIR` set) `test_file` names a file in that
/// folder instead of opening the dialog. Returns `None` when the user cancels.
#[tauri::command]
pub async fn photo_pick(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    form: String,
    slot: String,
    test_file: Option<String>,
) -> CommandResult<Option<PhotoView>> {
    let path = match (&state.test_photo_dir, test_file) {
        (Some(dir), Some(name)) => Some(test_photo_path(dir, &name)?),
        _ => pick_with_dialog(app).await,
    };
    let Some(path) = path else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(|e| read_error(&path, e))?;
    let photo = StoredPhoto {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "photo.jpg".into()),
        original_size: bytes.len() as i64,
        bytes,
        fitted: false,
    };
    state
        .store
        .save_photo(&form, &slot, &photo)
        .await
        .map_err(store_error)?;
    Ok(Some(view_of(&photo).await?))
}

fn test_photo_path(dir: &Path, name: &str) -> CommandResult<PathBuf> {
    let plain = Path::new(name)
        .file_name()
        .map(|n| n == name)
        .unwrap_or(false);
    if !plain {
        return Err(ErrorBody {
            code: "photo.test_name".into(),
            message: "测试照片须为文件名。".into(),
            field: None,
        });
    }
    Ok(dir.join(name))
}

async fn pick_with_dialog(app: tauri::AppHandle) -> Option<PathBuf> {
    let picked = tokio::task::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("选择照片（JPG/JPEG）")
            .add_filter("JPG/JPEG 照片", &["jpg", "jpeg", "JPG", "JPEG"])
            .blocking_pick_file()
    })
    .await
    .ok()
    .flatten()?;
    picked.into_path().ok()
}

/// Returns the photo stored for `slot` of `form`.
#[tauri::command]
pub async fn photo_get(
    state: State<'_, AppState>,
    form: String,
    slot: String,
) -> CommandResult<Option<PhotoView>> {
    match state.store.photo(&form, &slot).await.map_err(store_error)? {
        Some(photo) => Ok(Some(view_of(&photo).await?)),
        None => Ok(None),
    }
}

/// Re-encodes the photo of `slot` so it fits the upload limit, keeping the original
/// size for the before/after display.
#[tauri::command]
pub async fn photo_fit(
    state: State<'_, AppState>,
    form: String,
    slot: String,
) -> CommandResult<PhotoView> {
    let Some(photo) = state.store.photo(&form, &slot).await.map_err(store_error)? else {
        return Err(ErrorBody {
            code: "photo.missing".into(),
            message: "请先选择照片。".into(),
            field: Some(slot),
        });
    };
    let original = photo.bytes.clone();
    let fitted = tokio::task::spawn_blocking(move || crate::photo_rules::fit(&original))
        .await
        .map_err(|e| {
            tracing::error!(%e, "photo fitting task failed");
            ErrorBody {
                code: "photo.fit_failed".into(),
                message: "照片调整失败，请换一张照片。".into(),
                field: None,
            }
        })??;
    let updated = StoredPhoto {
        bytes: fitted,
        fitted: true,
        ..photo
    };
    state
        .store
        .save_photo(&form, &slot, &updated)
        .await
        .map_err(store_error)?;
    view_of(&updated).await
}
