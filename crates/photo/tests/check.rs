mod common;

use common::*;
use image::{DynamicImage, GrayImage, Luma};
use jszg_photo::{
    check, upload_error, ColorModel, PhotoFormat, PhotoReport, Severity, SIZE_LIMIT_BYTES,
};

fn card_jpeg(width: u32, height: u32, quality: u8) -> Vec<u8> {
    encode_jpeg(
        &DynamicImage::ImageRgb8(card_photo(width, height, 7)),
        quality,
    )
}

fn codes(report: &PhotoReport) -> Vec<&str> {
    report.issues.iter().map(|issue| issue.code).collect()
}

#[test]
fn sharp_jpeg_is_acceptable() {
    let bytes = card_jpeg(1024, 768, 85);
    let report = check(&bytes);
    assert!(report.acceptable, "issues {:?}", report.issues);
    assert!(report.issues.is_empty(), "issues {:?}", report.issues);
    assert_eq!(report.format, PhotoFormat::Jpeg);
    assert_eq!(report.size_bytes, bytes.len() as u64);
    assert_eq!(report.size_limit_bytes, 194_560);
    assert_eq!((report.width, report.height), (Some(1024), Some(768)));
    assert_eq!(report.color, Some(ColorModel::Rgb));
    assert_eq!(report.progressive, Some(false));
    assert!(!report.has_exif);
    assert_eq!(report.orientation.unwrap().exif_value, 1);
    assert!(report.sharpness.unwrap() > 2.0 * report.blur_threshold);
}

#[test]
fn size_limit_is_exclusive() {
    let base = card_jpeg(800, 600, 80);
    assert!(base.len() < 150_000, "base JPEG is {} bytes", base.len());

    let below = pad_to_size(&base, 194_559);
    let report = check(&below);
    assert_eq!(report.size_bytes, 194_559);
    assert!(report.acceptable, "issues {:?}", report.issues);
    assert!(!report.has_issue("photo.too_large"));

    let at_limit = pad_to_size(&base, 194_560);
    let report = check(&at_limit);
    assert_eq!(report.size_bytes, SIZE_LIMIT_BYTES);
    assert!(!report.acceptable);
    assert_eq!(codes(&report), ["photo.too_large"]);
    assert!(report.issues[0].message.contains("190 KB"));
    assert!(report.issues[0].message_en.contains("194560"));
}

#[test]
fn png_content_is_wrong_format() {
    let bytes = encode_png(&DynamicImage::ImageRgb8(card_photo(800, 600, 3)));
    let report = check(&bytes);
    assert_eq!(report.format, PhotoFormat::Png);
    assert!(!report.acceptable);
    // A lossless photo is also far above the size limit.
    assert_eq!(codes(&report), ["photo.too_large", "photo.format"]);
    assert!(report.issues[1].message.contains("PNG"));
    assert_eq!((report.width, report.height), (Some(800), Some(600)));
    assert_eq!(report.progressive, None);
}

#[test]
fn truncated_jpeg_is_rejected() {
    let bytes = card_jpeg(800, 600, 85);
    for cut in [bytes.len() / 2, bytes.len() - 2, 200] {
        let report = check(&bytes[..cut]);
        assert!(!report.acceptable, "cut at {cut}");
        assert_eq!(codes(&report), ["photo.truncated"], "cut at {cut}");
        assert_eq!(report.width, None, "cut at {cut}");
    }
}

#[test]
fn truncated_png_is_rejected() {
    let bytes = encode_png(&DynamicImage::ImageRgb8(card_photo(800, 600, 3)));
    let report = check(&bytes[..bytes.len() / 2]);
    assert_eq!(
        codes(&report),
        ["photo.too_large", "photo.format", "photo.truncated"]
    );
}

#[test]
fn exif_orientation_table() {
    let base = card_jpeg(800, 600, 85);
    // (EXIF value, rotation reported, mirror reported)
    let cases = [
        (1, false, false),
        (2, false, true),
        (3, true, false),
        (4, true, true),
        (5, true, true),
        (6, true, false),
        (7, true, true),
        (8, true, false),
    ];
    for (value, rotated, mirrored) in cases {
        let report = check(&with_exif_orientation(&base, value));
        let orientation = report.orientation.expect("orientation");
        assert_eq!(u16::from(orientation.exif_value), value);
        assert!(report.has_exif);
        assert_eq!(report.has_issue("photo.rotated"), rotated, "value {value}");
        assert_eq!(
            report.has_issue("photo.mirrored"),
            mirrored,
            "value {value}"
        );
        assert_eq!(report.acceptable, value == 1, "value {value}");
    }
}

#[test]
fn rotation_message_says_how_far() {
    let report = check(&with_exif_orientation(&card_jpeg(800, 600, 85), 6));
    let issue = &report.issues[0];
    assert_eq!(issue.code, "photo.rotated");
    assert!(
        issue.message.contains("顺时针旋转 90°"),
        "{}",
        issue.message
    );
    assert!(issue.message_en.contains("90 degrees"));
}

#[test]
fn minimum_dimensions_table() {
    let cases = [
        (640, 480, true),
        (480, 640, true),
        (639, 480, false),
        (640, 479, false),
        (600, 400, false),
        (2000, 480, true),
    ];
    for (width, height, acceptable) in cases {
        let report = check(&card_jpeg(width, height, 85));
        assert_eq!(
            report.has_issue("photo.dimensions_too_small"),
            !acceptable,
            "{width}x{height}"
        );
    }
}

#[test]
fn jpeg_pixel_flood_fails_before_decoding() {
    let bytes = handmade_jpeg(60_000, 60_000, 3, None, Some(16));
    assert!(bytes.len() < 1_000, "flood file is {} bytes", bytes.len());
    let report = check(&bytes);
    assert_eq!(codes(&report), ["photo.pixel_flood"]);
    assert!(report.issues[0].message.contains("60000×60000"));
    assert_eq!(report.width, None);
}

#[test]
fn jpeg_without_scan_data_is_truncated() {
    let bytes = handmade_jpeg(16_000, 16_000, 3, None, Some(16));
    assert!(bytes.len() < 1_000, "file is {} bytes", bytes.len());
    let report = check(&bytes);
    assert_eq!(codes(&report), ["photo.truncated"]);
    assert!(!report.acceptable);
    assert_eq!(report.width, None);
}

#[test]
fn png_pixel_flood_fails_before_decoding() {
    let report = check(&png_header_only(60_000, 60_000));
    assert_eq!(codes(&report), ["photo.format", "photo.pixel_flood"]);
    assert!(report.issues[1].message_en.contains("60000x60000"));
}

#[test]
fn cmyk_jpeg_decodes_with_warning() {
    for (transform, model) in [
        (Some(0), ColorModel::Cmyk),
        (Some(2), ColorModel::Ycck),
        (None, ColorModel::Cmyk),
    ] {
        let report = check(&handmade_jpeg(640, 480, 4, transform, None));
        assert_eq!(report.color, Some(model), "transform {transform:?}");
        assert_eq!((report.width, report.height), (Some(640), Some(480)));
        assert!(report.has_issue("photo.cmyk"));
        // A flat image is also reported as blurred, and both are warnings.
        assert!(report.acceptable, "issues {:?}", report.issues);
    }
}

#[test]
fn grey_jpeg_is_acceptable() {
    let grey = DynamicImage::ImageRgb8(card_photo(800, 600, 5)).to_luma8();
    let report = check(&encode_jpeg(&DynamicImage::ImageLuma8(grey), 85));
    assert_eq!(report.color, Some(ColorModel::Grey));
    assert!(report.acceptable, "issues {:?}", report.issues);
    assert!(report.issues.is_empty());
}

#[test]
fn heic_is_detected_by_content() {
    let mut bytes = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    bytes.extend_from_slice(&[0; 2_000]);
    let report = check(&bytes);
    assert_eq!(report.format, PhotoFormat::Heic);
    assert_eq!(codes(&report), ["photo.heic_unsupported"]);
    assert!(report.issues[0].message.contains("JPG"));
}

#[test]
fn unknown_content_is_wrong_format() {
    for bytes in [&b""[..], b"not a photo at all", &[0xFF, 0xD8]] {
        let report = check(bytes);
        assert_eq!(report.format, PhotoFormat::Unknown);
        assert_eq!(codes(&report), ["photo.format"]);
        let message = &report.issues[0].message;
        assert!(message.contains("无法识别"), "{message}");
        assert!(!message.contains("unknown"), "{message}");
    }
}

#[test]
fn blurred_photo_is_a_warning() {
    let sharp = DynamicImage::ImageRgb8(card_photo(1280, 960, 11));
    let blurred = sharp.blur(6.0);
    let report = check(&encode_jpeg(&blurred, 85));
    assert_eq!(codes(&report), ["photo.blurred"]);
    assert_eq!(report.issues[0].severity, Severity::Warning);
    assert!(report.acceptable);
    assert!(report.sharpness.unwrap() <= report.blur_threshold);
}

#[test]
fn flat_grey_image_is_blurred() {
    let flat = DynamicImage::ImageLuma8(GrayImage::from_pixel(800, 600, Luma([120])));
    let report = check(&encode_jpeg(&flat, 90));
    assert_eq!(report.sharpness, Some(0.0));
    assert!(report.has_issue("photo.blurred"));
}

#[test]
fn every_issue_has_both_messages() {
    let inputs = vec![
        pad_to_size(&with_exif_orientation(&card_jpeg(600, 400, 85), 7), 200_000),
        encode_png(&DynamicImage::ImageRgb8(card_photo(800, 600, 3))),
        handmade_jpeg(60_000, 60_000, 3, None, Some(16)),
        handmade_jpeg(640, 480, 4, Some(2), None),
    ];
    for bytes in inputs {
        for issue in check(&bytes).issues {
            assert!(issue.code.starts_with("photo."));
            assert!(
                issue
                    .message
                    .chars()
                    .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                "{}: {}",
                issue.code,
                issue.message
            );
            assert!(issue.message_en.is_ascii(), "{}", issue.message_en);
        }
    }
}

#[test]
fn report_serialises_to_json() {
    let report = check(&pad_to_size(&card_jpeg(800, 600, 80), 194_560));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["acceptable"], false);
    assert_eq!(json["format"], "jpeg");
    assert_eq!(json["color"], "rgb");
    assert_eq!(json["issues"][0]["code"], "photo.too_large");
    assert_eq!(json["issues"][0]["severity"], "error");
    assert_eq!(json["orientation"]["exif_value"], 1);
}

#[test]
fn upload_error_needs_no_decode() {
    let jpeg = card_jpeg(800, 600, 80);
    assert!(upload_error(&jpeg).is_none());

    // A PNG header declaring 40 megapixels is rejected by its signature alone.
    let bomb = png_header_only(8000, 5000);
    let issue = upload_error(&bomb).expect("a PNG is not accepted");
    assert_eq!(issue.code, "photo.format");

    let oversized = pad_to_size(&jpeg, SIZE_LIMIT_BYTES as usize);
    let issue = upload_error(&oversized).expect("over the size limit");
    assert_eq!(issue.code, "photo.too_large");

    for bytes in [&jpeg, &bomb, &oversized] {
        let first_error = check(bytes).errors().next().map(|issue| issue.code);
        let quick = upload_error(bytes).map(|issue| issue.code);
        assert!(
            quick.is_none() || quick == first_error,
            "{quick:?} {first_error:?}"
        );
    }
}
