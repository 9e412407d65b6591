//! Construction of each issue with its Chinese and English message.

use crate::format::PhotoFormat;
use crate::issue::{Issue, IssueKind};
use crate::orientation::OrientationReport;
use crate::policy::{MIN_LONG_SIDE, MIN_SHORT_SIDE, SIZE_LIMIT_BYTES};
use crate::{decode::MAX_SIDE, sharpness::BLUR_THRESHOLD};

const FIT_HINT: &str = "可使用本程序的“自动调整”功能处理后再上传";

fn kilobytes(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

pub fn wrong_format(format: PhotoFormat) -> Issue {
    if format == PhotoFormat::Unknown {
        return Issue::new(
            IssueKind::Format,
            "无法识别该文件的格式，它可能不是照片或已经损坏。只接受 JPG/JPEG 格式，\
             请用相机或图片编辑工具另存为 JPG 格式后重新选择。"
                .to_string(),
            "photo format is not recognised; only JPEG is accepted".to_string(),
        );
    }
    let name = format.display_name();
    let fix = if format.is_decodable() {
        format!("{FIT_HINT}，它会转换为 JPG")
    } else {
        "请用相机或图片编辑工具另存为 JPG 格式".to_string()
    };
    Issue::new(
        IssueKind::Format,
        format!("照片格式为 {name}，只接受 JPG/JPEG 格式。{fix}。"),
        format!("photo format is {name}; only JPEG is accepted"),
    )
}

pub fn heic_unsupported() -> Issue {
    Issue::new(
        IssueKind::HeicUnsupported,
        "照片为 HEIC 格式，本程序无法读取。请在手机相册中将照片导出或分享为 JPG，\
         或在 iPhone 的“设置 > 相机 > 格式”中选择“兼容性最佳”后重新拍摄。"
            .to_string(),
        "photo is HEIC, which no decoder on this platform reads; export it as JPEG".to_string(),
    )
}

pub fn too_large(size: u64) -> Issue {
    Issue::new(
        IssueKind::TooLarge,
        format!(
            "照片大小为 {}，须小于 190 KB（{} 字节）。{FIT_HINT}，它会压缩照片。",
            kilobytes(size),
            SIZE_LIMIT_BYTES
        ),
        format!("photo is {size} bytes; it must be smaller than {SIZE_LIMIT_BYTES} bytes"),
    )
}

pub fn truncated() -> Issue {
    Issue::new(
        IssueKind::Truncated,
        "照片文件不完整（可能下载或复制时中断）。请重新从手机或相机导出原始照片。".to_string(),
        "photo data ends before the image does".to_string(),
    )
}

pub fn corrupt(detail: &str) -> Issue {
    Issue::new(
        IssueKind::Corrupt,
        "照片文件已损坏，无法读取。请重新拍摄或重新导出照片。".to_string(),
        format!("photo cannot be decoded: {detail}"),
    )
}

pub fn pixel_flood(declared: Option<(u32, u32)>) -> Issue {
    let (zh, en) = match declared {
        Some((width, height)) => (
            format!("照片声明的尺寸为 {width}×{height} 像素，"),
            format!("photo declares {width}x{height} pixels, "),
        ),
        None => ("照片的像素数量".to_string(), "photo declares ".to_string()),
    };
    Issue::new(
        IssueKind::PixelFlood,
        format!(
            "{zh}超出可处理的范围（每边最多 {MAX_SIDE} 像素）。请降低相机分辨率或缩小照片后重新保存。"
        ),
        format!("{en}beyond the decoding limits (at most {MAX_SIDE} per side)"),
    )
}

pub fn dimensions_too_small(width: u32, height: u32) -> Issue {
    Issue::new(
        IssueKind::DimensionsTooSmall,
        format!(
            "照片只有 {width}×{height} 像素，证件上的文字难以辨认。\
             请重新拍摄，短边至少 {MIN_SHORT_SIDE} 像素、长边至少 {MIN_LONG_SIDE} 像素。"
        ),
        format!(
            "photo is {width}x{height} pixels; at least {MIN_LONG_SIDE}x{MIN_SHORT_SIDE} \
             (long x short side) is required"
        ),
    )
}

pub fn rotated(orientation: &OrientationReport) -> Issue {
    let degrees = orientation.rotation_degrees;
    let value = orientation.exif_value;
    Issue::new(
        IssueKind::Rotated,
        format!(
            "照片带有旋转标记（EXIF 方向 {value}），审核时会横躺或倒置显示，\
             需顺时针旋转 {degrees}° 才能摆正。{FIT_HINT}，它会把照片转正。"
        ),
        format!("EXIF orientation {value}: photo must be rotated {degrees} degrees clockwise"),
    )
}

pub fn mirrored(orientation: &OrientationReport) -> Issue {
    let value = orientation.exif_value;
    Issue::new(
        IssueKind::Mirrored,
        format!(
            "照片带有镜像标记（EXIF 方向 {value}），证件文字会左右反转。\
             {FIT_HINT}，它会翻转回正常方向；前置摄像头拍摄时请关闭“镜像”。"
        ),
        format!("EXIF orientation {value}: photo is stored mirrored"),
    )
}

pub fn cmyk() -> Issue {
    Issue::new(
        IssueKind::Cmyk,
        format!(
            "照片使用印刷用的 CMYK 颜色，部分设备显示的颜色会失真。{FIT_HINT}，它会转换为 RGB。"
        ),
        "photo uses CMYK colors, which some viewers show wrongly".to_string(),
    )
}

pub fn blurred(score: f64) -> Issue {
    Issue::new(
        IssueKind::Blurred,
        format!(
            "照片可能模糊（清晰度 {score:.0}，低于 {BLUR_THRESHOLD:.0}），审核人员可能无法辨认证件内容。\
             请在光线充足处对焦后重新拍摄，拍摄时保持手机稳定。"
        ),
        format!("photo may be blurred: sharpness {score:.1} <= {BLUR_THRESHOLD}"),
    )
}

pub fn cannot_fit(width: u32, height: u32) -> Issue {
    Issue::new(
        IssueKind::CannotFit,
        format!(
            "照片即使缩小到 {width}×{height} 像素并降低质量，仍无法压缩到 190 KB 以下。\
             请在背景简单、光线均匀的地方重新拍摄。"
        ),
        format!("photo does not fit under {SIZE_LIMIT_BYTES} bytes even at {width}x{height}"),
    )
}
