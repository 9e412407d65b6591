//! The connection monitor: chooses the server at start-up and checks its health, so the
//! page can show an offline banner and the queue resumes as soon as it is back.

use crate::commands::settings::{SERVER_CA, SERVER_URL};
use crate::remote::ServerLink;
use crate::state::AppState;
use crate::store::Store;
use serde::Serialize;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tauri::{Emitter, Manager};

/// The server link from `JSZG_SERVER_URL` (and `JSZG_SERVER_CA`, a PEM file path), else
/// from the stored settings. `None` means the embedded server is started.
pub async fn initial_link(store: &Store) -> Option<ServerLink> {
    if let Ok(url) = std::env::var("JSZG_SERVER_URL") {
        let pem = std::env::var_os("JSZG_SERVER_CA").and_then(|p| std::fs::read_to_string(p).ok());
        return ServerLink::new(&url, pem.as_deref())
            .map_err(|reason| tracing::error!(%reason, "JSZG_SERVER_URL unusable"))
            .ok();
    }
    let url = store.setting(SERVER_URL).await.ok().flatten()?;
    let pem = store.setting(SERVER_CA).await.ok().flatten();
    ServerLink::new(&url, pem.as_deref())
        .map_err(|reason| tracing::error!(%reason, "stored server settings unusable"))
        .ok()
}

/// The connection state sent to the page.
#[derive(Clone, Serialize)]
pub struct ConnectionState {
    pub reachable: bool,
    pub server_url: Option<String>,
    pub queued: i64,
}

/// Checks the server every 2 s and emits `connection` whenever reachability changes.
/// On reconnect every queued submission becomes due and the sync worker is woken.
pub async fn watch(app: tauri::AppHandle) {
    let state = app.state::<AppState>();
    if state.link.read().await.is_none() {
        match crate::embedded::start(&state.data_dir).await {
            Ok(server) => {
                match ServerLink::new(&server.base_url, Some(&server.ca_pem)) {
                    Ok(link) => *state.link.write().await = Some(link),
                    Err(reason) => tracing::error!(%reason, "embedded server link failed"),
                }
                *state.embedded.lock().await = Some(server);
            }
            Err(reason) => tracing::warn!(%reason, "embedded server not started"),
        }
    }
    let mut last: Option<bool> = None;
    loop {
        let link = state.link.read().await.clone();
        let reachable = match &link {
            Some(link) => link.is_reachable().await,
            None => false,
        };
        state.reachable.store(reachable, Ordering::Relaxed);
        if last != Some(reachable) {
            if reachable {
                let _ = state.store.make_queued_due(chrono::Utc::now()).await;
                state.wake.notify_one();
            }
            tracing::info!(reachable, "server connection changed");
            let queued = state.store.queued_count().await.unwrap_or(0);
            let _ = app.emit(
                "connection",
                ConnectionState {
                    reachable,
                    server_url: link.map(|l| l.base_url().to_string()),
                    queued,
                },
            );
            last = Some(reachable);
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}
