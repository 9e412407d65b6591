use chrono::{DateTime, NaiveDate, Utc};

use super::*;

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

#[test]
fn official_calendar_parses() {
    let calendar = WorkingCalendar::parse(OFFICIAL_CALENDAR).unwrap();
    assert_eq!(calendar.years().collect::<Vec<_>>(), vec![2025, 2026]);
    assert_eq!(&calendar, WorkingCalendar::official());
}

#[test]
fn working_days_2025_and_2026() {
    let calendar = WorkingCalendar::official();
    let cases = [
        (date(2025, 1, 1), false), // New Year, Wednesday
        (date(2025, 1, 26), true), // make-up Sunday
        (date(2025, 2, 4), false), // last day of Spring Festival, Tuesday
        (date(2025, 2, 5), true),
        (date(2025, 2, 8), true),    // make-up Saturday
        (date(2025, 10, 8), false),  // National Day, Wednesday
        (date(2025, 10, 11), true),  // make-up Saturday
        (date(2025, 10, 12), false), // ordinary Sunday
        (date(2026, 1, 2), false),
        (date(2026, 1, 4), true),   // make-up Sunday
        (date(2026, 2, 23), false), // Spring Festival, Monday
        (date(2026, 2, 28), true),  // make-up Saturday
        (date(2026, 6, 19), false), // Dragon Boat, Friday
        (date(2026, 9, 20), true),  // make-up Sunday
        (date(2026, 9, 25), false), // Mid-Autumn, Friday
        (date(2026, 10, 7), false),
        (date(2026, 10, 8), true),
        (date(2026, 10, 10), true),  // make-up Saturday
        (date(2026, 10, 11), false), // ordinary Sunday
        (date(2026, 10, 12), true),
    ];
    for (day, working) in cases {
        assert_eq!(calendar.is_working_day(day), working, "{day}");
    }
    assert_eq!(calendar.holiday_name(date(2026, 10, 3)), Some("国庆节"));
    assert_eq!(calendar.holiday_name(date(2026, 10, 10)), None);
}

#[test]
fn add_working_days_skips_start_day() {
    let calendar = WorkingCalendar::official();
    let cases = [
        (date(2026, 9, 30), 7, date(2026, 10, 15)),
        (date(2026, 9, 30), 1, date(2026, 10, 8)),
        (date(2026, 9, 30), 3, date(2026, 10, 10)),
        (date(2026, 10, 10), 1, date(2026, 10, 12)),
        (date(2026, 3, 2), 1, date(2026, 3, 3)),
        (date(2026, 3, 6), 1, date(2026, 3, 9)),
        (date(2026, 3, 7), 1, date(2026, 3, 9)),
        (date(2026, 3, 2), 0, date(2026, 3, 2)),
        (date(2025, 9, 26), 1, date(2025, 9, 28)),
        (date(2026, 2, 13), 2, date(2026, 2, 24)),
    ];
    for (start, n, expected) in cases {
        let count = calendar.add_working_days(start, n);
        assert_eq!(count.date, expected, "{start} + {n}");
        assert!(count.missing_years.is_empty(), "{start} + {n}");
    }
}

#[test]
fn deadline_across_national_day() {
    let calendar = WorkingCalendar::official();
    // Wednesday 30 September 2026 in Beijing, early morning and late evening.
    for submitted in ["2026-09-29T16:00:00Z", "2026-09-30T15:59:59Z"] {
        let deadline = calendar.deadline(utc(submitted), 7);
        assert_eq!(deadline.last_day, date(2026, 10, 15), "{submitted}");
        assert_eq!(deadline.due, utc("2026-10-15T16:00:00Z"), "{submitted}");
        assert!(deadline.missing_years.is_empty());
    }
    // Submitted during the holiday: counting starts on 8 October all the same.
    let holiday = calendar.deadline(utc("2026-10-03T02:00:00Z"), 7);
    assert_eq!(holiday.last_day, date(2026, 10, 15));
}

#[test]
fn deadline_uses_beijing_date() {
    let calendar = WorkingCalendar::official();
    // 23:59:59 and 00:00:00 Beijing time around the end of Thursday 8 October 2026.
    let before_midnight = calendar.deadline(utc("2026-10-08T15:59:59Z"), 7);
    assert_eq!(before_midnight.last_day, date(2026, 10, 16));
    let after_midnight = calendar.deadline(utc("2026-10-08T16:00:00Z"), 7);
    assert_eq!(after_midnight.last_day, date(2026, 10, 19));
    assert_eq!(after_midnight.due, utc("2026-10-19T16:00:00Z"));
}

#[test]
fn one_working_day_contact_change() {
    let calendar = WorkingCalendar::official();
    let deadline = calendar.deadline(utc("2026-04-30T09:00:00Z"), 1);
    assert_eq!(deadline.last_day, date(2026, 5, 6));
    assert_eq!(deadline.due, utc("2026-05-06T16:00:00Z"));
}

#[test]
fn missing_year_falls_back_and_reports() {
    let calendar = WorkingCalendar::official();
    assert!(!calendar.covers_year(2027));
    assert!(calendar.is_working_day(date(2027, 1, 1))); // a Friday, no data
    assert!(!calendar.is_working_day(date(2027, 1, 2)));
    let count = calendar.add_working_days(date(2026, 12, 30), 3);
    assert_eq!(count.date, date(2027, 1, 4));
    assert_eq!(count.missing_years, vec![2027]);
    let deadline = calendar.deadline(utc("2026-12-31T01:00:00Z"), 1);
    assert_eq!(deadline.missing_years, vec![2027]);
    let inside = calendar.add_working_days(date(2026, 12, 28), 2);
    assert!(inside.missing_years.is_empty());
}

#[test]
fn parse_errors_name_the_line() {
    let cases = [
        ("off 2026-01-01 元旦", 1, "without a `year` line"),
        ("year 2026\nwork 2026-01-05 x", 2, "not a weekend day"),
        (
            "year 2026\noff 2026-01-01\noff 2026-01-01",
            3,
            "listed twice",
        ),
        ("year 2026\noff 2026-01-03..2026-01-01", 2, "ends before"),
        ("year 2026\nholiday 2026-01-01", 2, "unknown keyword"),
        ("year 2026\n\n# note\noff 2026-13-01", 4, "invalid date"),
        ("year 26x", 1, "invalid year"),
        ("year 2026\nyear 2026", 2, "declared twice"),
    ];
    for (text, line, reason) in cases {
        let error = WorkingCalendar::parse(text).unwrap_err();
        assert_eq!(error.line, line, "{text:?}");
        assert!(error.reason.contains(reason), "{text:?}: {}", error.reason);
    }
}
