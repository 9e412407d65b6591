//! The source of "now" for every time rule, so tests can set the time.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use std::sync::{Arc, Mutex};

/// Current time. Every expiry, daily limit and period reads it here and nowhere else.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;

    /// Milliseconds since the Unix epoch, the form times are stored in.
    fn now_ms(&self) -> i64 {
        self.now().timestamp_millis()
    }
}

/// The operating system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        #[allow(clippy::disallowed_methods)]
        Utc::now()
    }
}

/// A clock that stands still until a test sets or advances it.
#[derive(Debug, Clone)]
pub struct ManualClock {
    now: Arc<Mutex<DateTime<Utc>>>,
}

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> ManualClock {
        ManualClock {
            now: Arc::new(Mutex::new(start)),
        }
    }

    pub fn set(&self, now: DateTime<Utc>) {
        *self.now.lock().expect("clock mutex poisoned") = now;
    }

    pub fn advance(&self, by: Duration) {
        *self.now.lock().expect("clock mutex poisoned") += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().expect("clock mutex poisoned")
    }
}

/// China Standard Time (UTC+8), the calendar of every per-day rule.
pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// The Beijing calendar day that contains `at`.
pub fn beijing_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&beijing()).date_naive()
}

/// Converts stored epoch milliseconds back to a time.
pub fn from_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn beijing_day_turns_at_16_utc() {
        let before = Utc.with_ymd_and_hms(2026, 8, 31, 15, 59, 59).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 8, 31, 16, 0, 0).unwrap();
        assert_eq!(beijing_day(before).to_string(), "2026-08-31");
        assert_eq!(beijing_day(after).to_string(), "2026-09-01");
    }

    #[test]
    fn manual_clock_advances() {
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let clock = ManualClock::new(start);
        clock.advance(Duration::seconds(61));
        assert_eq!(clock.now_ms() - start.timestamp_millis(), 61_000);
    }
}
