//! Session commands: sign-in state and sign-out.

use super::CommandResult;
use crate::state::AppState;
use tauri::State;

/// Ends the session: tells the server when reachable and always deletes the local token.
#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> CommandResult<()> {
    if let (Some(token), Ok(link)) = (state.vault.load(), state.link().await) {
        if let Err(error) = link
            .post(
                "/sessions/current/delete",
                &serde_json::Value::Null,
                &[],
                None,
                Some(&token),
            )
            .await
        {
            tracing::warn!(%error, "server sign-out failed; the local token is deleted anyway");
        }
    }
    state.vault.clear();
    Ok(())
}
