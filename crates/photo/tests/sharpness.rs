//! Calibration of the blur threshold on generated card photos.

mod common;

use common::card_photo;
use image::DynamicImage;
use jszg_photo::{sharpness_score, BLUR_THRESHOLD, WORKING_LONG_SIDE};

/// Sigma in working-size pixels, converted to the photo's own pixels.
fn blur_at_working_size(image: &DynamicImage, sigma: f32) -> DynamicImage {
    let long_side = image.width().max(image.height());
    let factor = long_side.div_ceil(WORKING_LONG_SIDE).max(1) as f32;
    image.blur(sigma * factor)
}

#[test]
fn sharp_and_blurred_are_separated() {
    let sizes = [(800, 600), (1280, 960), (960, 1280)];
    for (seed, (width, height)) in sizes.into_iter().enumerate() {
        let sharp = DynamicImage::ImageRgb8(card_photo(width, height, seed as u64));
        let sharp_score = sharpness_score(&sharp).unwrap();
        let slight = sharpness_score(&blur_at_working_size(&sharp, 1.5)).unwrap();
        let heavy = sharpness_score(&blur_at_working_size(&sharp, 3.0)).unwrap();
        println!(
            "{width}x{height}: sharp {sharp_score:.0}, sigma 1.5 {slight:.0}, sigma 3 {heavy:.0}"
        );

        assert!(
            sharp_score > 4.0 * BLUR_THRESHOLD,
            "{width}x{height}: sharp {sharp_score}"
        );
        assert!(
            slight < BLUR_THRESHOLD,
            "{width}x{height}: sigma 1.5 {slight}"
        );
        assert!(heavy < slight, "{width}x{height}: sigma 3 {heavy}");
    }
}
