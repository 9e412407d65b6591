//! Verification codes by SMS and email: 6 digits, valid 5 minutes, single use, bound to
//! a purpose, at most 5 wrong entries, 60 s before a new code for the same destination
//! and purpose, and at most 3 SMS per phone number per Beijing day.
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
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sqlx::AnyConnection;

pub const VALID_MS: i64 = 5 * 60 * 1000;
pub const RESEND_MS: i64 = 60 * 1000;
pub const SMS_PER_DAY: i64 = 3;
pub const MAX_WRONG_ATTEMPTS: i64 = 5;

/// What a code may be used for; a code for one purpose never works for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Register,
    Reset,
    ChangeContact,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Register => "register",
            Purpose::Reset => "reset",
            Purpose::ChangeContact => "change_contact",
        }
    }

    pub fn parse(text: &str) -> Option<Purpose> {
        match text {
            "register" => Some(Purpose::Register),
            "reset" => Some(Purpose::Reset),
            "change_contact" => Some(Purpose::ChangeContact),
            _ => None,
        }
    }

    fn label_zh(self) -> &'static str {
        match self {
            Purpose::Register => "注册账号",
            Purpose::Reset => "找回密码",
            Purpose::ChangeContact => "修改联系方式",
        }
    }
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
         RETURNING day, sent_today",
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
    if channel == Channel::Sms && sent_before >= SMS_PER_DAY {
        let midnight = next_beijing_midnight(from_ms(now));
        return Err(AppError::too_many(
            "sms.daily_limit",
            format!("该手机号今天已接收 {SMS_PER_DAY} 条短信验证码，已达上限，请明天（北京时间 0 点后）再试，或改用其他方式。"),
            seconds_until(now, midnight.timestamp_millis()),
        )
        .with_field("phone"));
    }

    let last: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(created_at) FROM verification_codes WHERE destination_hash = $1 AND purpose = $2",
    )
    .bind(&dest_hash)
    .bind(purpose.as_str())
    .fetch_one(&mut *tx)
    .await?;
    if let Some(last) = last.filter(|last| now - last < RESEND_MS) {
        let wait = seconds_until(now, last + RESEND_MS);
        return Err(AppError::too_many(
            "code.too_soon",
            format!("验证码已发送，请 {wait} 秒后再重新获取。"),
            wait,
        ));
    }

    sqlx::query(
        "UPDATE verification_codes SET superseded_at = $1 \
         WHERE destination_hash = $2 AND purpose = $3 AND used_at IS NULL AND superseded_at IS NULL",
    )
    .bind(now)
    .bind(&dest_hash)
    .bind(purpose.as_str())
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
    .bind(purpose.as_str())
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
    let text = message::compose(channel, destination, purpose, &code);
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
    tracing::info!(channel = channel.as_str(), purpose = purpose.as_str(), code_id = %id, "verification code issued");

    let sms_left_today =
        (channel == Channel::Sms).then(|| (SMS_PER_DAY - sent_before - 1).max(0) as u32);
    Ok(IssuedCode {
        expires_at: from_ms(now + VALID_MS),
        resend_after: from_ms(now + RESEND_MS),
        sms_left_today,
    })
}

/// Checks `code` against the latest code sent to `destination` for `purpose` and uses
/// it up on success. A wrong entry is counted (and committed) even though the request
/// fails; after 5 wrong entries the code is dead and a new one must be requested.
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
    let row = sqlx::query(&format!(
        "SELECT id, code_hash, expires_at, wrong_attempts FROM verification_codes \
         WHERE destination_hash = $1 AND purpose = $2 AND used_at IS NULL AND superseded_at IS NULL \
         ORDER BY created_at DESC LIMIT 1{}",
        state.db.for_update()
    ))
    .bind(dest_hash)
    .bind(purpose.as_str())
    .fetch_optional(&mut *connection)
    .await?;
    let Some(row) = row else {
        return Err(
            AppError::bad_request("code.not_requested", "请先获取验证码。").with_field("code"),
        );
    };
    let id: String = get(&row, "id")?;
    let expires_at: i64 = get(&row, "expires_at")?;
    let wrong_attempts: i64 = get(&row, "wrong_attempts")?;
    if now > expires_at {
        return Err(AppError::bad_request(
            "code.expired",
            "验证码已过期（有效期 5 分钟），请重新获取。",
        )
        .with_field("code"));
    }
    if wrong_attempts >= MAX_WRONG_ATTEMPTS {
        return Err(AppError::bad_request(
            "code.attempts_exhausted",
            "验证码输错次数过多，已失效，请重新获取。",
        )
        .with_field("code"));
    }
    let stored: String = get(&row, "code_hash")?;
    if stored != code_hash(state, &id, code) {
        sqlx::query(
            "UPDATE verification_codes SET wrong_attempts = wrong_attempts + 1 WHERE id = $1",
        )
        .bind(&id)
        .execute(&mut *connection)
        .await?;
        let left = MAX_WRONG_ATTEMPTS - wrong_attempts - 1;
        return Err(AppError::bad_request(
            "code.wrong",
            format!("验证码不正确，还可以再输入 {left} 次。"),
        )
        .with_field("code"));
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
