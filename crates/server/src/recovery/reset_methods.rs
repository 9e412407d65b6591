//! The three ways to finish forgot password: an email link, an SMS code to the bound
//! phone, or the WeChat service account (bound accounts only).

use jszg_api::password_reset::{
    CompleteResetWithLinkRequest, CompleteResetWithSmsRequest, PasswordResetCompleted,
    ResetMessageSent, ResetSmsCodeRequest,
};
use jszg_core::mask::{mask_email, mask_phone};

use super::new_password::{prepare_new_password, store_new_password, PasswordEvent};
use super::reset_links::{self, LinkOrigin};
use super::reset_start::{account_of_ticket, close_ticket};
use super::{account_store, notices};
use crate::captcha;
use crate::codes::{self, Purpose};
use crate::error::{AppError, AppResult};
use crate::outbox::{self, Channel};
use crate::state::AppState;

/// Most email links one account may be sent per Beijing day.
pub const MAX_EMAIL_LINKS_PER_DAY: i64 = 5;

/// Sends a 24-hour reset link to the bound email.
pub async fn send_email_link(state: &AppState, ticket: &str) -> AppResult<ResetMessageSent> {
    let mut tx = state.db.begin_write().await?;
    let account = account_of_ticket(state, &mut tx, ticket).await?;
    let day_start =
        jszg_core::beijing::beijing_day_start(jszg_core::beijing::beijing_date(state.clock.now()));
    let sent_today: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM password_reset_links \
         WHERE account_id = $1 AND origin = 'email' AND created_at >= $2",
    )
    .bind(&account.id)
    .bind(day_start.timestamp_millis())
    .fetch_one(&mut *tx)
    .await?;
    if sent_today >= MAX_EMAIL_LINKS_PER_DAY {
        return Err(AppError::too_many(
            "password_reset.email_daily_limit",
            "今天发送的密码重置邮件已达上限，请查收已发送的邮件，或明天再试。",
            3600,
        ));
    }
    let token = reset_links::create_link(
        &mut tx,
        state.clock.as_ref(),
        &account.id,
        LinkOrigin::Email,
    )
    .await?;
    let link = reset_links::link_url(&state.config.recovery.reset_link_base, &token);
    let notice = notices::reset_link_email(&link);
    outbox::enqueue(
        &mut tx,
        state.clock.as_ref(),
        Channel::Email,
        &account.email,
        &notice.subject,
        &notice.body,
    )
    .await?;
    tx.commit().await?;
    state.outbox_wakeup.notify_one();
    tracing::info!(account_id = %account.id, "password reset link queued");
    let sent_to = mask_email(&account.email);
    Ok(ResetMessageSent {
        message: format!("密码重置邮件已发送至 {sent_to}，请在24小时内点击邮件中的链接重置密码。如未收到，请查看垃圾邮件文件夹。"),
        sent_to,
    })
}

/// Sends a reset code by SMS to the bound phone, under the code rules of registration.
pub async fn send_sms_code(
    state: &AppState,
    request: &ResetSmsCodeRequest,
) -> AppResult<ResetMessageSent> {
    let mut connection = state.db.pool.acquire().await?;
    let account = account_of_ticket(state, &mut connection, &request.ticket).await?;
    captcha::consume_pass(
        &mut connection,
        state.clock.now_ms(),
        &request.captcha_token,
        "send_code",
    )
    .await?;
    drop(connection);
    codes::issue(state, Channel::Sms, &account.phone, Purpose::ResetPassword).await?;
    let sent_to = mask_phone(&account.phone);
    Ok(ResetMessageSent {
        message: format!("验证码已发送至 {sent_to}，5分钟内有效。"),
        sent_to,
    })
}

/// Tells a bound applicant how to reset through the service account.
pub async fn wechat_instructions(state: &AppState, ticket: &str) -> AppResult<ResetMessageSent> {
    let mut connection = state.db.pool.acquire().await?;
    let account = account_of_ticket(state, &mut connection, ticket).await?;
    if account.wechat_open_id.is_none() {
        return Err(AppError::bad_request(
            "password_reset.wechat_not_bound",
            "该账号未绑定微信服务号，请选择邮箱或短信方式重置密码。",
        ));
    }
    Ok(ResetMessageSent {
        sent_to: "中国教师资格服务号".into(),
        message: "请使用绑定的微信扫描二维码，进入“中国教师资格服务号”，点击“重置密码”，再按提示设置新密码。".into(),
    })
}

/// Completes a reset with the token of an email or WeChat link.
pub async fn complete_with_link(
    state: &AppState,
    request: &CompleteResetWithLinkRequest,
) -> AppResult<PasswordResetCompleted> {
    let mut connection = state.db.pool.acquire().await?;
    let account_id =
        reset_links::peek_link(&mut connection, state.clock.as_ref(), &request.token).await?;
    let account = account_store::find_by_id(&mut connection, &state.keys, &account_id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("reset link names a missing account")))?;
    drop(connection);
    let password_hash = prepare_new_password(
        state,
        &account,
        &request.password,
        &request.password_confirmation,
    )
    .await?;
    let mut tx = state.db.begin_write().await?;
    reset_links::use_link(&mut tx, state.clock.as_ref(), &request.token, &account.id).await?;
    store_new_password(
        &mut tx,
        state,
        &account,
        &password_hash,
        PasswordEvent::Reset,
        None,
    )
    .await?;
    tx.commit().await?;
    state.outbox_wakeup.notify_one();
    tracing::info!(account_id = %account.id, method = "link", "password reset completed");
    Ok(PasswordResetCompleted {
        masked_document_number: account.masked_document_number(),
    })
}

/// Completes a reset with the SMS code sent to the bound phone.
pub async fn complete_with_sms(
    state: &AppState,
    request: &CompleteResetWithSmsRequest,
) -> AppResult<PasswordResetCompleted> {
    let mut connection = state.db.pool.acquire().await?;
    let account = account_of_ticket(state, &mut connection, &request.ticket).await?;
    drop(connection);
    let password_hash = prepare_new_password(
        state,
        &account,
        &request.password,
        &request.password_confirmation,
    )
    .await?;
    codes::verify(
        state,
        Channel::Sms,
        &account.phone,
        Purpose::ResetPassword,
        &request.code,
    )
    .await?;
    let mut tx = state.db.begin_write().await?;
    close_ticket(&mut tx, &request.ticket).await?;
    store_new_password(
        &mut tx,
        state,
        &account,
        &password_hash,
        PasswordEvent::Reset,
        None,
    )
    .await?;
    tx.commit().await?;
    state.outbox_wakeup.notify_one();
    tracing::info!(account_id = %account.id, method = "sms", "password reset completed");
    Ok(PasswordResetCompleted {
        masked_document_number: account.masked_document_number(),
    })
}
