//! The local server started inside the app when no server is configured: the same
//! server library on a loopback port, with SQLite in the app data folder, the
//! identity-register simulator and the development inbox.

use std::path::Path;

/// A server running inside the app, with what the app needs to reach it.
pub struct EmbeddedServer {
    pub base_url: String,
    pub ca_pem: String,
    /// Bearer token of the admin endpoints, used to read the development inbox.
    pub admin_token: String,
    /// The demo reviewer's credentials, shown in the development inbox panel; `None`
    /// when the account could not be created or read.
    pub demo_reviewer: Option<crate::staff::demo::DemoReviewer>,
    /// Kept so the server lives as long as the app.
    _running: jszg_server::RunningServer,
}

/// Starts the embedded server with its data under `data_dir/server`.
pub async fn start(data_dir: &Path) -> Result<EmbeddedServer, String> {
    let server_dir = data_dir.join("server");
    let config = jszg_server::Config::local(server_dir.clone());
    let running = jszg_server::start(config)
        .await
        .map_err(|error| format!("embedded server failed to start: {error:#}"))?;
    let ca_pem = running
        .ca_pem
        .clone()
        .ok_or("embedded server has no development CA")?;
    tracing::info!(base_url = %running.base_url, "embedded server started");
    let demo_reviewer = match crate::staff::demo::ensure(&running, &server_dir).await {
        Ok(reviewer) => Some(reviewer),
        Err(error) => {
            tracing::warn!(error = %format!("{error:#}"), "demo reviewer unavailable");
            None
        }
    };
    Ok(EmbeddedServer {
        base_url: running.base_url.clone(),
        ca_pem,
        admin_token: running.admin_token.clone(),
        demo_reviewer,
        _running: running,
    })
}
