//! Client calls of forgot password, signed-in changes, contact change requests and the
//! WeChat simulator.

use super::{ApiClient, ClientError};
use crate::account_settings::{
    ChangeContactRequest, ChangePasswordRequest, ContactChanged, ContactCodeRequest, ContactKind,
};
use crate::contact_change::{
    ContactChangeCodeRequest, ContactChangeForm, ContactChangeSubmitted, ContactChangeTicket,
    ContactChangeView,
};
use crate::password_reset::{
    CompleteResetWithLinkRequest, CompleteResetWithSmsRequest, PasswordResetCompleted,
    ResetMessageSent, ResetSmsCodeRequest, ResetTicketRequest, StartPasswordResetRequest,
    StartPasswordResetResponse,
};
use crate::wechat::{SimulatedWechatMessage, SimulatedWechatReply};

impl ApiClient {
    /// First step of forgot password: type, number and name.
    pub async fn start_password_reset(
        &self,
        request: &StartPasswordResetRequest,
    ) -> Result<StartPasswordResetResponse, ClientError> {
        self.post("/password-resets", request, None).await
    }

    /// Emails a 24-hour reset link to the bound address.
    pub async fn send_reset_email_link(
        &self,
        ticket: &str,
    ) -> Result<ResetMessageSent, ClientError> {
        let request = ResetTicketRequest {
            ticket: ticket.to_owned(),
        };
        self.post("/password-resets/email-link", &request, None)
            .await
    }

    /// Sends a reset code by SMS to the bound phone.
    pub async fn send_reset_sms_code(
        &self,
        ticket: &str,
        captcha_token: &str,
    ) -> Result<ResetMessageSent, ClientError> {
        let request = ResetSmsCodeRequest {
            ticket: ticket.to_owned(),
            captcha_token: captcha_token.to_owned(),
        };
        self.post("/password-resets/sms-code", &request, None).await
    }

    /// Instructions for resetting through the WeChat service account.
    pub async fn reset_wechat_instructions(
        &self,
        ticket: &str,
    ) -> Result<ResetMessageSent, ClientError> {
        let request = ResetTicketRequest {
            ticket: ticket.to_owned(),
        };
        self.post("/password-resets/wechat", &request, None).await
    }

    /// Sets the new password with the token of an email or WeChat link.
    pub async fn complete_reset_with_link(
        &self,
        request: &CompleteResetWithLinkRequest,
    ) -> Result<PasswordResetCompleted, ClientError> {
        self.post("/password-resets/complete-with-link", request, None)
            .await
    }

    /// Sets the new password with the SMS code.
    pub async fn complete_reset_with_sms(
        &self,
        request: &CompleteResetWithSmsRequest,
    ) -> Result<PasswordResetCompleted, ClientError> {
        self.post("/password-resets/complete-with-sms", request, None)
            .await
    }

    /// Signed-in password change; every other session ends.
    pub async fn change_password(
        &self,
        request: &ChangePasswordRequest,
    ) -> Result<(), ClientError> {
        let _: serde_json::Value = self.put("/account/password", request).await?;
        Ok(())
    }

    /// Sends a code to the new email or phone of a signed-in change.
    pub async fn send_contact_code(&self, request: &ContactCodeRequest) -> Result<(), ClientError> {
        let _: serde_json::Value = self.post("/account/contact-codes", request, None).await?;
        Ok(())
    }

    /// Signed-in change of the email or phone.
    pub async fn change_contact(
        &self,
        kind: ContactKind,
        request: &ChangeContactRequest,
    ) -> Result<ContactChanged, ClientError> {
        let path = match kind {
            ContactKind::Email => "/account/email",
            ContactKind::Phone => "/account/phone",
        };
        self.put(path, request).await
    }

    /// Sends a code to the new contact of a contact change request.
    pub async fn send_contact_change_code(
        &self,
        request: &ContactChangeCodeRequest,
    ) -> Result<(), ClientError> {
        let _: serde_json::Value = self
            .post("/contact-change-requests/codes", request, None)
            .await?;
        Ok(())
    }

    /// Submits a contact change request with the JPEG `photo`. `idempotency_key` makes a
    /// retry after a lost response safe.
    pub async fn submit_contact_change(
        &self,
        form: &ContactChangeForm,
        photo: Vec<u8>,
        idempotency_key: Option<&str>,
    ) -> Result<ContactChangeSubmitted, ClientError> {
        let kind = match form.kind {
            ContactKind::Email => "email",
            ContactKind::Phone => "phone",
        };
        let photo = reqwest::multipart::Part::bytes(photo)
            .file_name("photo.jpg")
            .mime_str("image/jpeg")
            .map_err(|error| ClientError::Protocol(format!("invalid photo part: {error}")))?;
        let multipart = reqwest::multipart::Form::new()
            .text("ticket", form.ticket.clone())
            .text("kind", kind)
            .text("value", form.value.clone())
            .text("code", form.code.clone())
            .text("reason", form.reason.clone())
            .part("photo", photo);
        let mut request = self
            .http
            .post(self.url("/contact-change-requests"))
            .multipart(multipart);
        if let Some(key) = idempotency_key {
            request = request.header(crate::IDEMPOTENCY_KEY_HEADER, key);
        }
        self.send(request).await
    }

    /// The contact change requests of the ticket's account, newest first, with the
    /// reason of a rejection.
    pub async fn contact_change_status(
        &self,
        ticket: &str,
    ) -> Result<Vec<ContactChangeView>, ClientError> {
        let request = ContactChangeTicket {
            ticket: ticket.to_string(),
        };
        self.post("/contact-change-requests/status", &request, None)
            .await
    }

    /// The photo of one of the ticket's account's requests.
    pub async fn contact_change_photo(
        &self,
        ticket: &str,
        id: &str,
    ) -> Result<Vec<u8>, ClientError> {
        let request = self
            .http
            .post(self.url(&format!("/contact-change-requests/{id}/photo")))
            .json(&ContactChangeTicket {
                ticket: ticket.to_string(),
            });
        self.send_for_bytes(request).await
    }

    /// Sends a message as a simulated WeChat user (development server only).
    pub async fn simulate_wechat_message(
        &self,
        message: &SimulatedWechatMessage,
    ) -> Result<SimulatedWechatReply, ClientError> {
        self.post("/dev/wechat/messages", message, None).await
    }
}
