use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Rule;

/// How long a code can be used after it was sent.
pub const CODE_VALIDITY: TimeDelta = TimeDelta::minutes(5);
/// Minimum time between two codes for the same phone number or email address.
pub const CODE_RESEND_INTERVAL: TimeDelta = TimeDelta::seconds(60);
/// Wrong entries after which a code can no longer be used.
pub const MAX_WRONG_CODE_ENTRIES: u32 = 5;
/// SMS codes one phone number may receive per Beijing day, for all purposes together.
pub const MAX_SMS_PER_PHONE_PER_DAY: u32 = 3;

/// Purpose a code was sent for. A code is accepted only for its own purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodePurpose {
    Register,
    ResetPassword,
    ChangeContact,
}

impl CodePurpose {
    pub const ALL: [CodePurpose; 3] = [
        CodePurpose::Register,
        CodePurpose::ResetPassword,
        CodePurpose::ChangeContact,
    ];

    /// Chinese wording used in the message that carries the code.
    pub fn label_zh(self) -> &'static str {
        match self {
            CodePurpose::Register => "注册账号",
            CodePurpose::ResetPassword => "找回密码",
            CodePurpose::ChangeContact => "修改联系方式",
        }
    }
}

/// Reason a new code cannot be sent now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeRequestError {
    #[error("a code was sent less than 60 s ago, retry after {retry_after_seconds} s")]
    ResendTooSoon { retry_after_seconds: i64 },
    #[error("the daily SMS limit of this phone number is reached")]
    SmsDailyLimit,
}

impl Rule for CodeRequestError {
    fn code(&self) -> &'static str {
        match self {
            CodeRequestError::ResendTooSoon { .. } => "code.resend_too_soon",
            CodeRequestError::SmsDailyLimit => "sms.daily_limit",
        }
    }

    fn field(&self) -> &'static str {
        "code"
    }

    fn message_zh(&self) -> String {
        match self {
            CodeRequestError::ResendTooSoon {
                retry_after_seconds,
            } => format!("验证码已发送，请 {retry_after_seconds} 秒后再重新获取。"),
            CodeRequestError::SmsDailyLimit => format!(
                "这个手机号码今天已收到 {MAX_SMS_PER_PHONE_PER_DAY} 条短信验证码，已达上限，请明天（北京时间 0 点以后）再试。"
            ),
        }
    }
}

/// Reason an entered code is not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeEntryError {
    #[error("code is wrong, {remaining} attempts left")]
    Wrong { remaining: u32 },
    #[error("code has expired")]
    Expired,
    #[error("code has already been used")]
    Used,
    #[error("code was entered wrongly too many times")]
    TooManyWrongEntries,
    #[error("code was sent for another purpose")]
    WrongPurpose,
}

impl Rule for CodeEntryError {
    fn code(&self) -> &'static str {
        match self {
            CodeEntryError::Wrong { .. } => "code.wrong",
            CodeEntryError::Expired => "code.expired",
            CodeEntryError::Used => "code.used",
            CodeEntryError::TooManyWrongEntries => "code.too_many_attempts",
            CodeEntryError::WrongPurpose => "code.wrong_purpose",
        }
    }

    fn field(&self) -> &'static str {
        "code"
    }

    fn message_zh(&self) -> String {
        let request_again = "请重新获取验证码。";
        match self {
            CodeEntryError::Wrong { remaining: 0 } => {
                format!("验证码不正确，这个验证码已不能再用，{request_again}")
            }
            CodeEntryError::Wrong { remaining } => {
                format!("验证码不正确，还可以再输入 {remaining} 次。")
            }
            CodeEntryError::Expired => format!("验证码已过期（有效期 5 分钟），{request_again}"),
            CodeEntryError::Used => format!("这个验证码已经用过，{request_again}"),
            CodeEntryError::TooManyWrongEntries => {
                format!("验证码输错次数过多，已失效，{request_again}")
            }
            CodeEntryError::WrongPurpose => {
                format!("这个验证码不是为当前操作发送的，{request_again}")
            }
        }
    }
}

/// Checks that a new code may be sent to the same address: at least
/// [`CODE_RESEND_INTERVAL`] after `last_sent_at`.
pub fn check_resend_interval(
    last_sent_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), CodeRequestError> {
    let Some(last) = last_sent_at else {
        return Ok(());
    };
    let wait = last + CODE_RESEND_INTERVAL - now;
    if wait > TimeDelta::zero() {
        // Round up, so that a client retrying after the stated time is never early.
        let retry_after_seconds = (wait.num_milliseconds() + 999) / 1000;
        return Err(CodeRequestError::ResendTooSoon {
            retry_after_seconds,
        });
    }
    Ok(())
}

/// Checks the SMS count of one phone number for the current Beijing day (count the SMS
/// sent between [`crate::beijing::beijing_day_start`] of today and now).
pub fn check_sms_daily_limit(sent_today: u32) -> Result<(), CodeRequestError> {
    if sent_today >= MAX_SMS_PER_PHONE_PER_DAY {
        return Err(CodeRequestError::SmsDailyLimit);
    }
    Ok(())
}

/// Checks, before comparing the digits, that a stored code can still be used for
/// `purpose`: not used, not entered wrongly too often, and sent less than
/// [`CODE_VALIDITY`] ago.
pub fn check_code_usable(
    sent_for: CodePurpose,
    purpose: CodePurpose,
    sent_at: DateTime<Utc>,
    wrong_entries: u32,
    used: bool,
    now: DateTime<Utc>,
) -> Result<(), CodeEntryError> {
    if sent_for != purpose {
        return Err(CodeEntryError::WrongPurpose);
    }
    if used {
        return Err(CodeEntryError::Used);
    }
    if wrong_entries >= MAX_WRONG_CODE_ENTRIES {
        return Err(CodeEntryError::TooManyWrongEntries);
    }
    if now >= sent_at + CODE_VALIDITY {
        return Err(CodeEntryError::Expired);
    }
    Ok(())
}

/// Builds the error for a wrong entry from the number of wrong entries, this one included.
pub fn wrong_code(wrong_entries: u32) -> CodeEntryError {
    CodeEntryError::Wrong {
        remaining: MAX_WRONG_CODE_ENTRIES.saturating_sub(wrong_entries),
    }
}

#[cfg(test)]
#[path = "issuance_tests.rs"]
mod tests;
