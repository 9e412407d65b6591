//! JSON bodies of the API's requests: deserialising arbitrary bytes never panics, and an
//! accepted body serialises and deserialises back to an equal value.
//!
//! Floating-point fields are compared to within one unit in the last place: serde_json
//! without its `float_roundtrip` feature (off in this workspace) parses numbers of 16 or
//! 17 significant digits with best-effort precision, so `f64 -> JSON -> f64` can move a
//! value by one ULP. The slider captcha, the only user of floats, judges offsets in whole
//! pixels, so that drift does not change any decision.

#![no_main]

use std::fmt::Debug;

use jszg_api::{
    CaptchaRequest, CaptchaSolution, CodeRequest, ProfileUpdate, RegisterRequest, SignInRequest,
};
use jszg_fuzz::split_selector;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Serialize;

fuzz_target!(|data: &[u8]| {
    let (selector, body) = split_selector(data);
    match selector % 6 {
        0 => check_round_trip::<RegisterRequest>(body),
        1 => check_round_trip::<ProfileUpdate>(body),
        2 => check_round_trip::<CaptchaRequest>(body),
        3 => check_round_trip_by::<CaptchaSolution>(body, same_solution),
        4 => check_round_trip::<CodeRequest>(body),
        _ => check_round_trip::<SignInRequest>(body),
    }
});

fn check_round_trip<T>(body: &[u8])
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    check_round_trip_by::<T>(body, |left, right| left == right);
}

/// Checks that a body accepted as `T` serialises and deserialises to a value that
/// `same` considers equal.
fn check_round_trip_by<T>(body: &[u8], same: fn(&T, &T) -> bool)
where
    T: Serialize + DeserializeOwned + Debug,
{
    let Ok(value) = serde_json::from_slice::<T>(body) else {
        return;
    };
    let encoded = serde_json::to_vec(&value).expect("an accepted value serialises");
    let decoded: T = serde_json::from_slice(&encoded).unwrap_or_else(|error| {
        panic!(
            "re-serialised body {:?} does not deserialise: {error}",
            String::from_utf8_lossy(&encoded)
        )
    });
    assert!(
        same(&decoded, &value),
        "round trip changed {value:?} into {decoded:?}"
    );
}

fn same_solution(left: &CaptchaSolution, right: &CaptchaSolution) -> bool {
    within_one_ulp(left.offset_x, right.offset_x)
        && left.trail.len() == right.trail.len()
        && left
            .trail
            .iter()
            .zip(&right.trail)
            .all(|(a, b)| a.t == b.t && within_one_ulp(a.x, b.x) && within_one_ulp(a.y, b.y))
}

/// Returns whether two finite floats are equal or adjacent. JSON has no NaN or infinity, so
/// those never reach here.
fn within_one_ulp(left: f64, right: f64) -> bool {
    if left == right {
        return true;
    }
    left.is_sign_positive() == right.is_sign_positive()
        && left.to_bits().abs_diff(right.to_bits()) <= 1
}
