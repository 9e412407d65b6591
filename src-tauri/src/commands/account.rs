//! Interactive account commands that need the server at once: slider captcha,
//! verification codes, sign-in and sign-out, profile and the development inbox.

use super::CommandResult;
use crate::remote::RemoteError;
use crate::state::AppState;
use jszg_api::client::ApiClient;
use jszg_api::{
    CaptchaPass, CaptchaSolution, CodeRequest, CodeSent, ErrorBody, InboxMessage, ProfileResponse,
    SignInRequest, TrailPoint,
};
use serde::Serialize;
use tauri::State;

/// Returns the API client of the configured server, with the session token when
/// `signed_in`; without a stored token the page is told to sign in again.
pub(crate) async fn client(state: &AppState, signed_in: bool) -> CommandResult<ApiClient> {
    let token = if signed_in {
        Some(state.vault.load().ok_or_else(|| ErrorBody {
            code: "session.missing".into(),
            message: "登录已失效，请重新登录。".into(),
            field: None,
        })?)
    } else {
        None
    };
    state.link().await?.api(token).map_err(|e| e.body())
}

/// Maps a failed request to the page's error shape, logging the cause.
pub(crate) fn remote(error: jszg_api::client::ClientError) -> ErrorBody {
    tracing::warn!(%error, "server request failed");
    RemoteError::from(error).body()
}

/// A slider puzzle with its images as data URLs the page can draw.
#[derive(Serialize)]
pub struct PuzzleView {
    pub id: String,
    pub background: String,
    pub piece: String,
    pub width: u32,
    pub height: u32,
    pub piece_size: u32,
    pub piece_y: u32,
}

/// Fetches a new slider puzzle for `purpose` (`send_code`, `sign_in`, `password_reset`).
#[tauri::command]
pub async fn captcha_new(state: State<'_, AppState>, purpose: String) -> CommandResult<PuzzleView> {
    let puzzle = client(&state, false)
        .await?
        .create_captcha(&purpose)
        .await
        .map_err(remote)?;
    Ok(PuzzleView {
        id: puzzle.id,
        background: format!("data:image/png;base64,{}", puzzle.background_png),
        piece: format!("data:image/png;base64,{}", puzzle.piece_png),
        width: puzzle.width,
        height: puzzle.height,
        piece_size: puzzle.piece_size,
        piece_y: puzzle.piece_y,
    })
}

/// Sends the slider's final offset and drag trail (`[x, y, ms]` samples).
#[tauri::command]
pub async fn captcha_verify(
    state: State<'_, AppState>,
    id: String,
    offset: f64,
    trail: Vec<(f64, f64, i64)>,
) -> CommandResult<CaptchaPass> {
    let solution = CaptchaSolution {
        offset_x: offset,
        trail: trail
            .into_iter()
            .map(|(x, y, t)| TrailPoint { x, y, t })
            .collect(),
    };
    client(&state, false)
        .await?
        .solve_captcha(&id, &solution)
        .await
        .map_err(remote)
}

/// Requests a verification code by `channel` (`sms`, `email`) to `destination`.
#[tauri::command]
pub async fn code_request(
    state: State<'_, AppState>,
    purpose: String,
    channel: String,
    destination: String,
    captcha_token: Option<String>,
) -> CommandResult<CodeSent> {
    let request = CodeRequest {
        channel,
        destination,
        purpose,
        captcha_token: captcha_token.unwrap_or_default(),
    };
    let key = uuid::Uuid::new_v4().to_string();
    client(&state, false)
        .await?
        .request_code(&request, Some(&key))
        .await
        .map_err(remote)
}

/// Outcome of a sign-in the page needs.
#[derive(Serialize)]
pub struct SignedIn {
    pub profile_incomplete: bool,
}

/// Signs in and keeps the session token in the OS keyring.
#[tauri::command]
pub async fn sign_in(
    state: State<'_, AppState>,
    document_type: String,
    document_number: String,
    password: String,
    captcha_token: String,
) -> CommandResult<SignedIn> {
    let request = SignInRequest {
        document_type,
        document_number,
        password,
        captcha_token,
    };
    let mut api = client(&state, false).await?;
    let response = api.sign_in(&request).await.map_err(remote)?;
    state.vault.store(&response.token);
    Ok(SignedIn {
        profile_incomplete: response.profile_incomplete,
    })
}

/// Ends the session: tells the server when reachable and always deletes the local token.
#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> CommandResult<()> {
    if state.vault.load().is_some() {
        if let Ok(mut api) = client(&state, true).await {
            if let Err(error) = api.sign_out().await {
                tracing::warn!(%error, "server sign-out failed; the local token is deleted anyway");
            }
        }
    }
    state.vault.clear();
    Ok(())
}

/// Returns the signed-in applicant's profile.
#[tauri::command]
pub async fn profile_get(state: State<'_, AppState>) -> CommandResult<ProfileResponse> {
    client(&state, true).await?.profile().await.map_err(remote)
}

/// Lists the development inbox of the embedded server, newest first.
#[tauri::command]
pub async fn inbox_list(state: State<'_, AppState>) -> CommandResult<Vec<InboxMessage>> {
    let admin_token = state
        .embedded
        .lock()
        .await
        .as_ref()
        .map(|s| s.admin_token.clone());
    let Some(admin_token) = admin_token else {
        return Err(ErrorBody {
            code: "inbox.unavailable".into(),
            message: "只有内置模拟服务器提供开发收件箱。".into(),
            field: None,
        });
    };
    state
        .link()
        .await?
        .api(Some(admin_token))
        .map_err(|e| e.body())?
        .get("/admin/inbox")
        .await
        .map_err(remote)
}
