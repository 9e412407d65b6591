//! Hong Kong, Macao and Taiwan identity numbers: parsing never panics and an accepted
//! number re-parses to itself.

#![no_main]

use jszg_core::local_id::LocalIdNumber;
use jszg_core::Region;
use jszg_fuzz::{split_selector, text};
use libfuzzer_sys::fuzz_target;

const REGIONS: [Region; 3] = [Region::HongKong, Region::Macao, Region::Taiwan];

fuzz_target!(|data: &[u8]| {
    let (selector, rest) = split_selector(data);
    let region = REGIONS[usize::from(selector) % REGIONS.len()];
    let input = text(rest);

    let Ok(number) = LocalIdNumber::parse(region, &input) else {
        return;
    };
    assert_eq!(number.region(), region);
    let stored = number.as_str();
    assert!(stored.is_ascii(), "stored {stored:?}");
    let reparsed = LocalIdNumber::parse(region, stored).expect("stored form re-parses");
    assert_eq!(reparsed, number);
});
