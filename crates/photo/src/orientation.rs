//! The EXIF orientation tag, split into a rotation and a mirror flip.

use image::metadata::Orientation;
use serde::Serialize;

/// How the stored pixels must be transformed to be shown upright.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OrientationReport {
    /// Value of the EXIF orientation tag from 1 to 8, or 1 when the tag is absent.
    pub exif_value: u8,
    /// Clockwise rotation needed to show the photo upright: 0, 90, 180 or 270.
    pub rotation_degrees: u16,
    /// Whether the stored pixels are a mirror image of the scene.
    pub mirrored: bool,
}

impl OrientationReport {
    pub fn from_orientation(orientation: Orientation) -> Self {
        let (rotation_degrees, mirrored) = match orientation {
            Orientation::NoTransforms => (0, false),
            Orientation::FlipHorizontal => (0, true),
            Orientation::Rotate180 => (180, false),
            // A vertical flip is a horizontal flip followed by a half turn.
            Orientation::FlipVertical => (180, true),
            Orientation::Rotate90FlipH => (90, true),
            Orientation::Rotate90 => (90, false),
            Orientation::Rotate270FlipH => (270, true),
            Orientation::Rotate270 => (270, false),
        };
        OrientationReport {
            exif_value: orientation.to_exif(),
            rotation_degrees,
            mirrored,
        }
    }

    pub fn is_upright(&self) -> bool {
        self.exif_value == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_exif_value_table() {
        let expected = [
            (1, 0, false),
            (2, 0, true),
            (3, 180, false),
            (4, 180, true),
            (5, 90, true),
            (6, 90, false),
            (7, 270, true),
            (8, 270, false),
        ];
        for (value, degrees, mirrored) in expected {
            let orientation = Orientation::from_exif(value).unwrap();
            let report = OrientationReport::from_orientation(orientation);
            assert_eq!(report.exif_value, value);
            assert_eq!(report.rotation_degrees, degrees, "value {value}");
            assert_eq!(report.mirrored, mirrored, "value {value}");
            assert_eq!(report.is_upright(), value == 1);
        }
    }
}
