//! Beijing time (China Standard Time, UTC+8 all year, no daylight saving time).
//!
//! Every "per day" rule counts days from 00:00 to 24:00 Beijing time, while stored
//! times are UTC.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

const OFFSET_SECONDS: i32 = 8 * 3600;

/// Returns the UTC+8 offset.
pub fn beijing_offset() -> FixedOffset {
    FixedOffset::east_opt(OFFSET_SECONDS).expect("UTC+8 is a valid offset")
}

/// Returns the calendar date in Beijing at the instant `at`.
pub fn beijing_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&beijing_offset()).date_naive()
}

/// Returns the instant 00:00 Beijing time on `date`.
pub fn beijing_day_start(date: NaiveDate) -> DateTime<Utc> {
    let local = date.and_time(NaiveTime::MIN);
    Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(OFFSET_SECONDS))))
}

/// Returns the instant `date` ends in Beijing (24:00, the start of the next day). Deadlines use
/// it as an exclusive bound: a deadline is met by any instant before it.
pub fn beijing_day_end(date: NaiveDate) -> DateTime<Utc> {
    beijing_day_start(date) + Duration::days(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn dates_around_midnight() {
        let cases = [
            ("2026-08-31T15:59:59Z", date(2026, 8, 31)),
            ("2026-08-31T16:00:00Z", date(2026, 9, 1)),
            ("2026-12-31T16:00:00Z", date(2027, 1, 1)),
            ("2026-01-01T00:00:00Z", date(2026, 1, 1)),
            ("2025-12-31T23:59:59Z", date(2026, 1, 1)),
        ];
        for (at, expected) in cases {
            assert_eq!(beijing_date(utc(at)), expected, "{at}");
        }
    }

    #[test]
    fn day_bounds() {
        assert_eq!(
            beijing_day_start(date(2026, 9, 1)),
            utc("2026-08-31T16:00:00Z")
        );
        assert_eq!(
            beijing_day_end(date(2026, 10, 15)),
            utc("2026-10-15T16:00:00Z")
        );
        assert_eq!(
            beijing_day_start(date(2024, 3, 1)),
            utc("2024-02-29T16:00:00Z")
        );
    }
}
