//! The working-day calendar of mainland China and working-day deadlines.
//!
//! Working days are Monday to Friday, except the official public holidays, plus the
//! weekend days the State Council declares make-up working days. Staff deadlines of N
//! working days end at 24:00 Beijing time on the Nth working day after the day of
//! submission. The day of submission never counts, whatever the time.
//!
//! # Adding a year
//!
//! The State Council General Office publishes each year's holiday arrangements in
//! November of the year before. Add them to `crates/core/data/holidays.txt`, which is
//! compiled into the crate:
//!
//! 1. a line `year YYYY`, which declares that the file holds that year's whole notice;
//! 2. one `off FIRST..LAST NAME` line per holiday (a single day needs no `..LAST`);
//! 3. one `work DATE NAME` line per make-up working day (it must be a weekend day).
//!
//! Then run `cargo test -p jszg-core`: the embedded file is parsed by a test, and the
//! parser rejects a date outside a declared year, a `work` day that is not a Saturday or
//! Sunday, and a day listed twice. For a year without a `year` line the calendar falls
//! back to Monday to Friday and every result lists that year in `missing_years`, so the
//! caller can log a warning.

mod parse;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};

use crate::beijing::{beijing_date, beijing_day_end};

pub use parse::CalendarParseError;

/// The official calendar file compiled into the crate.
pub const OFFICIAL_CALENDAR: &str = include_str!("../../data/holidays.txt");

/// Public holidays and make-up working days for the years that have official data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkingCalendar {
    years: BTreeSet<i32>,
    /// Days off with the holiday name.
    holidays: BTreeMap<NaiveDate, String>,
    /// Weekend days that are working days, with the holiday they make up for.
    make_up_days: BTreeMap<NaiveDate, String>,
}

/// A date reached by counting working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingDayCount {
    pub date: NaiveDate,
    /// Years crossed that have no official data and were counted as Monday to Friday.
    pub missing_years: Vec<i32>,
}

/// The end of a working-day deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// 24:00 Beijing time of the last working day. The deadline is met by any earlier
    /// instant.
    pub due: DateTime<Utc>,
    /// The last working day, in Beijing time.
    pub last_day: NaiveDate,
    /// Years crossed that have no official data and were counted as Monday to Friday.
    pub missing_years: Vec<i32>,
}

impl WorkingCalendar {
    /// Returns the calendar of the official notices compiled into the crate.
    pub fn official() -> &'static WorkingCalendar {
        static OFFICIAL: OnceLock<WorkingCalendar> = OnceLock::new();
        OFFICIAL.get_or_init(|| {
            WorkingCalendar::parse(OFFICIAL_CALENDAR)
                .expect("the embedded holidays.txt is checked by the crate's tests")
        })
    }

    /// Parses the text format of `data/holidays.txt` (described in the module docs).
    pub fn parse(text: &str) -> Result<WorkingCalendar, CalendarParseError> {
        parse::parse(text)
    }

    /// Returns whether the calendar has official data for `year`.
    pub fn covers_year(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// Returns the years with official data, in order.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    /// Returns whether `date` is a working day. For a year without official data this is
    /// Monday to Friday, which [`WorkingCalendar::covers_year`] reports.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.make_up_days.contains_key(&date) {
            return true;
        }
        if self.holidays.contains_key(&date) {
            return false;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// Returns the name of the public holiday on `date`, if it is a day off for one.
    pub fn holiday_name(&self, date: NaiveDate) -> Option<&str> {
        self.holidays.get(&date).map(String::as_str)
    }

    /// Counts `n` working days after `start`, which itself never counts. With `n = 0` the
    /// result is `start`.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> WorkingDayCount {
        let mut date = start;
        let mut remaining = n;
        let mut missing_years = BTreeSet::new();
        while remaining > 0 {
            date = date
                .checked_add_days(Days::new(1))
                .expect("working-day count stays within the supported date range");
            if !self.covers_year(date.year()) {
                missing_years.insert(date.year());
            }
            if self.is_working_day(date) {
                remaining -= 1;
            }
        }
        WorkingDayCount {
            date,
            missing_years: missing_years.into_iter().collect(),
        }
    }

    /// Computes the deadline of `n` working days for something submitted at
    /// `submitted_at`: 24:00 Beijing time on the `n`th working day after the Beijing date
    /// of submission.
    pub fn deadline(&self, submitted_at: DateTime<Utc>, n: u32) -> Deadline {
        let count = self.add_working_days(beijing_date(submitted_at), n);
        Deadline {
            due: beijing_day_end(count.date),
            last_day: count.date,
            missing_years: count.missing_years,
        }
    }
}
