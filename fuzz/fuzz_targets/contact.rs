//! Email addresses and mobile numbers: parsing never panics, an accepted value re-parses
//! to itself, and its masked form shows only the characters the masking rule allows.

#![no_main]

use jszg_core::{Email, Phone};
use jszg_fuzz::{split_selector, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (selector, rest) = split_selector(data);
    let input = text(rest);
    if selector & 1 == 0 {
        check_email(&input);
    } else {
        check_phone(&input);
    }
});

fn check_email(input: &str) {
    let Ok(email) = Email::parse(input) else {
        return;
    };
    let stored = email.as_str();
    assert!(stored.is_ascii(), "stored {stored:?}");
    assert_eq!(stored.matches('@').count(), 1, "stored {stored:?}");
    let domain = email.domain();
    assert_eq!(domain, domain.to_ascii_lowercase());

    let reparsed = Email::parse(stored).expect("stored form re-parses");
    assert_eq!(reparsed, email);

    // Only the first character of the local part may show. A plain "does not contain
    // the address" check would fail for local parts made of `*`, which are valid atext
    // and reveal nothing beyond what the stars already show.
    let masked = email.masked();
    let first = &stored[..1];
    assert_eq!(masked, format!("{first}*****@{domain}"));
}

fn check_phone(input: &str) {
    let Ok(phone) = Phone::parse(input) else {
        return;
    };
    let stored = phone.as_str();
    assert_eq!(stored.len(), 11, "stored {stored:?}");
    assert!(
        stored.bytes().all(|b| b.is_ascii_digit()),
        "stored {stored:?}"
    );
    assert!(stored.starts_with('1'), "stored {stored:?}");

    let reparsed = Phone::parse(stored).expect("stored form re-parses");
    assert_eq!(reparsed, phone);

    let masked = phone.masked();
    assert!(!masked.contains(stored), "{masked:?} reveals {stored:?}");
    assert_eq!(masked, format!("{}*****{}", &stored[..3], &stored[9..]));
}
