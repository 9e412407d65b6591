//! Document numbers of every type: parsing never panics, an accepted number re-parses
//! to itself, and its masked form never reveals the whole number.

#![no_main]

use jszg_core::document::{DocumentNumber, DocumentType};
use jszg_fuzz::{split_selector, text, today_from};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (selector, rest) = split_selector(data);
    let kind = DocumentType::ALL[usize::from(selector) % DocumentType::ALL.len()];
    let (date_bytes, input) = match rest {
        [low, high, input @ ..] => ([*low, *high], input),
        _ => ([0, 0], rest),
    };
    let today = today_from(date_bytes);
    let input = text(input);

    let Ok(number) = DocumentNumber::parse(kind, &input, today) else {
        return;
    };
    let stored = number.as_str();
    assert_eq!(number.kind(), kind);
    assert_eq!(stored.len(), kind.number_length(), "stored {stored:?}");
    assert!(
        stored
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()),
        "stored {stored:?}"
    );

    let reparsed = DocumentNumber::parse(kind, stored, today).expect("stored form re-parses");
    assert_eq!(reparsed, number);

    let masked = number.masked();
    assert!(!masked.contains(stored), "{masked:?} reveals {stored:?}");
    assert_eq!(masked.chars().count(), 9, "masked {masked:?}");
    assert_eq!(&masked[..2], &stored[..2]);
    assert_eq!(&masked[masked.len() - 2..], &stored[stored.len() - 2..]);

    if kind.is_gb11643() {
        let birth = number
            .birth_date()
            .expect("18-character number has a birth date");
        assert!(birth <= today, "birth {birth} after today {today}");
        assert!(number.gender().is_some());
    } else {
        assert_eq!(number.birth_date(), None);
        assert_eq!(number.gender(), None);
    }
    assert_eq!(number.home_region().is_some(), kind.is_permit());
});
