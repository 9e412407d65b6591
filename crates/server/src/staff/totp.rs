//! The staff second factor: RFC 6238 TOTP, 6 digits, 30-second steps, SHA-1 (the
//! parameters every authenticator app supports).

use totp_rs::{Algorithm, Secret, TOTP};

const DIGITS: usize = 6;
const STEP_SECONDS: u64 = 30;
/// Codes of one step before and after the current one are accepted, for clock drift.
const SKEW_STEPS: u8 = 1;
const ISSUER: &str = "jszg";

/// A new random 160-bit secret, base32-encoded.
pub fn generate_secret() -> String {
    match Secret::generate_secret().to_encoded() {
        Secret::Encoded(text) => text,
        Secret::Raw(_) => unreachable!("to_encoded returns the encoded form"),
    }
}

fn totp_for(secret_base32: &str, username: &str) -> Result<TOTP, String> {
    let bytes = Secret::Encoded(secret_base32.to_string())
        .to_bytes()
        .map_err(|error| format!("invalid TOTP secret: {error:?}"))?;
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        SKEW_STEPS,
        STEP_SECONDS,
        bytes,
        Some(ISSUER.to_string()),
        username.to_string(),
    )
    .map_err(|error| format!("invalid TOTP parameters: {error}"))
}

/// The `otpauth://` URI an authenticator app imports.
pub fn provisioning_uri(secret_base32: &str, username: &str) -> Result<String, String> {
    Ok(totp_for(secret_base32, username)?.get_url())
}

/// Checks `code` at `unix_seconds` and returns the time step it belongs to, so the
/// caller can refuse a step that was already used (a replayed code).
pub fn matching_step(secret_base32: &str, code: &str, unix_seconds: u64) -> Option<u64> {
    let totp = totp_for(secret_base32, "check").ok()?;
    let code = code.trim();
    if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let current = unix_seconds / STEP_SECONDS;
    let first = current.saturating_sub(u64::from(SKEW_STEPS));
    let last = current + u64::from(SKEW_STEPS);
    (first..=last).find(|step| {
        let expected = totp.generate(step * STEP_SECONDS);
        constant_time_equal(expected.as_bytes(), code.as_bytes())
    })
}

/// The code of `unix_seconds`, for tests and the `staff add` self-check.
pub fn code_at(secret_base32: &str, unix_seconds: u64) -> Result<String, String> {
    Ok(totp_for(secret_base32, "code")?.generate(unix_seconds))
}

fn constant_time_equal(left: &[u8], right: &[u8]) -> bool {
    left.len() == right.len()
        && left
            .iter()
            .zip(right)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6238 appendix B test secret "12345678901234567890" in base32.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn rfc_6238_vector_matches() {
        assert_eq!(code_at(RFC_SECRET, 59).unwrap(), "287082");
        assert_eq!(code_at(RFC_SECRET, 1_111_111_109).unwrap(), "081804");
    }

    #[test]
    fn matching_step_accepts_one_step_of_drift() {
        let now = 1_111_111_109;
        let code = code_at(RFC_SECRET, now).unwrap();
        assert_eq!(matching_step(RFC_SECRET, &code, now), Some(now / 30));
        assert_eq!(matching_step(RFC_SECRET, &code, now + 30), Some(now / 30));
        assert_eq!(matching_step(RFC_SECRET, &code, now + 90), None);
        assert_eq!(matching_step(RFC_SECRET, "12345", now), None);
    }

    #[test]
    fn generated_secret_makes_a_uri() {
        let secret = generate_secret();
        let uri = provisioning_uri(&secret, "reviewer1").unwrap();
        assert!(uri.starts_with("otpauth://totp/jszg:reviewer1?"), "{uri}");
        assert!(uri.contains(&format!("secret={secret}")), "{uri}");
    }
}
