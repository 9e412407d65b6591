//! A walk over the marker segments of a JPEG file (ITU-T T.81, annex B).
//!
//! The decoder used by the `image` crate fills a cut-off scan with grey instead of failing,
//! so a truncated upload is found here: a complete file reaches its EOI marker.

/// What the walk found before it stopped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JpegStructure {
    pub frame: Option<Frame>,
    /// Transform flag of an Adobe APP14 segment: 0 is RGB or CMYK, 1 YCbCr, 2 YCCK.
    pub adobe_transform: Option<u8>,
    pub has_exif: bool,
    pub end: StructureEnd,
}

/// Start-of-frame header: the dimensions and components the file declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub width: u16,
    pub height: u16,
    pub components: u8,
    pub progressive: bool,
}

/// How the walk ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum StructureEnd {
    /// The EOI marker was found. Bytes after it are ignored, as viewers do.
    Complete,
    /// The data ended inside a segment or a scan.
    #[default]
    Truncated,
    /// A byte sequence that no JPEG file contains, at the given offset.
    Malformed { offset: usize, reason: &'static str },
}

const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const APP1: u8 = 0xE1;
const APP14: u8 = 0xEE;

/// Walks the segments of `bytes`, which must start with the SOI marker.
pub fn scan_jpeg(bytes: &[u8]) -> JpegStructure {
    let mut structure = JpegStructure::default();
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        structure.end = malformed(0, "missing SOI marker");
        return structure;
    }

    let mut pos = 2;
    loop {
        let Some(&first) = bytes.get(pos) else {
            structure.end = StructureEnd::Truncated;
            return structure;
        };
        if first != 0xFF {
            structure.end = malformed(pos, "expected a marker");
            return structure;
        }
        // Any number of 0xFF fill bytes may precede the marker code.
        while bytes.get(pos + 1) == Some(&0xFF) {
            pos += 1;
        }
        let Some(&marker) = bytes.get(pos + 1) else {
            structure.end = StructureEnd::Truncated;
            return structure;
        };
        pos += 2;

        match marker {
            EOI => {
                structure.end = StructureEnd::Complete;
                return structure;
            }
            0xD8 => {
                structure.end = malformed(pos - 2, "second SOI marker");
                return structure;
            }
            // Standalone markers carry no length.
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }

        let Some(length) = read_u16(bytes, pos) else {
            structure.end = StructureEnd::Truncated;
            return structure;
        };
        let length = usize::from(length);
        if length < 2 {
            structure.end = malformed(pos, "segment length below 2");
            return structure;
        }
        let Some(payload) = bytes.get(pos + 2..pos + length) else {
            structure.end = StructureEnd::Truncated;
            return structure;
        };
        read_segment(&mut structure, marker, payload);
        pos += length;

        if marker == SOS {
            match find_scan_end(bytes, pos) {
                Some(next_marker) => pos = next_marker,
                None => {
                    structure.end = StructureEnd::Truncated;
                    return structure;
                }
            }
        }
    }
}

fn malformed(offset: usize, reason: &'static str) -> StructureEnd {
    StructureEnd::Malformed { offset, reason }
}

fn read_u16(bytes: &[u8], pos: usize) -> Option<u16> {
    let pair = bytes.get(pos..pos + 2)?;
    Some(u16::from_be_bytes([pair[0], pair[1]]))
}

fn read_segment(structure: &mut JpegStructure, marker: u8, payload: &[u8]) {
    match marker {
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). Only the first frame counts.
        0xC0..=0xCF
            if !matches!(marker, 0xC4 | 0xC8 | 0xCC)
                && payload.len() >= 6
                && structure.frame.is_none() =>
        {
            structure.frame = Some(Frame {
                height: u16::from_be_bytes([payload[1], payload[2]]),
                width: u16::from_be_bytes([payload[3], payload[4]]),
                components: payload[5],
                progressive: matches!(marker, 0xC2 | 0xC6 | 0xCA | 0xCE),
            });
        }
        APP1 if payload.starts_with(b"Exif\0\0") => structure.has_exif = true,
        APP14 if payload.len() >= 12 && payload.starts_with(b"Adobe") => {
            structure.adobe_transform = Some(payload[11]);
        }
        _ => {}
    }
}

/// Returns the offset of the first marker after entropy-coded data starting at `pos`.
/// Stuffed bytes (FF 00) and restart markers (FF D0..D7) belong to the scan.
fn find_scan_end(bytes: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let offset = bytes.get(pos..)?.iter().position(|&byte| byte == 0xFF)?;
        pos += offset;
        match bytes.get(pos + 1)? {
            0x00 | 0xD0..=0xD7 | 0xFF => pos += 1,
            _ => return Some(pos),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SOI, an SOF0 for 640×480 with 3 components, an SOS, a short scan and EOI.
    fn tiny_jpeg() -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8];
        bytes.extend_from_slice(&[0xFF, 0xC0, 0, 17, 8, 0x01, 0xE0, 0x02, 0x80, 3]);
        bytes.extend_from_slice(&[1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
        bytes.extend_from_slice(&[0xFF, 0xDA, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]);
        bytes.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0x78]);
        // EOI preceded by a fill byte.
        bytes.extend_from_slice(&[0xFF, 0xFF, 0xD9]);
        bytes
    }

    #[test]
    fn complete_file_reaches_eoi() {
        let structure = scan_jpeg(&tiny_jpeg());
        assert_eq!(structure.end, StructureEnd::Complete);
        let frame = structure.frame.expect("frame header");
        assert_eq!((frame.width, frame.height), (640, 480));
        assert_eq!(frame.components, 3);
        assert!(!frame.progressive);
    }

    #[test]
    fn trailing_bytes_after_eoi_are_ignored() {
        let mut bytes = tiny_jpeg();
        bytes.extend_from_slice(b"trailer written by some phones");
        assert_eq!(scan_jpeg(&bytes).end, StructureEnd::Complete);
    }

    #[test]
    fn every_cut_is_truncated() {
        let bytes = tiny_jpeg();
        for cut in 2..bytes.len() {
            assert_eq!(
                scan_jpeg(&bytes[..cut]).end,
                StructureEnd::Truncated,
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn garbage_between_segments_is_malformed() {
        let mut bytes = vec![0xFF, 0xD8, 0x00, 0x01];
        bytes.extend_from_slice(&[0xFF, 0xD9]);
        assert_eq!(scan_jpeg(&bytes).end, malformed(2, "expected a marker"),);
    }

    #[test]
    fn exif_and_adobe_segments_are_recorded() {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE1, 0, 10];
        bytes.extend_from_slice(b"Exif\0\0MM");
        bytes.extend_from_slice(&[0xFF, 0xEE, 0, 14]);
        bytes.extend_from_slice(b"Adobe\0\x64\0\0\0\0\x02");
        bytes.extend_from_slice(&[0xFF, 0xD9]);
        let structure = scan_jpeg(&bytes);
        assert!(structure.has_exif);
        assert_eq!(structure.adobe_transform, Some(2));
        assert_eq!(structure.end, StructureEnd::Complete);
    }
}
