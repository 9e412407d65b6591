//! The local server started inside the app when no server is configured: the same
//! server library on a loopback port, with SQLite in the app data folder, the
//! identity-register simulator and the development inbox.

use std::path::Path;

/// A server running inside the app, with what the app needs to reach it.
pub struct EmbeddedServer {
    pub base_url: String,
    pub ca_pem: String,
    pub admin_token: String,
}

/// Starts the embedded server with its data under `data_dir/server`.
pub async fn start(data_dir: &Path) -> Result<EmbeddedServer, String> {
    let _folder = data_dir.join("server");
    // TODO: start jszg_server in-process once its library entry point exists.
    Err("the embedded server is not available in this build".into())
}
