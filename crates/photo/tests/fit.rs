mod common;

use common::*;
use image::imageops::FilterType;
use image::{DynamicImage, RgbImage};
use jszg_photo::{check, fit, ColorModel, PhotoFormat, MAX_QUALITY, MIN_QUALITY, SIZE_LIMIT_BYTES};

/// Similarity required between a fitted photo and its source, in decibels. JPEG at
/// quality 50 or more keeps generated card photos well above it.
const MIN_PSNR_DB: f64 = 30.0;

fn card(width: u32, height: u32, seed: u64) -> DynamicImage {
    DynamicImage::ImageRgb8(card_photo(width, height, seed))
}

fn codes(error: &jszg_photo::PhotoError) -> Vec<&str> {
    error.issues.iter().map(|issue| issue.code).collect()
}

#[test]
fn large_photo_fits_under_limit() {
    let input = encode_jpeg(&card(2400, 1800, 21), 95);
    assert!(
        input.len() as u64 > 2 * SIZE_LIMIT_BYTES,
        "input {} bytes",
        input.len()
    );

    let fitted = fit(&input).expect("fit");
    assert!(!fitted.unchanged);
    assert_eq!(fitted.original_size_bytes, input.len() as u64);
    assert_eq!(
        (fitted.original_width, fitted.original_height),
        (2400, 1800)
    );
    assert_eq!((fitted.width, fitted.height), (1600, 1200));
    assert_eq!(fitted.size_bytes, fitted.bytes.len() as u64);
    assert!(fitted.size_bytes < SIZE_LIMIT_BYTES);
    let quality = fitted.quality.expect("quality");
    assert!(
        (MIN_QUALITY..=MAX_QUALITY).contains(&quality),
        "quality {quality}"
    );

    let report = check(&fitted.bytes);
    assert!(report.acceptable, "issues {:?}", report.issues);
    assert!(report.issues.is_empty(), "issues {:?}", report.issues);
    assert_eq!(report.progressive, Some(false));

    // The same pipeline one quality step higher must not fit, or the search stopped early.
    let decoded = image::load_from_memory(&input).unwrap();
    let reference = decoded.resize_exact(1600, 1200, FilterType::Triangle);
    if quality < MAX_QUALITY {
        let higher = encode_jpeg(&reference, quality + 1);
        assert!(
            higher.len() as u64 >= SIZE_LIMIT_BYTES,
            "quality {} fits too",
            quality + 1
        );
    }

    let (width, height, pixels) = decode_with_jpeg_decoder(&fitted.bytes);
    assert_eq!((width, height), (1600, 1200));
    let similarity = psnr(&pixels, reference.to_rgb8().as_raw());
    assert!(similarity > MIN_PSNR_DB, "PSNR {similarity:.1} dB");
}

/// Returns the upright image for EXIF orientation `value`, written out pixel by pixel
/// from the definition of each value, independent of the library's own transform.
fn upright(stored: &RgbImage, value: u16) -> RgbImage {
    let (w, h) = stored.dimensions();
    let at = |x: u32, y: u32| *stored.get_pixel(x, y);
    match value {
        1 => stored.clone(),
        2 => RgbImage::from_fn(w, h, |x, y| at(w - 1 - x, y)),
        3 => RgbImage::from_fn(w, h, |x, y| at(w - 1 - x, h - 1 - y)),
        4 => RgbImage::from_fn(w, h, |x, y| at(x, h - 1 - y)),
        5 => RgbImage::from_fn(h, w, |x, y| at(y, x)),
        6 => RgbImage::from_fn(h, w, |x, y| at(y, h - 1 - x)),
        7 => RgbImage::from_fn(h, w, |x, y| at(w - 1 - y, h - 1 - x)),
        8 => RgbImage::from_fn(h, w, |x, y| at(w - 1 - y, x)),
        _ => unreachable!(),
    }
}

#[test]
fn orientation_is_applied_table() {
    let plain = encode_jpeg(&card(800, 600, 4), 90);
    let stored = image::load_from_memory(&plain).unwrap().to_rgb8();
    for value in 1..=8u16 {
        let input = with_exif_orientation(&plain, value);
        let fitted = fit(&input).expect("fit");
        let expected = upright(&stored, value);
        assert!(!fitted.unchanged, "value {value}: EXIF must be removed");
        assert_eq!(u16::from(fitted.original_orientation.exif_value), value);
        assert_eq!(
            (fitted.width, fitted.height),
            expected.dimensions(),
            "value {value}"
        );

        let (_, _, pixels) = decode_with_jpeg_decoder(&fitted.bytes);
        let similarity = psnr(&pixels, expected.as_raw());
        assert!(
            similarity > MIN_PSNR_DB,
            "value {value}: PSNR {similarity:.1} dB"
        );

        let report = check(&fitted.bytes);
        assert!(report.acceptable, "value {value}: {:?}", report.issues);
        assert!(!report.has_exif, "value {value}");
        assert_eq!(report.orientation.unwrap().exif_value, 1);
    }
}

#[test]
fn metadata_is_stripped() {
    let input = with_exif_orientation(&encode_jpeg(&card(800, 600, 8), 90), 6);
    assert!(input.windows(6).any(|w| w == b"Exif\0\0"));
    let fitted = fit(&input).expect("fit");
    assert!(!fitted.bytes.windows(4).any(|w| w == b"Exif"));
    assert!(!fitted.bytes.windows(2).any(|w| w == [0xFF, 0xE1]));
}

#[test]
fn valid_photo_is_returned_unchanged() {
    let input = encode_jpeg(&card(1024, 768, 9), 85);
    assert!(check(&input).acceptable);
    let fitted = fit(&input).expect("fit");
    assert!(fitted.unchanged);
    assert_eq!(fitted.bytes, input);
    assert_eq!(fitted.quality, None);
    assert_eq!(fitted.size_bytes, input.len() as u64);
    assert_eq!((fitted.width, fitted.height), (1024, 768));
}

#[test]
fn png_is_converted_to_jpeg() {
    let source = card(1000, 750, 10);
    let fitted = fit(&encode_png(&source)).expect("fit");
    assert_eq!(fitted.original_format, PhotoFormat::Png);
    assert_eq!((fitted.width, fitted.height), (1000, 750));
    let report = check(&fitted.bytes);
    assert_eq!(report.format, PhotoFormat::Jpeg);
    assert!(report.acceptable, "issues {:?}", report.issues);

    let (_, _, pixels) = decode_with_jpeg_decoder(&fitted.bytes);
    let similarity = psnr(&pixels, source.to_rgb8().as_raw());
    assert!(similarity > MIN_PSNR_DB, "PSNR {similarity:.1} dB");
}

#[test]
fn grey_photo_stays_grey() {
    let grey = DynamicImage::ImageLuma8(card(2000, 1500, 12).to_luma8());
    let fitted = fit(&encode_png(&grey)).expect("fit");
    let report = check(&fitted.bytes);
    assert_eq!(report.color, Some(ColorModel::Grey));
    assert_eq!((fitted.width, fitted.height), (1600, 1200));
}

#[test]
fn cmyk_photo_is_converted_to_rgb() {
    let fitted = fit(&handmade_jpeg(640, 480, 4, Some(0), None)).expect("fit");
    assert!(!fitted.unchanged);
    let report = check(&fitted.bytes);
    assert_eq!(report.color, Some(ColorModel::Rgb));
    assert!(!report.has_issue("photo.cmyk"));
}

#[test]
fn blurred_photo_keeps_its_warning() {
    let input = encode_jpeg(&card(1800, 1350, 13).blur(5.0), 95);
    let fitted = fit(&input).expect("fit");
    let warnings: Vec<&str> = fitted.warnings.iter().map(|issue| issue.code).collect();
    assert_eq!(warnings, ["photo.blurred"]);
}

#[test]
fn unusable_inputs_are_rejected_table() {
    let jpeg = encode_jpeg(&card(800, 600, 14), 90);
    let mut heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    heic.extend_from_slice(&[0; 64]);
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        ("heic", heic, vec!["photo.heic_unsupported"]),
        (
            "truncated",
            jpeg[..jpeg.len() / 2].to_vec(),
            vec!["photo.truncated"],
        ),
        ("unknown", b"GIF89a and more".to_vec(), vec!["photo.format"]),
        (
            "small",
            encode_jpeg(&card(600, 400, 1), 90),
            vec!["photo.dimensions_too_small"],
        ),
        (
            "pixel flood",
            handmade_jpeg(60_000, 60_000, 3, None, Some(16)),
            vec!["photo.pixel_flood"],
        ),
    ];
    for (name, bytes, expected) in cases {
        let error = fit(&bytes).expect_err(name);
        assert_eq!(codes(&error), expected, "{name}");
        assert!(!error.to_string().is_empty(), "{name}");
    }
}

fn noise_png(width: u32, height: u32) -> Vec<u8> {
    let mut rng = Rng::new(99);
    let noise = RgbImage::from_fn(width, height, |_, _| {
        let value = rng.next().to_le_bytes();
        image::Rgb([value[0], value[1], value[2]])
    });
    encode_png(&DynamicImage::ImageRgb8(noise))
}

#[test]
fn noise_photo_is_shrunk() {
    // Noise barely compresses: at a long side of 1600, 1280 and 1024 pixels even the
    // lowest quality is too large, so the long side ends at 1600 × 0.8³ = 819.
    let fitted = fit(&noise_png(1600, 1200)).expect("fit");
    assert_eq!((fitted.width, fitted.height), (819, 614));
    assert!(fitted.quality.unwrap() >= MIN_QUALITY);
    assert!(fitted.size_bytes < SIZE_LIMIT_BYTES);
}

#[test]
fn noise_panorama_cannot_fit() {
    // The short side is already at the minimum, so the photo cannot shrink.
    let error = fit(&noise_png(3840, 480)).expect_err("noise panorama");
    assert_eq!(codes(&error), ["photo.cannot_fit"]);
    assert!(error.issues[0].message.contains("3840×480"));
}
