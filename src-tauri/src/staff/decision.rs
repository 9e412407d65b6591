//! A reviewer's decision as typed on the item screen, checked before it is sent: a
//! rejection needs a preset reason or written text, because the applicant is told why.

use super::field_error;
use jszg_api::staff::{Decision, DecisionRequest};
use jszg_api::ErrorBody;

/// Maximum characters of a written reason. The server enforces the same limit.
pub const MAX_REASON_CHARS: usize = 500;

/// Builds the request from the page's input, trimming the written reason.
pub fn decision_request(
    decision: Decision,
    reason_code: Option<String>,
    reason_text: Option<String>,
) -> Result<DecisionRequest, ErrorBody> {
    let reason_code = reason_code.filter(|code| !code.trim().is_empty());
    let reason_text = reason_text
        .map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty());
    if let Some(text) = &reason_text {
        if text.chars().count() > MAX_REASON_CHARS {
            return Err(field_error(
                "decision.reason_too_long",
                &format!("审核意见最多 {MAX_REASON_CHARS} 个字，请精简后再提交。"),
                "reason_text",
            ));
        }
    }
    match decision {
        Decision::Reject if reason_code.is_none() && reason_text.is_none() => Err(field_error(
            "decision.reason_required",
            "不通过时必须选择或填写原因，申请人将看到该原因。",
            "reason",
        )),
        Decision::Reject => Ok(DecisionRequest {
            decision,
            reason_code,
            reason_text,
        }),
        // An approval carries no reason: the applicant is only told it passed.
        Decision::Approve => Ok(DecisionRequest {
            decision,
            reason_code: None,
            reason_text: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejection_needs_reason() {
        for (code, text) in [
            (None, None),
            (Some(" ".to_string()), Some("  \n".to_string())),
        ] {
            let error = decision_request(Decision::Reject, code, text).unwrap_err();
            assert_eq!(error.code, "decision.reason_required");
            assert_eq!(error.field.as_deref(), Some("reason"));
        }
    }

    #[test]
    fn rejection_keeps_preset_and_trimmed_text() {
        let request = decision_request(
            Decision::Reject,
            Some("ethnicity_wrong".into()),
            Some("  民族应为汉族。 ".into()),
        )
        .unwrap();
        assert_eq!(request.reason_code.as_deref(), Some("ethnicity_wrong"));
        assert_eq!(request.reason_text.as_deref(), Some("民族应为汉族。"));
    }

    #[test]
    fn approval_drops_reason() {
        let request =
            decision_request(Decision::Approve, Some("photo_unclear".into()), None).unwrap();
        assert_eq!(request.reason_code, None);
        assert_eq!(request.reason_text, None);
    }

    #[test]
    fn long_reason_rejected() {
        let text = "字".repeat(MAX_REASON_CHARS + 1);
        let error = decision_request(Decision::Reject, None, Some(text)).unwrap_err();
        assert_eq!(error.code, "decision.reason_too_long");
        let text = "字".repeat(MAX_REASON_CHARS);
        assert!(decision_request(Decision::Reject, None, Some(text)).is_ok());
    }
}
