//! Detection of the image format from the first bytes of the content, never from a file name.

use serde::Serialize;

/// Image format recognised by its signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoFormat {
    Jpeg,
    Png,
    Webp,
    /// HEIF with HEVC images, the default of recent iPhones and many Android phones.
    Heic,
    Avif,
    Gif,
    Bmp,
    Tiff,
    Unknown,
}

impl PhotoFormat {
    /// Returns the name shown in messages.
    pub fn display_name(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "JPEG",
            PhotoFormat::Png => "PNG",
            PhotoFormat::Webp => "WebP",
            PhotoFormat::Heic => "HEIC",
            PhotoFormat::Avif => "AVIF",
            PhotoFormat::Gif => "GIF",
            PhotoFormat::Bmp => "BMP",
            PhotoFormat::Tiff => "TIFF",
            PhotoFormat::Unknown => "unknown",
        }
    }

    /// Tells whether [`crate::fit`] can decode this format and convert it to JPEG.
    pub fn is_decodable(self) -> bool {
        matches!(
            self,
            PhotoFormat::Jpeg | PhotoFormat::Png | PhotoFormat::Webp
        )
    }
}

/// Detects the format from the signature at the start of `bytes`.
pub fn detect_format(bytes: &[u8]) -> PhotoFormat {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        PhotoFormat::Jpeg
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        PhotoFormat::Png
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        PhotoFormat::Webp
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        PhotoFormat::Gif
    } else if bytes.starts_with(b"BM") && bytes.len() >= 14 {
        PhotoFormat::Bmp
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        PhotoFormat::Tiff
    } else if let Some(format) = detect_iso_media(bytes) {
        format
    } else {
        PhotoFormat::Unknown
    }
}

/// Reads the brands of an ISO base media `ftyp` box, the container of HEIC and AVIF.
fn detect_iso_media(bytes: &[u8]) -> Option<PhotoFormat> {
    if bytes.len() < 16 || &bytes[4..8] != b"ftyp" {
        return None;
    }
    let box_size = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    let end = box_size.clamp(16, bytes.len());
    // The major brand sits at 8..12, the minor version at 12..16, then compatible brands.
    let brands = std::iter::once(&bytes[8..12]).chain(bytes[16..end].chunks_exact(4));

    let mut heif = false;
    for brand in brands {
        match brand {
            b"avif" | b"avis" => return Some(PhotoFormat::Avif),
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"hevm" | b"hevs"
            | b"mif1" | b"msf1" => heif = true,
            _ => {}
        }
    }
    heif.then_some(PhotoFormat::Heic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ftyp(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
        let size = 16 + 4 * compatible.len();
        let mut bytes = (size as u32).to_be_bytes().to_vec();
        bytes.extend_from_slice(b"ftyp");
        bytes.extend_from_slice(major);
        bytes.extend_from_slice(&[0, 0, 0, 0]);
        for brand in compatible {
            bytes.extend_from_slice(*brand);
        }
        bytes.extend_from_slice(&[0; 32]);
        bytes
    }

    #[test]
    fn signatures_table() {
        let cases: Vec<(Vec<u8>, PhotoFormat)> = vec![
            (vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16], PhotoFormat::Jpeg),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), PhotoFormat::Png),
            (b"RIFF\x10\0\0\0WEBPVP8 ".to_vec(), PhotoFormat::Webp),
            (b"GIF89a\x01\0\x01\0".to_vec(), PhotoFormat::Gif),
            (b"BM\0\0\0\0\0\0\0\0\0\0\0\0\0\0".to_vec(), PhotoFormat::Bmp),
            (b"II*\0\x08\0\0\0".to_vec(), PhotoFormat::Tiff),
            (ftyp(b"heic", &[b"mif1", b"heic"]), PhotoFormat::Heic),
            (ftyp(b"mif1", &[b"heic"]), PhotoFormat::Heic),
            (ftyp(b"avif", &[b"mif1", b"miaf"]), PhotoFormat::Avif),
            (ftyp(b"mif1", &[b"avif"]), PhotoFormat::Avif),
            (ftyp(b"isom", &[b"mp41"]), PhotoFormat::Unknown),
            (b"hello, world".to_vec(), PhotoFormat::Unknown),
            (vec![0xFF, 0xD8], PhotoFormat::Unknown),
            (Vec::new(), PhotoFormat::Unknown),
        ];
        for (bytes, expected) in cases {
            assert_eq!(detect_format(&bytes), expected, "bytes {:?}", &bytes[..]);
        }
    }
}
