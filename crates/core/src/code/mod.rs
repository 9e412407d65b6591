//! Verification codes sent by SMS, email or WeChat: their format and the time rules for
//! sending and entering them.
//!
//! A code has six digits, is valid for 5 minutes, may be entered wrongly at most 5 times,
//! is single-use and is bound to one purpose. A new code may be requested 60 s after the
//! previous one, and at most 3 SMS go to one phone number per Beijing day.

mod format;
mod issuance;

pub use format::{CodeError, VerificationCode, CODE_LENGTH};
pub use issuance::{
    check_code_usable, check_resend_interval, check_sms_daily_limit, wrong_code, CodeEntryError,
    CodePurpose, CodeRequestError, CODE_RESEND_INTERVAL, CODE_VALIDITY, MAX_SMS_PER_PHONE_PER_DAY,
    MAX_WRONG_CODE_ENTRIES,
};
