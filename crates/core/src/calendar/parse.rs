use chrono::{Datelike, NaiveDate, Weekday};

use super::WorkingCalendar;

/// A line of a calendar file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("calendar line {line}: {reason}")]
pub struct CalendarParseError {
    pub line: usize,
    pub reason: String,
}

pub(super) fn parse(text: &str) -> Result<WorkingCalendar, CalendarParseError> {
    let mut calendar = WorkingCalendar::default();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        parse_line(&mut calendar, line).map_err(|reason| CalendarParseError {
            line: index + 1,
            reason,
        })?;
    }
    Ok(calendar)
}

fn parse_line(calendar: &mut WorkingCalendar, line: &str) -> Result<(), String> {
    let mut parts = line.split_whitespace();
    let keyword = parts.next().unwrap_or("");
    let value = parts.next().unwrap_or("");
    let name = parts.collect::<Vec<_>>().join(" ");
    match keyword {
        "year" => {
            let year: i32 = value
                .parse()
                .map_err(|_| format!("invalid year {value:?}"))?;
            if !calendar.years.insert(year) {
                return Err(format!("year {year} declared twice"));
            }
            Ok(())
        }
        "off" => {
            let (first, last) = match value.split_once("..") {
                Some((first, last)) => (parse_date(first)?, parse_date(last)?),
                None => (parse_date(value)?, parse_date(value)?),
            };
            if last < first {
                return Err(format!("range {value} ends before it starts"));
            }
            for date in first.iter_days().take_while(|date| *date <= last) {
                check_new_day(calendar, date)?;
                calendar.holidays.insert(date, name.clone());
            }
            Ok(())
        }
        "work" => {
            let date = parse_date(value)?;
            if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                return Err(format!("make-up working day {date} is not a weekend day"));
            }
            check_new_day(calendar, date)?;
            calendar.make_up_days.insert(date, name);
            Ok(())
        }
        _ => Err(format!(
            "unknown keyword {keyword:?}, expected year, off or work"
        )),
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("invalid date {text:?}, expected YYYY-MM-DD"))
}

fn check_new_day(calendar: &WorkingCalendar, date: NaiveDate) -> Result<(), String> {
    if !calendar.years.contains(&date.year()) {
        return Err(format!("{date} is in a year without a `year` line"));
    }
    if calendar.holidays.contains_key(&date) || calendar.make_up_days.contains_key(&date) {
        return Err(format!("{date} is listed twice"));
    }
    Ok(())
}
