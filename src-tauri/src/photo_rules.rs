//! The bridge to `jszg-photo`: the check report and the re-encoder.

use jszg_api::ErrorBody;

/// Returns the check report of a photo for the page.
pub fn report(bytes: &[u8]) -> Option<serde_json::Value> {
    let _ = bytes;
    // TODO: return jszg_photo::check once the photo crate lands.
    None
}

/// Re-encodes a photo under the upload limit.
pub fn fit(bytes: &[u8]) -> Result<Vec<u8>, ErrorBody> {
    let _ = bytes;
    Err(ErrorBody {
        code: "photo.fit_unavailable".into(),
        message: "此版本暂不支持自动调整照片。".into(),
        field: None,
    })
}
