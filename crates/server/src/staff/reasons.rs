//! Preset reasons offered to reviewers; they may write their own text instead.

use crate::error::{AppError, AppResult};
use jszg_api::staff::{Decision, DecisionRequest, QueueKind, ReasonPreset};

const BOTH: &[QueueKind] = &[QueueKind::ManualReview, QueueKind::ContactChange];
const REVIEW: &[QueueKind] = &[QueueKind::ManualReview];
const CONTACT: &[QueueKind] = &[QueueKind::ContactChange];

/// Code, Chinese text shown to the applicant, and the queues it applies to.
const PRESETS: &[(&str, &str, &[QueueKind])] = &[
    (
        "photo_unclear",
        "照片不清晰，无法辨认证件信息，请重新拍摄清晰的照片。",
        BOTH,
    ),
    (
        "photo_incomplete",
        "照片未完整显示证件，请拍摄证件的完整画面。",
        BOTH,
    ),
    (
        "handheld_mismatch",
        "手持证件照片中的人像与证件照片不一致。",
        BOTH,
    ),
    (
        "name_mismatch",
        "填写的姓名与证件上的姓名不一致，请核对后重新提交。",
        REVIEW,
    ),
    (
        "validity_mismatch",
        "填写的证件有效期与证件上的不一致，请核对后重新提交。",
        REVIEW,
    ),
    (
        "ethnicity_wrong",
        "民族信息填写错误，请在个人信息中修改后重新提交。",
        REVIEW,
    ),
    (
        "document_expired",
        "证件已过有效期，请使用有效的证件。",
        REVIEW,
    ),
    (
        "reason_insufficient",
        "申请原因不充分，请说明无法使用原联系方式的原因。",
        CONTACT,
    ),
    (
        "application_on_file",
        "您有正在办理的认定或定期注册申请，请登录系统后自行修改联系方式。",
        CONTACT,
    ),
];

/// Maximum characters of a written reason.
pub const MAX_REASON_CHARS: usize = 500;

pub fn presets() -> Vec<ReasonPreset> {
    PRESETS
        .iter()
        .map(|(code, text, applies_to)| ReasonPreset {
            code: code.to_string(),
            text: text.to_string(),
            applies_to: applies_to.to_vec(),
        })
        .collect()
}

/// The reason the applicant will read, from a preset, written text, or both. A
/// rejection needs one; an approval may have none.
pub fn resolve_reason(kind: QueueKind, request: &DecisionRequest) -> AppResult<Option<String>> {
    let preset = match request
        .reason_code
        .as_deref()
        .filter(|code| !code.is_empty())
    {
        Some(code) => {
            let found = PRESETS
                .iter()
                .find(|(preset, _, applies_to)| *preset == code && applies_to.contains(&kind));
            match found {
                Some((_, text, _)) => Some(text.to_string()),
                None => {
                    return Err(AppError::bad_request(
                        "decision.reason_unknown",
                        format!("没有编号为“{code}”的预设理由。"),
                    )
                    .with_field("reason_code"))
                }
            }
        }
        None => None,
    };
    let written = request
        .reason_text
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty());
    if written.is_some_and(|text| text.chars().count() > MAX_REASON_CHARS) {
        return Err(AppError::bad_request(
            "decision.reason_too_long",
            format!("理由最多{MAX_REASON_CHARS}个字。"),
        )
        .with_field("reason_text"));
    }
    let reason = match (preset, written) {
        (Some(preset), Some(text)) => Some(format!("{preset}{text}")),
        (Some(preset), None) => Some(preset),
        (None, Some(text)) => Some(text.to_string()),
        (None, None) => None,
    };
    if request.decision == Decision::Reject && reason.is_none() {
        return Err(AppError::bad_request(
            "decision.reason_required",
            "驳回时必须选择预设理由或填写理由。",
        )
        .with_field("reason_text"));
    }
    Ok(reason)
}
