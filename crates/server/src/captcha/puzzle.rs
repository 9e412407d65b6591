//! Drawing a slider puzzle: a random background with a piece-shaped hole, and the piece.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};
use rand::Rng;

pub const WIDTH: u32 = 320;
pub const HEIGHT: u32 = 160;
pub const PIECE: u32 = 52;
/// Radius of the round tab on the piece's right edge.
const TAB: f64 = 8.0;

/// A drawn puzzle and where the hole is.
pub struct Puzzle {
    pub background_png: String,
    pub piece_png: String,
    pub answer_x: u32,
    pub piece_y: u32,
}

/// Whether pixel (dx, dy) of the piece's square lies inside its outline: a square inset
/// by the tab radius with a round tab on the right edge.
fn inside(dx: u32, dy: u32) -> bool {
    let (x, y) = (f64::from(dx), f64::from(dy));
    let high = f64::from(PIECE) - TAB;
    let in_square = x < high && y >= 4.0 && y < f64::from(PIECE) - 4.0;
    let centre = (high, f64::from(PIECE) / 2.0);
    let in_tab = (x - centre.0).powi(2) + (y - centre.1).powi(2) <= TAB * TAB;
    in_square || in_tab
}

fn on_edge(dx: u32, dy: u32) -> bool {
    inside(dx, dy)
        && [(1i32, 0i32), (-1, 0), (0, 1), (0, -1)]
            .iter()
            .any(|(ox, oy)| {
                let (nx, ny) = (dx as i32 + ox, dy as i32 + oy);
                nx < 0
                    || ny < 0
                    || nx >= PIECE as i32
                    || ny >= PIECE as i32
                    || !inside(nx as u32, ny as u32)
            })
}

fn background(rng: &mut impl Rng) -> RgbImage {
    let base: [f64; 3] = [
        rng.gen_range(40.0..200.0),
        rng.gen_range(40.0..200.0),
        rng.gen_range(40.0..200.0),
    ];
    let tilt: [f64; 3] = [
        rng.gen_range(-0.4..0.4),
        rng.gen_range(-0.4..0.4),
        rng.gen_range(-0.4..0.4),
    ];
    let mut image = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let t = f64::from(x) + f64::from(y) * 0.5;
        let channel = |i: usize| (base[i] + tilt[i] * t).clamp(0.0, 255.0) as u8;
        Rgb([channel(0), channel(1), channel(2)])
    });
    // Random discs give the edges of the hole something to hide against.
    for _ in 0..14 {
        let (cx, cy) = (
            rng.gen_range(0..WIDTH) as f64,
            rng.gen_range(0..HEIGHT) as f64,
        );
        let radius: f64 = rng.gen_range(8.0..40.0);
        let colour: Rgb<u8> = Rgb([rng.gen(), rng.gen(), rng.gen()]);
        for (x, y, pixel) in image.enumerate_pixels_mut() {
            if (f64::from(x) - cx).powi(2) + (f64::from(y) - cy).powi(2) <= radius * radius {
                for i in 0..3 {
                    pixel.0[i] = ((u16::from(pixel.0[i]) + u16::from(colour.0[i])) / 2) as u8;
                }
            }
        }
    }
    for pixel in image.pixels_mut() {
        let noise: i16 = rng.gen_range(-12..=12);
        for channel in &mut pixel.0 {
            *channel = (i16::from(*channel) + noise).clamp(0, 255) as u8;
        }
    }
    image
}

fn encode_png(width: u32, height: u32, color: image::ExtendedColorType, pixels: &[u8]) -> String {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(pixels, width, height, color)
        .expect("PNG encoding into memory succeeds");
    STANDARD.encode(out)
}

/// Draws a new puzzle with the hole at a random position.
pub fn draw(rng: &mut impl Rng) -> Puzzle {
    let answer_x = rng.gen_range(PIECE + 20..WIDTH - PIECE - 10);
    let piece_y = rng.gen_range(10..HEIGHT - PIECE - 10);
    let mut image = background(rng);
    let mut piece = RgbaImage::new(PIECE, PIECE);
    for dy in 0..PIECE {
        for dx in 0..PIECE {
            if !inside(dx, dy) {
                continue;
            }
            let source = image.get_pixel_mut(answer_x + dx, piece_y + dy);
            let [r, g, b] = source.0;
            let edge = on_edge(dx, dy);
            piece.put_pixel(
                dx,
                dy,
                if edge {
                    Rgba([255, 255, 255, 255])
                } else {
                    Rgba([r, g, b, 255])
                },
            );
            let shade = |c: u8| (f64::from(c) * 0.4) as u8;
            *source = if edge {
                Rgb([230, 230, 230])
            } else {
                Rgb([shade(r), shade(g), shade(b)])
            };
        }
    }
    Puzzle {
        background_png: encode_png(
            WIDTH,
            HEIGHT,
            image::ExtendedColorType::Rgb8,
            image.as_raw(),
        ),
        piece_png: encode_png(
            PIECE,
            PIECE,
            image::ExtendedColorType::Rgba8,
            piece.as_raw(),
        ),
        answer_x,
        piece_y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn puzzle_images_decode_with_expected_sizes() {
        let puzzle = draw(&mut rand::thread_rng());
        let background =
            image::load_from_memory(&STANDARD.decode(&puzzle.background_png).unwrap()).unwrap();
        let piece = image::load_from_memory(&STANDARD.decode(&puzzle.piece_png).unwrap()).unwrap();
        assert_eq!((background.width(), background.height()), (WIDTH, HEIGHT));
        assert_eq!((piece.width(), piece.height()), (PIECE, PIECE));
        assert!(puzzle.answer_x + PIECE < WIDTH);
        assert!(puzzle.piece_y + PIECE < HEIGHT);
    }

    #[test]
    fn hole_position_varies() {
        let mut rng = rand::thread_rng();
        let positions: std::collections::HashSet<u32> =
            (0..10).map(|_| draw(&mut rng).answer_x).collect();
        assert!(positions.len() > 1);
    }
}
