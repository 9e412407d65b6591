//! Photo checks on arbitrary bytes: checking never panics, and the report agrees with
//! itself (acceptable exactly when no issue is an error, and then a JPEG under the size
//! limit that is large enough).

#![no_main]

use jszg_photo::{
    check, detect_format, PhotoFormat, MIN_LONG_SIDE, MIN_SHORT_SIDE, SIZE_LIMIT_BYTES,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = check(data);
    assert_eq!(report.size_bytes, data.len() as u64);
    assert_eq!(report.format, detect_format(data));
    assert_eq!(report.acceptable, report.errors().next().is_none());
    assert_eq!(report.width.is_some(), report.height.is_some());

    if report.acceptable {
        assert_eq!(report.format, PhotoFormat::Jpeg);
        assert!(report.size_bytes < SIZE_LIMIT_BYTES);
        let (width, height) = (report.width.unwrap(), report.height.unwrap());
        assert!(width.min(height) >= MIN_SHORT_SIDE, "{width} × {height}");
        assert!(width.max(height) >= MIN_LONG_SIDE, "{width} × {height}");
        let orientation = report
            .orientation
            .expect("an accepted photo has an orientation");
        assert!(orientation.is_upright());
    }
});
