//! Contact change requests submitted the way the recovery screens do: forgot password
//! for the account, a code proving the new email, then the form with the photo of the
//! applicant holding the document.

use super::{card_jpeg, code_in, TestServer};
use anyhow::{Context, Result};
use jszg_api::contact_change::{ContactChangeCodeRequest, ContactChangeForm, ContactKind};
use jszg_api::password_reset::StartPasswordResetRequest;

/// Asks for `new_email` to replace the email of 张三 (`number`) and returns the id.
pub async fn request_new_email(
    server: &TestServer,
    number: &str,
    new_email: &str,
) -> Result<String> {
    let client = server.client();
    let captcha_token = server.captcha("password_reset").await?;
    let started = client
        .start_password_reset(&StartPasswordResetRequest {
            document_type: "resident_id_card".into(),
            document_number: number.into(),
            name: "张三".into(),
            captcha_token,
        })
        .await?;
    client
        .send_contact_change_code(&ContactChangeCodeRequest {
            ticket: started.ticket.clone(),
            kind: ContactKind::Email,
            value: new_email.into(),
            captcha_token: server.captcha("send_code").await?,
        })
        .await?;
    let messages = server.wait_inbox(new_email, 1).await?;
    let code = code_in(&messages[0].body)?;
    let submitted = client
        .submit_contact_change(
            &ContactChangeForm {
                ticket: started.ticket,
                kind: ContactKind::Email,
                value: new_email.into(),
                code,
                reason: "原邮箱已停用，无法接收重置邮件。".into(),
            },
            card_jpeg(40),
            Some(&format!("staff-contact-{new_email}")),
        )
        .await?;
    Ok(submitted.id)
}

/// Returns the token of the reset link in an email body (`...?token=XYZ`).
pub fn link_token(body: &str) -> Result<String> {
    let start = body.find("token=").context("no reset link in the email")? + "token=".len();
    let token: String = body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    anyhow::ensure!(!token.is_empty(), "empty token in {body:?}");
    Ok(token)
}
