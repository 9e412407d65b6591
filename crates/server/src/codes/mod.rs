//! Verification codes by SMS and email: 6 digits, valid 5 minutes, single use, bound to
//! a purpose, at most 5 wrong entries, 60 s before a new code to the same destination,
//! and at most 3 SMS per phone number per Beijing day. The rules themselves live in
//! `jszg_core::code`.
//!
//! Every limit is checked and recorded in one transaction that first locks the
//! destination's row in `code_senders`, so concurrent requests, also on other instances,
//! queue up behind each other and cannot overshoot.

mod message;
pub mod routes;

use crate::clock::{beijing_day, from_ms};
use crate::crypto::lookup_hash;
use crate::db::get;
use crate::error::{AppError, AppResult};
use crate::outbox::{self, Channel};
use crate::state::AppState;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sqlx::AnyConnection;

pub use jszg_core::code::CodePurpose as Purpose;

use jszg_core::code::{
    check_code_usable, check_resend_interval, check_sms_daily_limit, wrong_code,
    CODE_RESEND_INTERVAL, CODE_VALIDITY, MAX_SMS_PER_PHONE_PER_DAY,
};

const VALID_MS: i64 = CODE_VALIDITY.num_milliseconds();

/// Returns the wire and storage name of a purpose.
pub fn purpose_code(purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::Register => "register",
        Purpose::ResetPassword => "reset_password",
        Purpose::ChangeContact => "change_contact",
    }
}

/// Reads a purpose from its wire name.
pub fn parse_purpose(text: &str) -> Option<Purpose> {
    Purpose::ALL
        .into_iter()
        .find(|purpose| purpose_code(*purpose) == text)
}

/// A code that was queued for delivery.
#[derive(Debug, Clone)]
pub struct IssuedCode {
    pub expires_at: DateTime<Utc>,
    pub resend_after: DateTime<Utc>,
    pub sms_left_today: Option<u32>,
}

fn destination_hash(state: &AppState, channel: Channel, destination: &str) -> String {
    lookup_hash(&state.keys, &format!("{}:{destination}", channel.as_str()))
}

fn code_hash(state: &AppState, code_id: &str, code: &str) -> String {
    lookup_hash(&state.keys, &format!("code:{code_id}:{code}"))
}

/// Creates a code for `destination` (already normalised) and queues its message. The
/// caller has checked who may ask (captcha, account).
pub async fn issue(
    state: &AppState,
    channel: Channel,
    destination: &str,
    purpose: Purpose,
) -> AppResult<IssuedCode> {
    let now = state.clock.now_ms();
    let today = beijing_day(from_ms(now)).to_string();
    let dest_hash = destination_hash(state, channel, destination);
    let mut tx = state.db.begin_write().await?;

    // The upsert locks the destination's row until commit (PostgreSQL row lock; SQLite
    // already holds the write lock from BEGIN IMMEDIATE).
    let row = sqlx::query(
        "INSERT INTO code_senders (destination_hash, day, sent_today, last_sent_at) VALUES ($1, $2, 0, 0) \
         ON CONFLICT (destination_hash) DO UPDATE SET day = code_senders.day \
         RETURNING day, sent_today, last_sent_at",
    )
    .bind(&dest_hash)
    .bind(&today)
    .fetch_one(&mut *tx)
    .await?;
    let day: String = get(&row, "day")?;
    let sent_before: i64 = if day == today {
        get(&row, "sent_today")?
    } else {
        0
    };
    let last_sent_at: i64 = get(&row, "last_sent_at")?;
    let last_sent = (last_sent_at > 0).then(|| from_ms(last_sent_at));
    if channel == Channel::Sms {
        if let Err(error) = check_sms_daily_limit(u32::try_from(sent_before).unwrap_or(u32::MAX)) {
            let midnight = next_beijing_midnight(from_ms(now));
            let wait = seconds_until(now, midnight.timestamp_millis());
            return Err(AppError::rule_with_status(
                &error,
                StatusCode::TOO_MANY_REQUESTS,
                Some(wait),
            )
            .with_field("phone"));
        }
    }
    if let Err(error) = check_resend_interval(last_sent, from_ms(now)) {
        let wait = match error {
            jszg_core::code::CodeRequestError::ResendTooSoon {
                retry_after_seconds,
            } => retry_after_seconds.max(1) as u64,
            _ => 60,
        };
        return Err(AppError::rule_with_status(
            &error,
            StatusCode::TOO_MANY_REQUESTS,
            Some(wait),
        ));
    }

    sqlx::query(
        "UPDATE verification_codes SET superseded_at = $1 \
         WHERE destination_hash = $2 AND purpose = $3 AND used_at IS NULL AND superseded_at IS NULL",
    )
    .bind(now)
    .bind(&dest_hash)
    .bind(purpose_code(purpose))
    .execute(&mut *tx)
    .await?;
    let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000u32));
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO verification_codes (id, channel, destination_hash, purpose, code_hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(channel.as_str())
    .bind(&dest_hash)
    .bind(purpose_code(purpose))
    .bind(code_hash(state, &id, &code))
    .bind(now)
    .bind(now + VALID_MS)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE code_senders SET day = $1, sent_today = $2, last_sent_at = $3 WHERE destination_hash = $4")
        .bind(&today)
        .bind(sent_before + 1)
        .bind(now)
        .bind(&dest_hash)
        .execute(&mut *tx)
        .await?;
    let text = message::compose(purpose, &code);
    outbox::enqueue(
        &mut tx,
        state.clock.as_ref(),
        channel,
        destination,
        &text.subject,
        &text.body,
    )
    .await?;
    tx.commit().await?;
    state.outbox_wakeup.notify_one();
    tracing::info!(channel = channel.as_str(), purpose = purpose_code(purpose), code_id = %id, "verification code issued");

    let sent_now = u32::try_from(sent_before + 1).unwrap_or(u32::MAX);
    let sms_left_today =
        (channel == Channel::Sms).then(|| MAX_SMS_PER_PHONE_PER_DAY.saturating_sub(sent_now));
    Ok(IssuedCode {
        expires_at: from_ms(now + VALID_MS),
        resend_after: from_ms(now + CODE_RESEND_INTERVAL.num_milliseconds()),
        sms_left_today,
    })
}

/// Checks `code` against the latest code sent to `destination` for `purpose` and uses
/// it up on success. A wrong entry is counted and committed even though the request
/// fails. After 5 wrong entries the code is dead and a new one must be requested.
pub async fn verify(
    state: &AppState,
    channel: Channel,
    destination: &str,
    purpose: Purpose,
    code: &str,
) -> AppResult<()> {
    let code =
        jszg_core::code::VerificationCode::parse(code).map_err(|error| AppError::rule(&error))?;
    let now = state.clock.now_ms();
    let dest_hash = destination_hash(state, channel, destination);
    let mut tx = state.db.begin_write().await?;
    let outcome = check_latest(state, &mut tx, &dest_hash, purpose, code.as_str(), now).await;
    // Commit in every case: a wrong entry must stay counted.
    tx.commit().await?;
    outcome
}

async fn check_latest(
    state: &AppState,
    connection: &mut AnyConnection,
    dest_hash: &str,
    purpose: Purpose,
    code: &str,
    now: i64,
) -> AppResult<()> {
    // The newest code for the destination, whatever its purpose, so that a code sent for
    // another purpose is reported as such instead of as missing.
    let row = sqlx::query(&format!(
        "SELECT id, purpose, code_hash, created_at, wrong_attempts, used_at FROM verification_codes \
         WHERE destination_hash = $1 AND superseded_at IS NULL \
         ORDER BY created_at DESC LIMIT 1{}",
        state.db.for_update()
    ))
    .bind(dest_hash)
    .fetch_optional(&mut *connection)
    .await?;
    let Some(row) = row else {
        return Err(
            AppError::bad_request("code.not_requested", "请先获取验证码。").with_field("code"),
        );
    };
    let id: String = get(&row, "id")?;
    let sent_for: String = get(&row, "purpose")?;
    let sent_for = parse_purpose(&sent_for)
        .ok_or_else(|| anyhow::anyhow!("code {id} has unknown purpose {sent_for:?}"))?;
    let created_at: i64 = get(&row, "created_at")?;
    let wrong_attempts: i64 = get(&row, "wrong_attempts")?;
    let used_at: Option<i64> = get(&row, "used_at")?;
    let wrong_entries = u32::try_from(wrong_attempts).unwrap_or(u32::MAX);
    check_code_usable(
        sent_for,
        purpose,
        from_ms(created_at),
        wrong_entries,
        used_at.is_some(),
        from_ms(now),
    )
    .map_err(|error| AppError::rule(&error))?;
    let stored: String = get(&row, "code_hash")?;
    if stored != code_hash(state, &id, code) {
        sqlx::query(
            "UPDATE verification_codes SET wrong_attempts = wrong_attempts + 1 WHERE id = $1",
        )
        .bind(&id)
        .execute(&mut *connection)
        .await?;
        return Err(AppError::rule(&wrong_code(wrong_entries + 1)));
    }
    sqlx::query("UPDATE verification_codes SET used_at = $1 WHERE id = $2")
        .bind(now)
        .bind(&id)
        .execute(&mut *connection)
        .await?;
    Ok(())
}

fn next_beijing_midnight(now: DateTime<Utc>) -> DateTime<Utc> {
    let tomorrow = beijing_day(now) + Duration::days(1);
    jszg_core::beijing::beijing_day_start(tomorrow)
}

fn seconds_until(now_ms: i64, at_ms: i64) -> u64 {
    ((at_ms - now_ms).max(0) as u64).div_ceil(1000)
}
