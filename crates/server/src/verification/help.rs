//! What a failed verification tells the applicant to do next.

use jszg_api::verification::VerificationHelp;

/// Builds the help shown after a failed check. The CTID advice applies only to
/// resident-ID holders, whose register record a CTID online credential refreshes.
pub fn failure_help(resident_id: bool, manual_review_open: bool) -> VerificationHelp {
    let ctid_refresh = resident_id.then(|| {
        "如您确认信息无误，可能是您的身份信息近期发生过变化、公安系统尚未更新。\
         您可以在手机应用市场搜索并下载“CTID”应用，登录后点击“居民网证开通”，\
         开通居民身份证网上功能凭证（网证）以更新您的身份信息，然后再进行实名核验。"
            .to_string()
    });
    let manual_review = if resident_id {
        "如网证开通失败，或开通网证后仍无法通过实名核验，请申请人工审核：\
         上传身份证件A面、B面和本人手持身份证件照片，审核人员将在7个工作日内给出结论。"
    } else {
        "您的证件类型不是居民身份证，如确认信息无误仍无法通过实名核验，请申请人工审核：\
         上传身份证件A面、B面和本人手持身份证件照片，审核人员将在7个工作日内给出结论。"
    };
    VerificationHelp {
        typo: "请仔细核对您填写的姓名和身份证件号码是否与证件上完全一致，\
               不要直接重复提交。每日最多可进行3次实名核验。"
            .to_string(),
        ctid_refresh,
        manual_review: manual_review.to_string(),
        manual_review_open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctid_advice_only_for_resident_id() {
        assert!(failure_help(true, true).ctid_refresh.is_some());
        assert!(failure_help(false, true).ctid_refresh.is_none());
        assert!(!failure_help(true, false).manual_review_open);
    }
}
