//! Names for every document type: parsing never panics, an accepted name re-parses to
//! itself unchanged, and it keeps the length and character rules.

#![no_main]

use jszg_core::document::DocumentType;
use jszg_core::name::{PersonName, INTERPUNCT, MAX_NAME_CHARS};
use jszg_fuzz::{split_selector, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (selector, rest) = split_selector(data);
    let kind = DocumentType::ALL[usize::from(selector) % DocumentType::ALL.len()];
    let input = text(rest);

    let Ok(name) = PersonName::parse(&input, kind) else {
        return;
    };
    let stored = name.as_str();
    let length = stored.chars().count();
    assert!((1..=MAX_NAME_CHARS).contains(&length), "stored {stored:?}");
    assert_eq!(stored.trim(), stored, "stored {stored:?}");
    assert!(!stored.starts_with(INTERPUNCT) && !stored.ends_with(INTERPUNCT));
    if !kind.is_permit() {
        assert!(
            !stored.chars().any(|c| c.is_ascii_alphabetic() || c == ' '),
            "stored {stored:?} for a resident ID card"
        );
    }
    assert_eq!(name.was_changed(), stored != input.trim());

    let reparsed = PersonName::parse(stored, kind).expect("stored form re-parses");
    assert_eq!(reparsed.as_str(), stored);
    assert!(!reparsed.was_changed(), "stored {stored:?} changed again");
});
