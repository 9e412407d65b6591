//! Account-level rules that depend on time.

use chrono::{DateTime, NaiveDate, Utc};

use crate::beijing::beijing_day_start;

/// First Beijing day on which registered accounts are current: an account registered
/// earlier is a legacy account, whose password cannot be reset and whose holder must
/// register again.
pub const LEGACY_CUTOFF_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2019, 3, 1) {
    Some(date) => date,
    None => panic!("1 March 2019 is a valid date"),
};

/// Returns the instant legacy registrations end: 1 March 2019 00:00 Beijing time.
pub fn legacy_cutoff() -> DateTime<Utc> {
    beijing_day_start(LEGACY_CUTOFF_DATE)
}

/// Returns whether an account registered at `registered_at` is a legacy account.
pub fn is_legacy_account(registered_at: DateTime<Utc>) -> bool {
    registered_at < legacy_cutoff()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_boundary_in_beijing_time() {
        let cases = [
            ("2019-02-28T15:59:59Z", true),
            ("2019-02-28T16:00:00Z", false),
            ("2010-06-01T00:00:00Z", true),
            ("2026-01-01T00:00:00Z", false),
        ];
        for (at, legacy) in cases {
            let at: DateTime<Utc> = at.parse().unwrap();
            assert_eq!(is_legacy_account(at), legacy, "{at}");
        }
    }
}
