//! Forgot password (email link, SMS code, WeChat), the codes of contact changes, and
//! the WeChat service account as the development server simulates it.

use super::account::{client, remote};
use super::CommandResult;
use crate::state::{store_error, AppState};
use jszg_api::account_settings::{ContactCodeRequest, ContactKind};
use jszg_api::client::ClientError;
use jszg_api::contact_change::{ContactChangeCodeRequest, ContactChangeView};
use jszg_api::password_reset::{
    CompleteResetWithLinkRequest, CompleteResetWithSmsRequest, PasswordResetCompleted,
    ResetMessageSent, StartPasswordResetRequest, StartPasswordResetResponse,
};
use jszg_api::wechat::{SimulatedWechatMessage, SimulatedWechatReply};
use jszg_api::ErrorBody;
use tauri::State;

/// Local setting holding the simulated WeChat user of this computer.
pub const WECHAT_OPEN_ID: &str = "wechat_open_id";

/// Starts forgot password with document type, number, name and a captcha pass. Returns
/// the ticket and the masked contacts. Any mismatch gets the server's one message.
#[tauri::command]
pub async fn reset_start(
    state: State<'_, AppState>,
    document_type: String,
    document_number: String,
    name: String,
    captcha_token: String,
) -> CommandResult<StartPasswordResetResponse> {
    let request = StartPasswordResetRequest {
        document_type,
        document_number,
        name,
        captcha_token,
    };
    client(&state, false)
        .await?
        .start_password_reset(&request)
        .await
        .map_err(remote)
}

/// Emails a reset link, valid 24 hours, to the bound address.
#[tauri::command]
pub async fn reset_email(
    state: State<'_, AppState>,
    ticket: String,
) -> CommandResult<ResetMessageSent> {
    client(&state, false)
        .await?
        .send_reset_email_link(&ticket)
        .await
        .map_err(remote)
}

/// Sends a reset code by SMS to the bound phone, with a captcha pass for the purpose
/// `send_code`.
#[tauri::command]
pub async fn reset_sms_code(
    state: State<'_, AppState>,
    ticket: String,
    captcha_token: String,
) -> CommandResult<ResetMessageSent> {
    client(&state, false)
        .await?
        .send_reset_sms_code(&ticket, &captcha_token)
        .await
        .map_err(remote)
}

/// Tells how to reset through the WeChat service account, or that the account is not
/// bound to WeChat.
#[tauri::command]
pub async fn reset_wechat(
    state: State<'_, AppState>,
    ticket: String,
) -> CommandResult<ResetMessageSent> {
    client(&state, false)
        .await?
        .reset_wechat_instructions(&ticket)
        .await
        .map_err(remote)
}

/// Sets the new password with the SMS code.
#[tauri::command]
pub async fn reset_complete(
    state: State<'_, AppState>,
    ticket: String,
    code: String,
    password: String,
    password_confirmation: String,
) -> CommandResult<PasswordResetCompleted> {
    let request = CompleteResetWithSmsRequest {
        ticket,
        code,
        password,
        password_confirmation,
    };
    client(&state, false)
        .await?
        .complete_reset_with_sms(&request)
        .await
        .map_err(remote)
}

/// Takes the token out of a pasted reset link (`...?token=T`), or the token itself.
pub fn token_of_link(link: &str) -> Option<String> {
    let link = link.trim();
    let token = match link.split_once("token=") {
        Some((_, rest)) => rest.split(['&', '#', ' ']).next().unwrap_or_default(),
        None if !link.contains(['/', '?', ' ']) => link,
        None => "",
    };
    (!token.is_empty()).then(|| token.to_string())
}

/// Sets the new password with the link from the reset email or the WeChat reply.
#[tauri::command]
pub async fn reset_complete_link(
    state: State<'_, AppState>,
    link: String,
    password: String,
    password_confirmation: String,
) -> CommandResult<PasswordResetCompleted> {
    let Some(token) = token_of_link(&link) else {
        return Err(ErrorBody {
            code: "password_reset.link_missing".into(),
            message: "请粘贴邮件或微信中收到的完整重置链接。".into(),
            field: Some("link".into()),
        });
    };
    let request = CompleteResetWithLinkRequest {
        token,
        password,
        password_confirmation,
    };
    client(&state, false)
        .await?
        .complete_reset_with_link(&request)
        .await
        .map_err(remote)
}

fn contact_kind(kind: &str) -> CommandResult<ContactKind> {
    match kind {
        "email" => Ok(ContactKind::Email),
        "phone" => Ok(ContactKind::Phone),
        _ => Err(ErrorBody {
            code: "contact.kind".into(),
            message: "请选择修改邮箱地址或手机号码。".into(),
            field: None,
        }),
    }
}

/// Sends a code to the new contact of a contact change request (forgot password), with
/// a captcha pass for the purpose `send_code`.
#[tauri::command]
pub async fn contact_change_code(
    state: State<'_, AppState>,
    ticket: String,
    kind: String,
    value: String,
    captcha_token: String,
) -> CommandResult<()> {
    let request = ContactChangeCodeRequest {
        ticket,
        kind: contact_kind(&kind)?,
        value,
        captcha_token,
    };
    client(&state, false)
        .await?
        .send_contact_change_code(&request)
        .await
        .map_err(remote)
}

/// Lists the contact change requests of the ticket's account, newest first, with each
/// decision and the reason of a rejection.
#[tauri::command]
pub async fn contact_change_requests(
    state: State<'_, AppState>,
    ticket: String,
) -> CommandResult<Vec<ContactChangeView>> {
    client(&state, false)
        .await?
        .contact_change_status(&ticket)
        .await
        .map_err(remote)
}

/// Sends a code to the new email or phone of a signed-in change.
#[tauri::command]
pub async fn contact_code(
    state: State<'_, AppState>,
    kind: String,
    value: String,
) -> CommandResult<()> {
    let request = ContactCodeRequest {
        kind: contact_kind(&kind)?,
        value,
    };
    client(&state, true)
        .await?
        .send_contact_code(&request)
        .await
        .map_err(remote)
}

async fn wechat_open_id(state: &AppState) -> CommandResult<String> {
    if let Some(id) = state
        .store
        .setting(WECHAT_OPEN_ID)
        .await
        .map_err(store_error)?
    {
        return Ok(id);
    }
    let id = format!("dev-{}", uuid::Uuid::new_v4().simple());
    state
        .store
        .set_setting(WECHAT_OPEN_ID, Some(&id))
        .await
        .map_err(store_error)?;
    Ok(id)
}

/// Sends `text`, or the menu click `menu_key` (`GET_CODE`, `RESET_PASSWORD`), to the
/// service account as this computer's simulated WeChat user, and returns the reply.
/// Only a development server offers the simulator; other servers return a coded error.
#[tauri::command]
pub async fn wechat_send(
    state: State<'_, AppState>,
    text: Option<String>,
    menu_key: Option<String>,
) -> CommandResult<SimulatedWechatReply> {
    let message = SimulatedWechatMessage {
        open_id: wechat_open_id(&state).await?,
        text: text.unwrap_or_default(),
        menu_key,
    };
    client(&state, false)
        .await?
        .simulate_wechat_message(&message)
        .await
        .map_err(|error| match error {
            // A server without the simulator route returns 404 without an error body.
            ClientError::Protocol(_) => ErrorBody {
                code: "wechat.simulator_disabled".into(),
                message: "该服务器不提供微信模拟器，请使用手机微信关注“中国教师资格服务号”。"
                    .into(),
                field: None,
            },
            other => remote(other),
        })
}

#[cfg(test)]
mod tests {
    use super::token_of_link;

    #[test]
    fn token_of_link_reads_link_or_bare_token() {
        assert_eq!(
            token_of_link(" https://jszg.example/reset?token=AbC123&x=1 ").as_deref(),
            Some("AbC123")
        );
        assert_eq!(token_of_link("AbC123").as_deref(), Some("AbC123"));
        assert_eq!(token_of_link("https://jszg.example/reset"), None);
        assert_eq!(token_of_link("  "), None);
        assert_eq!(token_of_link("https://x/reset?token="), None);
    }
}
