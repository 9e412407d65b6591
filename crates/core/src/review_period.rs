//! Manual-review periods: 1 January to 31 August and 1 September to 31 December,
//! Beijing time. Each period allows a limited number of manual reviews.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::beijing::{beijing_date, beijing_day_start};

/// One of the two review periods of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReviewPeriod {
    year: i32,
    /// 1 for January-August, 2 for September-December.
    half: u8,
}

impl ReviewPeriod {
    /// Returns the period that contains the instant `at`, using its Beijing date.
    pub fn containing(at: DateTime<Utc>) -> ReviewPeriod {
        let date = beijing_date(at);
        ReviewPeriod {
            year: date.year(),
            half: if date.month() <= 8 { 1 } else { 2 },
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// Stable key for storage, e.g. `2026-1` or `2026-2`.
    pub fn key(self) -> String {
        format!("{}-{}", self.year, self.half)
    }

    /// Returns the first Beijing day of the period.
    pub fn first_day(self) -> NaiveDate {
        let month = if self.half == 1 { 1 } else { 9 };
        NaiveDate::from_ymd_opt(self.year, month, 1).expect("first day of a month")
    }

    /// Returns the period after this one.
    pub fn next(self) -> ReviewPeriod {
        if self.half == 1 {
            ReviewPeriod {
                year: self.year,
                half: 2,
            }
        } else {
            ReviewPeriod {
                year: self.year + 1,
                half: 1,
            }
        }
    }

    /// Returns the instant the period starts (00:00 Beijing on its first day), inclusive.
    pub fn start(self) -> DateTime<Utc> {
        beijing_day_start(self.first_day())
    }

    /// Returns the instant the period ends (00:00 Beijing after its last day), exclusive.
    pub fn end(self) -> DateTime<Utc> {
        self.next().start()
    }

    /// Returns the Chinese description, e.g. `2026年1月1日至8月31日`.
    pub fn label_zh(self) -> String {
        if self.half == 1 {
            format!("{}年1月1日至8月31日", self.year)
        } else {
            format!("{}年9月1日至12月31日", self.year)
        }
    }
}

impl fmt::Display for ReviewPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.year, self.half)
    }
}

/// A string that is not a review period key such as `2026-1`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid review period key {0:?}")]
pub struct ReviewPeriodKeyError(pub String);

impl FromStr for ReviewPeriod {
    type Err = ReviewPeriodKeyError;

    /// Parses a key produced by [`ReviewPeriod::key`].
    fn from_str(key: &str) -> Result<Self, Self::Err> {
        let error = || ReviewPeriodKeyError(key.to_owned());
        let (year, half) = key.split_once('-').ok_or_else(error)?;
        let year: i32 = year.parse().map_err(|_| error())?;
        let half = match half {
            "1" => 1,
            "2" => 2,
            _ => return Err(error()),
        };
        if !(1000..=9999).contains(&year) {
            return Err(error());
        }
        Ok(ReviewPeriod { year, half })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn period_containing_instants() {
        let cases = [
            ("2026-08-31T15:59:59Z", "2026-1"),
            ("2026-08-31T16:00:00Z", "2026-2"),
            ("2025-12-31T15:59:59Z", "2025-2"),
            ("2025-12-31T16:00:00Z", "2026-1"),
            ("2026-03-15T04:00:00Z", "2026-1"),
            ("2026-12-31T15:59:59Z", "2026-2"),
        ];
        for (at, key) in cases {
            assert_eq!(ReviewPeriod::containing(utc(at)).key(), key, "{at}");
        }
    }

    #[test]
    fn period_bounds() {
        let first = ReviewPeriod::containing(utc("2026-05-01T00:00:00Z"));
        assert_eq!(first.start(), utc("2025-12-31T16:00:00Z"));
        assert_eq!(first.end(), utc("2026-08-31T16:00:00Z"));
        let second = first.next();
        assert_eq!(second.key(), "2026-2");
        assert_eq!(second.start(), utc("2026-08-31T16:00:00Z"));
        assert_eq!(second.end(), utc("2026-12-31T16:00:00Z"));
        assert_eq!(second.next().key(), "2027-1");
        assert_eq!(second.label_zh(), "2026年9月1日至12月31日");
    }

    #[test]
    fn key_round_trip() {
        for key in ["2026-1", "2026-2", "1999-2"] {
            let period: ReviewPeriod = key.parse().unwrap();
            assert_eq!(period.key(), key);
            assert_eq!(period.to_string(), key);
        }
        for bad in ["2026", "2026-3", "2026-0", "x-1", "-1", "12-1"] {
            assert!(bad.parse::<ReviewPeriod>().is_err(), "{bad}");
        }
    }
}
