mod common;

use std::fs;

use common::{card_photo, encode_jpeg, encode_png, with_exif_orientation};
use image::DynamicImage;
use jszg_photo::cli::{run, PhotoCommand};

#[test]
fn check_reads_content_not_name() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("photo.jpg");
    fs::write(
        &path,
        encode_png(&DynamicImage::ImageRgb8(card_photo(640, 480, 1))),
    )
    .unwrap();

    let output = run(&PhotoCommand::Check { file: path }).unwrap();
    assert!(!output.success);
    assert_eq!(output.json["format"], "png");
    assert_eq!(output.json["acceptable"], false);
    let codes: Vec<&str> = output.json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|issue| issue["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"photo.format"), "codes {codes:?}");
}

#[test]
fn fit_writes_acceptable_jpeg() {
    let folder = tempfile::tempdir().unwrap();
    let input = folder.path().join("sideways.jpg");
    let output_path = folder.path().join("upright.jpg");
    let jpeg = encode_jpeg(&DynamicImage::ImageRgb8(card_photo(800, 600, 2)), 90);
    fs::write(&input, with_exif_orientation(&jpeg, 6)).unwrap();

    let output = run(&PhotoCommand::Fit {
        input,
        output: output_path.clone(),
    })
    .unwrap();
    assert!(output.success);
    assert_eq!(output.json["fitted"]["width"], 600);
    assert_eq!(output.json["fitted"]["height"], 800);
    assert_eq!(
        output.json["fitted"]["original_orientation"]["exif_value"],
        6
    );

    let written = fs::read(&output_path).unwrap();
    assert_eq!(output.json["fitted"]["size_bytes"], written.len() as u64);
    assert!(jszg_photo::check(&written).acceptable);
}

#[test]
fn fit_failure_writes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let input = folder.path().join("photo.heic");
    let output_path = folder.path().join("out.jpg");
    fs::write(&input, b"\0\0\0\x18ftypheic\0\0\0\0mif1heic").unwrap();

    let output = run(&PhotoCommand::Fit {
        input,
        output: output_path.clone(),
    })
    .unwrap();
    assert!(!output.success);
    assert_eq!(
        output.json["error"]["issues"][0]["code"],
        "photo.heic_unsupported"
    );
    assert!(!output_path.exists());
}

#[test]
fn missing_file_is_an_error() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("absent.jpg");
    let error = run(&PhotoCommand::Check { file: path }).unwrap_err();
    assert!(error.to_string().contains("absent.jpg"), "{error}");
}
