//! Sharpness score: the variance of the Laplacian of a grey copy scaled down to a fixed size.
//!
//! Edges of print and of the card's outline give large Laplacian responses that blur
//! flattens, so a low variance means a blurred photo. Scaling every photo to the same
//! working size first makes the score independent of the camera's resolution.

use image::DynamicImage;

/// Long side of the grey copy on which the score is computed, in pixels.
pub const WORKING_LONG_SIDE: u32 = 640;

/// Scores at or below this value are reported as blurred.
///
/// Calibrated with the generated card photos of `tests/sharpness.rs`: sharp ones score
/// 1,500 to 3,600, and copies blurred with a Gaussian of sigma 1.5 working-size pixels
/// score 30 to 50. A photo of a mostly plain surface also scores low, which is why blur
/// is a warning and not an error.
/// NOTE: not yet calibrated on real phone photos, whose noise and lower contrast shift
/// both groups, so the value needs checking against real sharp and blurred uploads.
pub const BLUR_THRESHOLD: f64 = 120.0;

/// Computes the sharpness score of `image`, or `None` when the grey copy is smaller
/// than 3×3 pixels and has no interior to measure.
pub fn sharpness_score(image: &DynamicImage) -> Option<f64> {
    let grey = downscaled_grey(image);
    laplacian_variance(&grey)
}

/// Grey image stored row by row.
struct GreyImage {
    width: usize,
    height: usize,
    pixels: Vec<u16>,
}

/// Averages `factor`×`factor` blocks of luma, the cheapest scaling that does not alias.
fn downscaled_grey(image: &DynamicImage) -> GreyImage {
    let (width, height) = (image.width() as usize, image.height() as usize);
    let long_side = width.max(height);
    let factor = long_side.div_ceil(WORKING_LONG_SIDE as usize).max(1);

    let converted;
    let (samples, channels): (&[u8], usize) = match image {
        DynamicImage::ImageLuma8(buffer) => (buffer.as_raw(), 1),
        DynamicImage::ImageRgb8(buffer) => (buffer.as_raw(), 3),
        DynamicImage::ImageRgba8(buffer) => (buffer.as_raw(), 4),
        other => {
            converted = other.to_luma8();
            (converted.as_raw(), 1)
        }
    };

    let out_width = width / factor;
    let out_height = height / factor;
    let mut pixels = Vec::with_capacity(out_width * out_height);
    let mut sums = vec![0u32; out_width];
    let block_area = (factor * factor) as u32;

    for out_y in 0..out_height {
        sums.fill(0);
        for y in out_y * factor..(out_y + 1) * factor {
            let row = &samples[y * width * channels..][..out_width * factor * channels];
            match channels {
                1 => add_block_lumas::<1>(row, factor, &mut sums),
                3 => add_block_lumas::<3>(row, factor, &mut sums),
                _ => add_block_lumas::<4>(row, factor, &mut sums),
            }
        }
        pixels.extend(sums.iter().map(|&sum| (sum / block_area) as u16));
    }

    GreyImage {
        width: out_width,
        height: out_height,
        pixels,
    }
}

/// Adds the luma of each run of `factor` pixels of `row` to its entry in `sums`.
/// `CHANNELS` is a constant so that the inner loop is compiled once per layout.
fn add_block_lumas<const CHANNELS: usize>(row: &[u8], factor: usize, sums: &mut [u32]) {
    for (sum, block) in sums.iter_mut().zip(row.chunks_exact(factor * CHANNELS)) {
        *sum += block.chunks_exact(CHANNELS).map(luma).sum::<u32>();
    }
}

/// Returns the ITU-R BT.601 luma of one pixel, in 0..=255.
fn luma(pixel: &[u8]) -> u32 {
    match pixel.len() {
        1 => u32::from(pixel[0]),
        _ => {
            let [red, green, blue] = [pixel[0], pixel[1], pixel[2]].map(u32::from);
            (77 * red + 150 * green + 29 * blue) >> 8
        }
    }
}

/// Variance of the 4-neighbour Laplacian over the interior pixels.
fn laplacian_variance(grey: &GreyImage) -> Option<f64> {
    if grey.width < 3 || grey.height < 3 {
        return None;
    }
    let width = grey.width;
    let mut sum = 0i64;
    let mut sum_of_squares = 0i64;
    for y in 1..grey.height - 1 {
        let above = &grey.pixels[(y - 1) * width..y * width];
        let row = &grey.pixels[y * width..(y + 1) * width];
        let below = &grey.pixels[(y + 1) * width..(y + 2) * width];
        for x in 1..width - 1 {
            let neighbours = i64::from(above[x])
                + i64::from(below[x])
                + i64::from(row[x - 1])
                + i64::from(row[x + 1]);
            let response = neighbours - 4 * i64::from(row[x]);
            sum += response;
            sum_of_squares += response * response;
        }
    }
    let count = ((grey.width - 2) * (grey.height - 2)) as f64;
    let mean = sum as f64 / count;
    Some(sum_of_squares as f64 / count - mean * mean)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, Luma, RgbImage};

    #[test]
    fn flat_image_scores_zero() {
        let image = DynamicImage::ImageLuma8(GrayImage::from_pixel(100, 80, Luma([128])));
        assert_eq!(sharpness_score(&image), Some(0.0));
    }

    #[test]
    fn checkerboard_scores_known_value() {
        // Every interior pixel has four neighbours of the other color: ±4·255.
        let image = GrayImage::from_fn(10, 10, |x, y| {
            Luma([if (x + y) % 2 == 0 { 0 } else { 255 }])
        });
        let score = sharpness_score(&DynamicImage::ImageLuma8(image)).unwrap();
        assert!((score - 1_040_400.0).abs() < 1e-6, "score {score}");
    }

    #[test]
    fn large_image_is_scaled_to_working_size() {
        let image = DynamicImage::ImageRgb8(RgbImage::new(2000, 1000));
        let grey = downscaled_grey(&image);
        assert_eq!((grey.width, grey.height), (500, 250));
    }

    #[test]
    fn tiny_image_has_no_score() {
        let image = DynamicImage::ImageLuma8(GrayImage::new(2, 50));
        assert_eq!(sharpness_score(&image), None);
    }
}
