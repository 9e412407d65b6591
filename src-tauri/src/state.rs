//! What every command shares: the local store, the session vault, the server link.

use crate::remote::ServerLink;
use crate::session::SessionVault;
use crate::store::{Store, StoreError};
use jszg_api::ErrorBody;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::{Notify, RwLock};

/// State managed by Tauri and handed to each command.
pub struct AppState {
    pub store: Store,
    pub vault: Arc<SessionVault>,
    pub link: Arc<RwLock<Option<ServerLink>>>,
    /// Wakes the sync worker after a new submission or a reconnect.
    pub wake: Arc<Notify>,
    pub data_dir: PathBuf,
    /// Whether the last health check reached the server.
    pub reachable: AtomicBool,
    /// Folder the photo picker reads from instead of opening a dialog; set only by
    /// the end-to-end tests through `JSZG_TEST_PHOTO_DIR`.
    pub test_photo_dir: Option<PathBuf>,
    /// The server started inside the app when none is configured.
    pub embedded: tokio::sync::Mutex<Option<crate::embedded::EmbeddedServer>>,
}

impl AppState {
    pub fn is_reachable(&self) -> bool {
        self.reachable.load(Ordering::Relaxed)
    }

    pub async fn link(&self) -> Result<ServerLink, ErrorBody> {
        self.link.read().await.clone().ok_or_else(|| ErrorBody {
            code: "settings.no_server".into(),
            message: "尚未设置服务器地址，请在“服务器设置”中填写。".into(),
            field: None,
        })
    }
}

/// Maps a local store failure to the page's error shape, logging the cause.
pub fn store_error(error: StoreError) -> ErrorBody {
    tracing::error!(%error, "local store failed");
    ErrorBody {
        code: "local.store".into(),
        message: "本机数据保存失败，请重试；如仍失败请重启应用。".into(),
        field: None,
    }
}
