//! Routes of forgot password, signed-in changes and contact change requests.

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::routing::{post, put};
use axum::{Json, Router};
use jszg_api::account_settings::{
    ChangeContactRequest, ChangePasswordRequest, ContactChanged, ContactCodeRequest, ContactKind,
};
use jszg_api::contact_change::{
    ContactChangeCodeRequest, ContactChangeForm, ContactChangeSubmitted, ContactChangeTicket,
    ContactChangeView,
};
use jszg_api::password_reset::{
    CompleteResetWithLinkRequest, CompleteResetWithSmsRequest, PasswordResetCompleted,
    ResetMessageSent, ResetSmsCodeRequest, ResetTicketRequest, StartPasswordResetRequest,
    StartPasswordResetResponse,
};

use super::{reset_methods, reset_start, settings};
use crate::contact_change::{status, submit};
use crate::error::{AppError, AppResult};
use crate::http::json_body::JsonBody;
use crate::http::recorded_response::Idempotency;
use crate::sessions::Applicant;
use crate::state::AppState;

/// Largest accepted multipart body of a contact change request: the 190 KB photo and
/// the text fields.
pub const MAX_CONTACT_CHANGE_BODY_BYTES: usize = 256 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/password-resets", post(start_reset))
        .route("/password-resets/email-link", post(send_email_link))
        .route("/password-resets/sms-code", post(send_sms_code))
        .route("/password-resets/wechat", post(wechat_instructions))
        .route(
            "/password-resets/complete-with-link",
            post(complete_with_link),
        )
        .route(
            "/password-resets/complete-with-sms",
            post(complete_with_sms),
        )
        .route("/account/password", put(change_password))
        .route("/account/contact-codes", post(send_contact_code))
        .route("/account/email", put(change_email))
        .route("/account/phone", put(change_phone))
        .route(
            "/contact-change-requests/codes",
            post(send_contact_change_code),
        )
        .route(
            "/contact-change-requests/status",
            post(contact_change_status),
        )
        .route(
            "/contact-change-requests/{id}/photo",
            post(contact_change_photo),
        )
        .route(
            "/contact-change-requests",
            post(submit_contact_change).layer(axum::extract::DefaultBodyLimit::max(
                MAX_CONTACT_CHANGE_BODY_BYTES,
            )),
        )
        .merge(crate::wechat::router())
}

async fn start_reset(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<StartPasswordResetRequest>,
) -> AppResult<Json<StartPasswordResetResponse>> {
    reset_start::start(&state, &request).await.map(Json)
}

async fn send_email_link(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<ResetTicketRequest>,
) -> AppResult<Json<ResetMessageSent>> {
    reset_methods::send_email_link(&state, &request.ticket)
        .await
        .map(Json)
}

async fn send_sms_code(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<ResetSmsCodeRequest>,
) -> AppResult<Json<ResetMessageSent>> {
    reset_methods::send_sms_code(&state, &request)
        .await
        .map(Json)
}

async fn wechat_instructions(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<ResetTicketRequest>,
) -> AppResult<Json<ResetMessageSent>> {
    reset_methods::wechat_instructions(&state, &request.ticket)
        .await
        .map(Json)
}

async fn complete_with_link(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<CompleteResetWithLinkRequest>,
) -> AppResult<Json<PasswordResetCompleted>> {
    reset_methods::complete_with_link(&state, &request)
        .await
        .map(Json)
}

async fn complete_with_sms(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<CompleteResetWithSmsRequest>,
) -> AppResult<Json<PasswordResetCompleted>> {
    reset_methods::complete_with_sms(&state, &request)
        .await
        .map(Json)
}

async fn change_password(
    Applicant(session): Applicant,
    State(state): State<AppState>,
    JsonBody(request): JsonBody<ChangePasswordRequest>,
) -> AppResult<StatusCode> {
    settings::change_password(&state, &session.subject_id, &session.token_hash, &request).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn send_contact_code(
    _session: Applicant,
    State(state): State<AppState>,
    JsonBody(request): JsonBody<ContactCodeRequest>,
) -> AppResult<StatusCode> {
    settings::send_contact_code(&state, &request).await?;
    Ok(StatusCode::ACCEPTED)
}

async fn change_email(
    Applicant(session): Applicant,
    State(state): State<AppState>,
    JsonBody(request): JsonBody<ChangeContactRequest>,
) -> AppResult<Json<ContactChanged>> {
    settings::change_contact(&state, &session.subject_id, ContactKind::Email, &request)
        .await
        .map(Json)
}

async fn change_phone(
    Applicant(session): Applicant,
    State(state): State<AppState>,
    JsonBody(request): JsonBody<ChangeContactRequest>,
) -> AppResult<Json<ContactChanged>> {
    settings::change_contact(&state, &session.subject_id, ContactKind::Phone, &request)
        .await
        .map(Json)
}

async fn send_contact_change_code(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<ContactChangeCodeRequest>,
) -> AppResult<StatusCode> {
    submit::send_code(&state, &request).await?;
    Ok(StatusCode::ACCEPTED)
}

async fn submit_contact_change(
    State(state): State<AppState>,
    idempotency: Idempotency,
    multipart: Multipart,
) -> AppResult<(StatusCode, Json<ContactChangeSubmitted>)> {
    let (form, photo) = read_contact_change_form(multipart).await?;
    let submitted = submit::submit(&state, &form, &photo, &idempotency).await?;
    Ok((StatusCode::CREATED, Json(submitted)))
}

/// The applicant's own requests, newest first, with the reason of a rejection.
#[utoipa::path(post, path = "/api/v1/contact-change-requests/status", tag = "contact-change",
    request_body = ContactChangeTicket,
    responses((status = 200, body = Vec<ContactChangeView>),
        (status = 400, description = "password_reset.ticket_invalid", body = jszg_api::ErrorBody)))]
pub async fn contact_change_status(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<ContactChangeTicket>,
) -> AppResult<Json<Vec<ContactChangeView>>> {
    status::own_requests(&state, &request.ticket)
        .await
        .map(Json)
}

/// The photo of one of the applicant's own requests, as `image/jpeg`. Audited.
#[utoipa::path(post, path = "/api/v1/contact-change-requests/{id}/photo", tag = "contact-change",
    request_body = ContactChangeTicket,
    responses((status = 200, content_type = "image/jpeg"),
        (status = 400, description = "password_reset.ticket_invalid", body = jszg_api::ErrorBody),
        (status = 404, description = "contact_change.not_found", body = jszg_api::ErrorBody)))]
pub async fn contact_change_photo(
    State(state): State<AppState>,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<ContactChangeTicket>,
) -> AppResult<axum::response::Response> {
    let photo = status::own_photo(&state, &request.ticket, &id).await?;
    Ok(crate::review::photos::jpeg_response(photo))
}

fn form_error(field: &str) -> AppError {
    let label = match field {
        "ticket" => "找回密码凭证",
        "kind" => "修改项（邮箱地址或手机号码）",
        "value" => "新的联系方式",
        "code" => "验证码",
        "reason" => "申请的原因",
        "photo" => "本人手持身份证件照片",
        other => {
            return AppError::bad_request(
                "contact_change.unknown_field",
                format!("申请表中有多余的一项“{other}”，请使用本应用重新提交。"),
            )
            .with_field(other)
        }
    };
    AppError::bad_request(
        "contact_change.form_invalid",
        format!("申请表缺少或填错了“{label}”一项，请检查后重新提交。"),
    )
    .with_field(field)
}

/// Reads the multipart form: the text fields of [`ContactChangeForm`] and `photo`.
async fn read_contact_change_form(
    mut multipart: Multipart,
) -> AppResult<(ContactChangeForm, Vec<u8>)> {
    let mut fields = std::collections::HashMap::new();
    let mut photo = None;
    while let Some(field) = multipart.next_field().await.map_err(|error| {
        tracing::info!(error = %error, "contact change form unreadable");
        AppError::bad_request(
            "contact_change.form_invalid",
            "申请表无法读取，照片须小于190KB，请检查后重新提交。",
        )
    })? {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(|_| form_error(&name))?;
        if name == "photo" {
            photo = Some(bytes.to_vec());
        } else {
            let text = String::from_utf8(bytes.to_vec()).map_err(|_| form_error(&name))?;
            fields.insert(name, text);
        }
    }
    let mut take = |name: &str| fields.remove(name).ok_or_else(|| form_error(name));
    let kind = match take("kind")?.as_str() {
        "email" => ContactKind::Email,
        "phone" => ContactKind::Phone,
        _ => return Err(form_error("kind")),
    };
    let form = ContactChangeForm {
        ticket: take("ticket")?,
        kind,
        value: take("value")?,
        code: take("code")?,
        reason: take("reason")?,
    };
    if let Some(extra) = fields.keys().next() {
        tracing::info!(field = %extra, "contact change form has an unknown field");
        return Err(form_error(extra));
    }
    let photo = photo.ok_or_else(|| {
        AppError::bad_request("photo.missing", "请上传一张本人手持身份证件的清晰照片。")
            .with_field("photo")
    })?;
    Ok((form, photo))
}
