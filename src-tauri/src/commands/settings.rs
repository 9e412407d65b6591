//! Server connection settings and the connection state shown in the page header.

use super::CommandResult;
use crate::remote::ServerLink;
use crate::session::VaultBackend;
use crate::state::{store_error, AppState};
use jszg_api::ErrorBody;
use serde::Serialize;
use tauri::State;

pub const SERVER_URL: &str = "server_url";
pub const SERVER_CA: &str = "server_ca_pem";

/// App configuration and state read by the page at start-up.
#[derive(Serialize)]
pub struct AppInfo {
    pub data_dir: String,
    pub session_store: VaultBackend,
    pub test_mode: bool,
    pub server_url: Option<String>,
    pub embedded: bool,
    pub reachable: bool,
    pub signed_in: bool,
}

/// Returns the app's configuration and state.
#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    let server_url = state
        .link
        .read()
        .await
        .as_ref()
        .map(|l| l.base_url().to_string());
    Ok(AppInfo {
        data_dir: state.data_dir.display().to_string(),
        session_store: state.vault.backend(),
        test_mode: state.test_photo_dir.is_some(),
        server_url,
        embedded: state.embedded.lock().await.is_some(),
        reachable: state.is_reachable(),
        signed_in: state.vault.load().is_some(),
    })
}

/// Stored connection settings.
#[derive(Serialize)]
pub struct ServerSettings {
    pub url: Option<String>,
    pub ca_pem: Option<String>,
}

/// Returns the stored server address and pinned CA.
#[tauri::command]
pub async fn settings_load(state: State<'_, AppState>) -> CommandResult<ServerSettings> {
    Ok(ServerSettings {
        url: state.store.setting(SERVER_URL).await.map_err(store_error)?,
        ca_pem: state.store.setting(SERVER_CA).await.map_err(store_error)?,
    })
}

/// Saves the server address and optional CA certificate and switches to that server.
/// An empty address returns to the embedded local server at the next start.
#[tauri::command]
pub async fn settings_save(
    state: State<'_, AppState>,
    url: String,
    ca_pem: Option<String>,
) -> CommandResult<()> {
    let url = url.trim();
    let ca_pem = ca_pem.filter(|pem| !pem.trim().is_empty());
    if url.is_empty() {
        state
            .store
            .set_setting(SERVER_URL, None)
            .await
            .map_err(store_error)?;
        state
            .store
            .set_setting(SERVER_CA, None)
            .await
            .map_err(store_error)?;
        return Ok(());
    }
    if !url.starts_with("https://") {
        return Err(ErrorBody {
            code: "settings.url_scheme".into(),
            message: "服务器地址须以 https:// 开头。".into(),
            field: Some("url".into()),
        });
    }
    let link = ServerLink::new(url, ca_pem.as_deref()).map_err(|reason| {
        tracing::warn!(%reason, "server settings rejected");
        ErrorBody {
            code: "settings.ca_invalid".into(),
            message:
                "CA 证书无法读取，请粘贴完整的 PEM 文本（以 -----BEGIN CERTIFICATE----- 开头）。"
                    .into(),
            field: Some("ca_pem".into()),
        }
    })?;
    state
        .store
        .set_setting(SERVER_URL, Some(url))
        .await
        .map_err(store_error)?;
    state
        .store
        .set_setting(SERVER_CA, ca_pem.as_deref())
        .await
        .map_err(store_error)?;
    *state.link.write().await = Some(link);
    state.wake.notify_one();
    Ok(())
}
