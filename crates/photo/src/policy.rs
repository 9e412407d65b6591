//! Limits the service applies to every uploaded photo.

/// Size limit in bytes: a photo must be strictly smaller than 190 × 1024 bytes, so
/// 194,559 bytes pass and 194,560 bytes fail.
pub const SIZE_LIMIT_BYTES: u64 = 190 * 1024;

/// Minimum short side, in pixels. At VGA (640×480), an 85.6 mm wide card that fills half
/// the width of the photo gets about 3.7 pixels per millimetre, so the digits of its
/// number (roughly 3 mm tall, an estimate) are about 11 pixels tall and still legible.
pub const MIN_SHORT_SIDE: u32 = 480;

/// Minimum long side, in pixels.
pub const MIN_LONG_SIDE: u32 = 640;
