//! Helpers shared by the fuzz targets: turning raw fuzzer bytes into the typed inputs
//! of the parsers.

use std::borrow::Cow;

use chrono::{Days, NaiveDate};

/// Splits off the first byte, which the targets use to pick a variant (document type,
/// region, wire type). An empty input yields selector 0 and no text.
pub fn split_selector(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((selector, rest)) => (*selector, rest),
        None => (0, &[]),
    }
}

/// Decodes bytes as UTF-8, replacing invalid sequences with U+FFFD, so that every input
/// reaches the parser instead of being thrown away.
pub fn text(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// Picks a "today" between 1900-01-01 and about 2079 from two bytes, so that the
/// birth-date checks (not before 1900, not in the future) are exercised on both sides.
pub fn today_from(bytes: [u8; 2]) -> NaiveDate {
    let start = NaiveDate::from_ymd_opt(1900, 1, 1).expect("1900-01-01 is a valid date");
    start + Days::new(u64::from(u16::from_le_bytes(bytes)))
}

/// Splits text into at most `N` fields at each `\n`. Missing fields are `None`; the
/// last field keeps any further line breaks.
pub fn fields<const N: usize>(text: &str) -> [Option<&str>; N] {
    let mut result = [None; N];
    for (slot, part) in result.iter_mut().zip(text.splitn(N, '\n')) {
        *slot = Some(part);
    }
    result
}
