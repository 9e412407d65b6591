//! The first step of forgot password, and the ticket that carries its result.
//!
//! Unknown document numbers and known ones with the wrong type or name get the same
//! answer (`password_reset.no_match`), after the same single query, so the step does
//! not tell whether an account exists. A legacy account is named only when type, number
//! and name all match it. Every attempt first uses up a captcha pass (purpose
//! `password_reset`), so names cannot be tried against a number by script.

use chrono::{DateTime, Duration, Utc};
use jszg_api::password_reset::{StartPasswordResetRequest, StartPasswordResetResponse};
use jszg_core::beijing::beijing_date;
use jszg_core::{DocumentNumber, DocumentType, PersonName, Rule};
use sqlx::AnyConnection;

use super::account_store::{self, RecoveryAccount};
use crate::captcha;
use crate::clock::Clock;
use crate::crypto::{random_token, token_hash};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// How long the applicant has to finish after the first step.
pub const TICKET_VALIDITY: Duration = Duration::minutes(30);

pub fn no_match() -> AppError {
    AppError::bad_request(
        "password_reset.no_match",
        "证件类型、证件号码或姓名有误，请核对后重新输入。",
    )
}

fn legacy_account() -> AppError {
    AppError::conflict(
        "password_reset.legacy_account",
        "2019年3月1日之前注册的账号不能重置密码，请重新注册账号。重新注册后，原账号将被替换。",
    )
}

fn ticket_invalid() -> AppError {
    AppError::bad_request(
        "password_reset.ticket_invalid",
        "本次找回密码已超时或已结束，请重新填写证件类型、证件号码和姓名。",
    )
    .with_field("ticket")
}

/// Maps a core rule violation to a 400 naming its field.
pub fn violation(rule: &dyn Rule) -> AppError {
    AppError::bad_request(rule.code(), rule.message_zh()).with_field(rule.field())
}

/// Matches type, number and name, and opens a ticket for the next steps.
pub async fn start(
    state: &AppState,
    request: &StartPasswordResetRequest,
) -> AppResult<StartPasswordResetResponse> {
    let kind = DocumentType::from_code(&request.document_type).ok_or_else(|| {
        AppError::bad_request("document_type.unknown", "请选择身份证件类型。")
            .with_field("document_type")
    })?;
    let today = beijing_date(state.clock.now());
    let document = DocumentNumber::parse(kind, &request.document_number, today)
        .map_err(|error| violation(&error))?;
    let name = PersonName::parse(&request.name, kind).map_err(|error| violation(&error))?;
    let hash = account_store::document_hash(&state.keys, &document);

    let mut connection = state.db.pool.acquire().await?;
    captcha::consume_pass(
        &mut connection,
        state.clock.now_ms(),
        &request.captcha_token,
        "password_reset",
    )
    .await?;
    let account = account_store::find_by_document_hash(&mut connection, &state.keys, &hash).await?;
    let account = match account {
        Some(account) if account.document_type == kind.code() && account.name == name.as_str() => {
            account
        }
        _ => {
            tracing::info!(document = %document.masked(), "password reset start did not match");
            return Err(no_match());
        }
    };
    if account.legacy {
        tracing::info!(account_id = %account.id, "password reset asked for a legacy account");
        return Err(legacy_account());
    }
    let (ticket, expires_at) =
        open_ticket(&mut connection, state.clock.as_ref(), &account.id).await?;
    Ok(StartPasswordResetResponse {
        ticket,
        ticket_expires_at: expires_at,
        masked_email: jszg_core::mask::mask_email(&account.email),
        masked_phone: jszg_core::mask::mask_phone(&account.phone),
        wechat_bound: account.wechat_open_id.is_some(),
    })
}

async fn open_ticket(
    connection: &mut AnyConnection,
    clock: &dyn Clock,
    account_id: &str,
) -> Result<(String, DateTime<Utc>), sqlx::Error> {
    let ticket = random_token();
    let now = clock.now();
    let expires_at = now + TICKET_VALIDITY;
    sqlx::query("DELETE FROM password_reset_tickets WHERE expires_at < $1")
        .bind(now.timestamp_millis())
        .execute(&mut *connection)
        .await?;
    sqlx::query(
        "INSERT INTO password_reset_tickets (token_hash, account_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash(&ticket))
    .bind(account_id)
    .bind(now.timestamp_millis())
    .bind(expires_at.timestamp_millis())
    .execute(&mut *connection)
    .await?;
    Ok((ticket, expires_at))
}

/// The account of an unexpired ticket.
pub async fn account_of_ticket(
    state: &AppState,
    connection: &mut AnyConnection,
    ticket: &str,
) -> AppResult<RecoveryAccount> {
    let account_id: Option<String> = sqlx::query_scalar(
        "SELECT account_id FROM password_reset_tickets WHERE token_hash = $1 AND expires_at >= $2",
    )
    .bind(token_hash(ticket))
    .bind(state.clock.now_ms())
    .fetch_optional(&mut *connection)
    .await?;
    let account_id = account_id.ok_or_else(ticket_invalid)?;
    account_store::find_by_id(connection, &state.keys, &account_id)
        .await?
        .ok_or_else(ticket_invalid)
}

/// Deletes the ticket once the reset it served is complete.
pub async fn close_ticket(connection: &mut AnyConnection, ticket: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM password_reset_tickets WHERE token_hash = $1")
        .bind(token_hash(ticket))
        .execute(connection)
        .await?;
    Ok(())
}

/// Deletes every open ticket of the account, once its password changed.
pub async fn close_tickets_of(
    connection: &mut AnyConnection,
    account_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM password_reset_tickets WHERE account_id = $1")
        .bind(account_id)
        .execute(connection)
        .await?;
    Ok(())
}
