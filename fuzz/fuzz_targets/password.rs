//! The password rule: checking never panics, and an accepted password satisfies every
//! part of the composition rule.

#![no_main]

use jszg_core::password::{
    check_password, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, SPECIAL_CHARACTERS,
};
use jszg_fuzz::{fields, split_selector, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Bit 0 of the selector drops the confirmation, bit 1 the document number, so that
    // every combination of optional arguments is checked.
    let (selector, rest) = split_selector(data);
    let input = text(rest);
    let [password, confirmation, document_number] = fields::<3>(&input);
    let password = password.unwrap_or("");
    let confirmation = confirmation.filter(|_| selector & 1 == 0);
    let document_number = document_number.filter(|_| selector & 2 == 0);

    if check_password(password, confirmation, document_number).is_err() {
        return;
    }
    let length = password.chars().count();
    assert!((MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&length));
    assert!(password
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || SPECIAL_CHARACTERS.contains(c)));
    assert!(password.chars().any(|c| c.is_ascii_digit()));
    assert!(password.chars().any(|c| c.is_ascii_alphabetic()));
    assert!(password.chars().any(|c| SPECIAL_CHARACTERS.contains(c)));
    if let Some(confirmation) = confirmation {
        assert_eq!(confirmation, password);
    }
    if let Some(number) = document_number.map(str::trim).filter(|n| !n.is_empty()) {
        let lower = password.to_ascii_lowercase();
        assert!(!lower.contains(&number.to_ascii_lowercase()));
    }
});
