//! The re-encoder on arbitrary bytes: fitting never panics, a fitted photo is a JPEG
//! under 190 KB (194,560 bytes) that passes the photo check, and a rejection names at
//! least one error.

#![no_main]

use jszg_photo::{check, detect_format, fit, PhotoFormat, SIZE_LIMIT_BYTES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let fitted = match fit(data) {
        Ok(fitted) => fitted,
        Err(error) => {
            assert!(!error.issues.is_empty());
            assert!(error.issues.iter().all(|issue| issue.is_error()));
            return;
        }
    };
    assert_eq!(detect_format(&fitted.bytes), PhotoFormat::Jpeg);
    assert!((fitted.bytes.len() as u64) < SIZE_LIMIT_BYTES);
    assert_eq!(fitted.size_bytes, fitted.bytes.len() as u64);
    assert_eq!(fitted.original_size_bytes, data.len() as u64);
    if fitted.unchanged {
        assert_eq!(fitted.bytes, data);
    }

    let report = check(&fitted.bytes);
    assert!(
        report.acceptable,
        "fitted photo rejected: {:?}",
        report.issues
    );
    assert_eq!(report.width, Some(fitted.width));
    assert_eq!(report.height, Some(fitted.height));
});
