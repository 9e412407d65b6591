//! Signature and freshness checks of the WeChat service-account callback.
//!
//! WeChat signs each callback with `signature = hex(SHA-1(a + b + c))`, where a, b, c
//! are the shared token, the `timestamp` and the `nonce` query parameters sorted as
//! byte strings. A signature proves the sender knows the token but not that the
//! request is new, so the callback also rejects old timestamps and reused nonces.

use chrono::{DateTime, Utc};
use sha1::{Digest, Sha1};
use subtle::ConstantTimeEq;

/// Largest accepted difference between the callback's timestamp and the server clock.
pub const MAX_CLOCK_SKEW_SECONDS: i64 = 300;

/// Computes the signature WeChat sends for these parameters.
pub fn compute_signature(token: &str, timestamp: &str, nonce: &str) -> String {
    let mut parts = [token, timestamp, nonce];
    parts.sort_unstable();
    let mut hasher = Sha1::new();
    for part in parts {
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// Checks `signature` in constant time; upper-case hex is accepted.
pub fn is_signature_valid(token: &str, timestamp: &str, nonce: &str, signature: &str) -> bool {
    let expected = compute_signature(token, timestamp, nonce);
    let given = signature.to_ascii_lowercase();
    expected.as_bytes().ct_eq(given.as_bytes()).into()
}

/// Why a callback was rejected before its content was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackRejection {
    BadSignature,
    MalformedTimestamp,
    StaleTimestamp,
    ReusedNonce,
}

impl CallbackRejection {
    /// Stable machine code of the rejection.
    pub fn code(self) -> &'static str {
        match self {
            Self::BadSignature => "wechat.signature_invalid",
            Self::MalformedTimestamp => "wechat.timestamp_invalid",
            Self::StaleTimestamp => "wechat.timestamp_stale",
            Self::ReusedNonce => "wechat.nonce_reused",
        }
    }
}

/// Checks the signature and that the timestamp (Unix seconds) lies within
/// [`MAX_CLOCK_SKEW_SECONDS`] of `now`. Returns the parsed timestamp.
pub fn check_callback(
    token: &str,
    timestamp: &str,
    nonce: &str,
    signature: &str,
    now: DateTime<Utc>,
) -> Result<i64, CallbackRejection> {
    if !is_signature_valid(token, timestamp, nonce, signature) {
        return Err(CallbackRejection::BadSignature);
    }
    let seconds: i64 = timestamp
        .parse()
        .map_err(|_| CallbackRejection::MalformedTimestamp)?;
    if (now.timestamp() - seconds).abs() > MAX_CLOCK_SKEW_SECONDS {
        return Err(CallbackRejection::StaleTimestamp);
    }
    Ok(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn signature_sorts_parts_before_hashing() {
        // SHA-1 of "1700000000nonce42token" computed independently with sha1sum.
        let signature = compute_signature("token", "1700000000", "nonce42");
        assert_eq!(signature, "ae5f231eabeb11068a9cc21ea5770c067de58d33");
    }

    #[test]
    fn check_accepts_fresh_signed_callback() {
        let now = Utc.timestamp_opt(1_700_000_100, 0).unwrap();
        let signature = compute_signature("token", "1700000000", "n1");
        assert_eq!(
            check_callback("token", "1700000000", "n1", &signature, now),
            Ok(1_700_000_000)
        );
    }

    #[test]
    fn check_rejects_wrong_token() {
        let now = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
        let signature = compute_signature("other", "1700000000", "n1");
        assert_eq!(
            check_callback("token", "1700000000", "n1", &signature, now),
            Err(CallbackRejection::BadSignature)
        );
    }

    #[test]
    fn check_rejects_stale_timestamp() {
        let now = Utc.timestamp_opt(1_700_000_301, 0).unwrap();
        let signature = compute_signature("token", "1700000000", "n1");
        assert_eq!(
            check_callback("token", "1700000000", "n1", &signature, now),
            Err(CallbackRejection::StaleTimestamp)
        );
    }

    #[test]
    fn check_rejects_timestamp_from_future() {
        let now = Utc.timestamp_opt(1_699_999_699, 0).unwrap();
        let signature = compute_signature("token", "1700000000", "n1");
        assert_eq!(
            check_callback("token", "1700000000", "n1", &signature, now),
            Err(CallbackRejection::StaleTimestamp)
        );
    }
}
