//! Submitting a contact change request, without signing in, after the first step of
//! forgot password matched the account.

use jszg_api::contact_change::{
    ContactChangeCodeRequest, ContactChangeForm, ContactChangeStatus, ContactChangeSubmitted,
    ContactKind,
};

use crate::captcha;

use crate::codes::{self, Purpose};
use crate::crypto::encrypt;
use crate::db::is_unique_violation;
use crate::error::{AppError, AppResult};
use crate::hooks::application_on_file;
use crate::http::recorded_response::Idempotency;
use crate::recovery::account_store::RecoveryAccount;
use crate::recovery::reset_start::account_of_ticket;
use crate::recovery::settings::{channel_of, parse_contact};
use crate::state::AppState;
use axum::http::StatusCode;
use sqlx::AnyConnection;

/// Longest accepted reason, in characters.
pub const MAX_REASON_CHARS: usize = 500;

fn pending_exists() -> AppError {
    AppError::conflict(
        "contact_change.pending_exists",
        "您已提交修改联系方式申请，请耐心等待审核结果，在此期间不能重复提交。",
    )
}

/// Sends a code to the new email or phone of a request. Each code needs a captcha
/// pass, so one ticket cannot send codes to many numbers by script.
pub async fn send_code(state: &AppState, request: &ContactChangeCodeRequest) -> AppResult<()> {
    let contact =
        parse_contact(request.kind, &request.value).map_err(|error| error.with_field("value"))?;
    let mut connection = state.db.pool.acquire().await?;
    let account = account_of_ticket(state, &mut connection, &request.ticket).await?;
    ensure_changed(&account, request.kind, &contact.value)?;
    captcha::consume_pass(
        &mut connection,
        state.clock.now_ms(),
        &request.captcha_token,
        "send_code",
    )
    .await?;
    drop(connection);
    codes::issue(
        state,
        channel_of(request.kind),
        &contact.value,
        Purpose::ChangeContact,
    )
    .await?;
    Ok(())
}

/// Rejects a request for the contact the account already has.
fn ensure_changed(account: &RecoveryAccount, kind: ContactKind, value: &str) -> AppResult<()> {
    let (current, what) = match kind {
        ContactKind::Email => (&account.email, "邮箱地址"),
        ContactKind::Phone => (&account.phone, "手机号码"),
    };
    if current != value {
        return Ok(());
    }
    Err(AppError::bad_request(
        "contact_change.same_value",
        format!("新的{what}与账号当前绑定的相同，无需申请修改，请直接使用“忘记密码”重置密码。"),
    )
    .with_field("value"))
}

/// Validates and stores a request with its photo. At most one request per account is
/// pending; the unique index decides between concurrent submissions.
pub async fn submit(
    state: &AppState,
    form: &ContactChangeForm,
    photo: &[u8],
    idempotency: &Idempotency,
) -> AppResult<ContactChangeSubmitted> {
    let mut connection = state.db.pool.acquire().await?;
    let account = account_of_ticket(state, &mut connection, &form.ticket).await?;
    ensure_open(&mut connection, &account.id).await?;
    drop(connection);
    let contact =
        parse_contact(form.kind, &form.value).map_err(|error| error.with_field("value"))?;
    ensure_changed(&account, form.kind, &contact.value)?;
    let reason = check_reason(&form.reason)?;
    check_photo(photo.to_vec()).await?;

    codes::verify(
        state,
        channel_of(form.kind),
        &contact.value,
        Purpose::ChangeContact,
        &form.code,
    )
    .await?;

    let now = state.clock.now();
    let id = uuid::Uuid::new_v4().to_string();
    let mut tx = state.db.begin_write().await?;
    let insert = sqlx::query(
        "INSERT INTO contact_change_requests (id, account_id, kind, new_value_enc, photo_enc, \
         reason, status, submitted_at, due_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8)",
    )
    .bind(&id)
    .bind(&account.id)
    .bind(super::kind_code(form.kind))
    .bind(encrypt(&state.keys, contact.value.as_bytes()))
    .bind(encrypt(&state.keys, photo))
    .bind(reason)
    .bind(now.timestamp_millis())
    .bind(super::due_at_ms(now))
    .execute(&mut *tx)
    .await;
    match insert {
        Ok(_) => {}
        Err(error) if is_unique_violation(&error) => return Err(pending_exists()),
        Err(error) => return Err(error.into()),
    }
    let submitted = submitted_reply(id, form.kind, now);
    idempotency
        .record(
            &mut tx,
            now.timestamp_millis(),
            StatusCode::CREATED,
            &submitted,
        )
        .await?;
    tx.commit().await?;
    tracing::info!(request_id = %submitted.id, account_id = %account.id, kind = super::kind_code(form.kind), "contact change request submitted");
    Ok(submitted)
}

/// Fails while an application is on file (such applicants sign in and change the
/// contact themselves) or while another request of the account is pending.
async fn ensure_open(connection: &mut AnyConnection, account_id: &str) -> AppResult<()> {
    if application_on_file(&mut *connection, account_id).await? {
        tracing::info!(
            account_id,
            "contact change request rejected: application on file"
        );
        return Err(AppError::conflict(
            "contact_change.application_on_file",
            "您已报名教师资格认定或定期注册，不能提交修改联系方式申请，请登录账号后自行修改联系方式。",
        ));
    }
    let pending: Option<String> = sqlx::query_scalar(
        "SELECT id FROM contact_change_requests WHERE account_id = $1 AND status = 'pending'",
    )
    .bind(account_id)
    .fetch_optional(connection)
    .await?;
    if pending.is_some() {
        return Err(pending_exists());
    }
    Ok(())
}

/// Builds the reply to a stored request, which says where the result will be sent.
fn submitted_reply(
    id: String,
    kind: jszg_api::contact_change::ContactKind,
    now: chrono::DateTime<chrono::Utc>,
) -> ContactChangeSubmitted {
    let destination = match kind {
        jszg_api::contact_change::ContactKind::Email => "新的邮箱",
        jszg_api::contact_change::ContactKind::Phone => "新的手机号码",
    };
    ContactChangeSubmitted {
        id,
        status: ContactChangeStatus::Pending,
        submitted_at: now,
        message: format!(
            "提交成功！请耐心等待工作人员审核，1个工作日内将审核结果发送至{destination}，请及时查收！"
        ),
    }
}

/// Returns the trimmed reason, or the error for an empty or too long one.
fn check_reason(reason: &str) -> AppResult<&str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(
            AppError::bad_request("contact_change.reason_missing", "请填写申请的原因。")
                .with_field("reason"),
        );
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(AppError::bad_request(
            "contact_change.reason_too_long",
            format!("申请的原因不能超过{MAX_REASON_CHARS}个字，请精简后再提交。"),
        )
        .with_field("reason"));
    }
    Ok(reason)
}

/// Rejects a photo that the photo rules do not accept, naming the first problem. The
/// check decodes the image, so it runs on the blocking pool: on the async workers a few
/// slow decodes would stall every other request and hold SQLite write locks open.
async fn check_photo(photo: Vec<u8>) -> AppResult<()> {
    // A file over the limit or in another format is rejected without decoding it.
    if let Some(issue) = jszg_photo::upload_error(&photo) {
        tracing::info!(code = issue.code, detail = %issue.message_en, "contact change photo rejected");
        return Err(AppError::bad_request(issue.code, issue.message).with_field("photo"));
    }
    let report = tokio::task::spawn_blocking(move || jszg_photo::check(&photo))
        .await
        .map_err(|error| {
            AppError::Internal(anyhow::Error::new(error).context("photo check panicked"))
        })?;
    if let Some(issue) = report.errors().next() {
        tracing::info!(code = issue.code, detail = %issue.message_en, "contact change photo rejected");
        return Err(AppError::bad_request(issue.code, issue.message.clone()).with_field("photo"));
    }
    if report.acceptable {
        Ok(())
    } else {
        Err(
            AppError::bad_request("photo.format", "请上传JPG格式的本人手持证件照片。")
                .with_field("photo"),
        )
    }
}
