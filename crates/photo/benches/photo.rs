//! `check` on a photo just under 190 KB against a bare decode of the same bytes, and
//! `fit` on a 12-megapixel phone-sized photo. Everything runs on one thread.
//! Run with `cargo bench -p jszg-photo --bench photo`. The results are recorded in
//! docs/benchmarks.md.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use image::DynamicImage;
use jszg_photo::{check, fit, sharpness_score};

/// Encodes a 4000×3000 card photo at quality 92, the pixel count of a 12-megapixel phone JPEG.
fn twelve_megapixel_jpeg() -> Vec<u8> {
    common::encode_jpeg(
        &DynamicImage::ImageRgb8(common::card_photo(4000, 3000, 42)),
        92,
    )
}

fn bench_check(criterion: &mut Criterion) {
    let fitted = fit(&twelve_megapixel_jpeg()).expect("fit the source photo");
    eprintln!(
        "check input: {} bytes, {}x{}, quality {:?}",
        fitted.size_bytes, fitted.width, fitted.height, fitted.quality
    );
    let bytes = fitted.bytes;
    assert!(check(&bytes).acceptable);

    let mut group = criterion.benchmark_group("photo_190kb");
    group.bench_function("check", |bencher| bencher.iter(|| check(black_box(&bytes))));
    group.bench_function("bare_decode", |bencher| {
        bencher.iter(|| image::load_from_memory(black_box(&bytes)).expect("decode"))
    });
    let decoded = image::load_from_memory(&bytes).expect("decode");
    group.bench_function("sharpness_only", |bencher| {
        bencher.iter(|| sharpness_score(black_box(&decoded)))
    });
    group.finish();
}

fn bench_fit(criterion: &mut Criterion) {
    let bytes = twelve_megapixel_jpeg();
    let fitted = fit(&bytes).expect("fit");
    eprintln!(
        "fit input: {} bytes, 4000x3000; output {} bytes, {}x{}, quality {:?}",
        bytes.len(),
        fitted.size_bytes,
        fitted.width,
        fitted.height,
        fitted.quality
    );

    let mut group = criterion.benchmark_group("photo_12mp");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("fit", |bencher| {
        bencher.iter(|| fit(black_box(&bytes)).expect("fit"))
    });
    group.bench_function("bare_decode", |bencher| {
        bencher.iter(|| image::load_from_memory(black_box(&bytes)).expect("decode"))
    });
    group.finish();
}

criterion_group!(benches, bench_check, bench_fit);
criterion_main!(benches);
