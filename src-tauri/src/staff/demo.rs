//! The reviewer account of the embedded demo server, so a newcomer can sign in at the
//! reviewer workstation and decide their own manual review. It is created once per data
//! folder, and its password and TOTP secret are kept beside the embedded server's data
//! because the development inbox panel shows them.

use crate::commands::CommandResult;
use crate::state::AppState;
use anyhow::Context;
use chrono::Utc;
use jszg_api::staff::StaffRole;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tauri::State;

/// Username of the demo reviewer.
pub const DEMO_USERNAME: &str = "demo.reviewer";

/// File beside the embedded server's data that keeps the demo reviewer's credentials.
const CREDENTIALS_FILE: &str = "demo-reviewer.json";

/// Credentials of the demo reviewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoReviewer {
    pub username: String,
    pub password: String,
    /// TOTP secret in base32, as an authenticator app takes it.
    pub totp_secret: String,
}

/// Returns the demo reviewer of the server whose data is in `server_dir`, creating the
/// account and its credentials file on the first start.
pub async fn ensure(
    server: &jszg_server::RunningServer,
    server_dir: &Path,
) -> anyhow::Result<DemoReviewer> {
    let path = server_dir.join(CREDENTIALS_FILE);
    if let Ok(text) = std::fs::read_to_string(&path) {
        return serde_json::from_str(&text)
            .with_context(|| format!("{} is not a demo reviewer file", path.display()));
    }
    let state = server.state();
    let created = jszg_server::staff::accounts::add_staff(
        &state.db,
        &state.keys,
        &state.hasher,
        DEMO_USERNAME,
        StaffRole::Reviewer,
        None,
        Utc::now().timestamp_millis(),
    )
    .await
    .context("creating the demo reviewer failed")?;
    let reviewer = DemoReviewer {
        username: created.username,
        password: created.password,
        totp_secret: created.totp_secret,
    };
    write_private(&path, &serde_json::to_string_pretty(&reviewer)?)?;
    tracing::info!(username = DEMO_USERNAME, "demo reviewer created");
    Ok(reviewer)
}

/// Writes `text` to a file only the current user can read.
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {} failed", path.display()))?;
    file.write_all(text.as_bytes())?;
    Ok(())
}

/// The demo reviewer as the development inbox panel shows it, with the TOTP code of
/// the current 30-second step.
#[derive(Debug, Serialize)]
pub struct DemoReviewerView {
    pub username: String,
    pub password: String,
    pub totp_secret: String,
    pub totp_code: String,
    /// Seconds until the code changes.
    pub code_valid_seconds: u64,
}

/// Shows `reviewer` with the TOTP code at `unix_seconds`.
pub fn view_at(reviewer: &DemoReviewer, unix_seconds: u64) -> anyhow::Result<DemoReviewerView> {
    let code = jszg_server::staff::totp::code_at(&reviewer.totp_secret, unix_seconds)
        .map_err(anyhow::Error::msg)?;
    Ok(DemoReviewerView {
        username: reviewer.username.clone(),
        password: reviewer.password.clone(),
        totp_secret: reviewer.totp_secret.clone(),
        totp_code: code,
        code_valid_seconds: 30 - unix_seconds % 30,
    })
}

/// Returns the demo reviewer of the embedded server, or `None` when the app talks to
/// another server.
#[tauri::command]
pub async fn staff_demo_reviewer(
    state: State<'_, AppState>,
) -> CommandResult<Option<DemoReviewerView>> {
    let embedded = state.embedded.lock().await;
    let Some(reviewer) = embedded
        .as_ref()
        .and_then(|server| server.demo_reviewer.as_ref())
    else {
        return Ok(None);
    };
    let now = u64::try_from(Utc::now().timestamp()).unwrap_or_default();
    match view_at(reviewer, now) {
        Ok(view) => Ok(Some(view)),
        Err(error) => {
            tracing::error!(%error, "demo reviewer TOTP code failed");
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_counts_down_to_next_code() {
        let reviewer = DemoReviewer {
            username: DEMO_USERNAME.into(),
            password: "pw".into(),
            totp_secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ".into(),
        };
        let view = view_at(&reviewer, 59).unwrap();
        assert_eq!(view.totp_code, "287082");
        assert_eq!(view.code_valid_seconds, 1);
        let view = view_at(&reviewer, 60).unwrap();
        assert_eq!(view.code_valid_seconds, 30);
    }

    #[tokio::test]
    async fn created_once_per_folder() {
        let folder = tempfile::tempdir().unwrap();
        let server_dir = folder.path().join("server");
        let server = jszg_server::start(jszg_server::Config::local(server_dir.clone()))
            .await
            .unwrap();
        let first = ensure(&server, &server_dir).await.unwrap();
        assert_eq!(first.username, DEMO_USERNAME);
        let second = ensure(&server, &server_dir).await.unwrap();
        assert_eq!(second, first, "the second start reads the stored account");
        server.shutdown().await;
    }
}
