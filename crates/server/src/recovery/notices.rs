//! Texts of the notices sent after a password or contact change, and of the reset
//! link email. Each is a subject and a body; SMS uses the body only.

use chrono::{DateTime, Utc};
use jszg_core::beijing::beijing_offset;

/// A notice ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub subject: String,
    pub body: String,
}

const SITE: &str = "中国教师资格网";

fn beijing_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&beijing_offset())
        .format("%Y年%m月%d日 %H:%M")
        .to_string()
}

/// Sent to the bound email and phone after a signed-in password change.
pub fn password_changed(masked_document_number: &str, at: DateTime<Utc>) -> Notice {
    Notice {
        subject: format!("{SITE}：账号密码已修改"),
        body: format!(
            "【{SITE}】您的账号 {masked_document_number} 的登录密码已于 {} 修改，其他设备上的登录已全部退出。如非本人操作，请立即通过“忘记密码”重置密码。",
            beijing_time(at)
        ),
    }
}

/// Sent to the bound email and phone after a completed password reset.
pub fn password_reset(masked_document_number: &str, at: DateTime<Utc>) -> Notice {
    Notice {
        subject: format!("{SITE}：账号密码已重置"),
        body: format!(
            "【{SITE}】您的账号 {masked_document_number} 的登录密码已于 {} 重置，所有设备上的登录已全部退出。如非本人操作，请立即再次重置密码。",
            beijing_time(at)
        ),
    }
}

/// Sent to the old email or phone after a signed-in contact change.
pub fn contact_changed(
    masked_document_number: &str,
    what: &str,
    masked_new_value: &str,
    at: DateTime<Utc>,
) -> Notice {
    Notice {
        subject: format!("{SITE}：账号绑定的{what}已修改"),
        body: format!(
            "【{SITE}】您的账号 {masked_document_number} 绑定的{what}已于 {} 修改为 {masked_new_value}，此后的通知将发送至新的{what}。如非本人操作，请立即通过“忘记密码”重置密码。",
            beijing_time(at)
        ),
    }
}

/// The email with the reset link of the forgot-password email method.
pub fn reset_link_email(link: &str) -> Notice {
    Notice {
        subject: format!("{SITE}：密码重置"),
        body: format!(
            "您用于本次密码重置的邮箱地址链接：{link}\n请点击链接地址，进行后续操作。（链接地址24小时内有效，且只能使用一次。如非本人操作，请忽略本邮件。）"
        ),
    }
}

/// Sent to the new email when staff approved a contact change request for email.
pub fn contact_change_approved_email(new_masked_email: &str, link: &str) -> Notice {
    Notice {
        subject: format!("{SITE}：修改联系方式申请已通过"),
        body: format!(
            "您提交的修改邮箱地址申请已审核通过，账号绑定的邮箱已修改为 {new_masked_email}。\n请点击以下链接重置密码：{link}\n（链接地址24小时内有效。如未在有效时间内完成操作，请使用“忘记密码”的“邮箱重置密码”功能重新发送邮件。）"
        ),
    }
}

/// Sent to the new phone when staff approved a contact change request for the phone.
pub fn contact_change_approved_phone(new_masked_phone: &str) -> Notice {
    Notice {
        subject: format!("{SITE}：修改联系方式申请已通过"),
        body: format!(
            "【{SITE}】您提交的修改手机号码申请已审核通过，账号绑定的手机号码已修改为 {new_masked_phone}。请使用“忘记密码”的“短信验证重置密码”功能重置密码。"
        ),
    }
}

/// Sent to the new contact when staff rejected a contact change request.
pub fn contact_change_rejected(what: &str, reason: &str) -> Notice {
    Notice {
        subject: format!("{SITE}：修改联系方式申请未通过"),
        body: format!(
            "【{SITE}】您提交的修改{what}申请未通过审核，原因：{reason}。您可按照要求再次提交申请。"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_are_shown_in_beijing_time() {
        let at = Utc.with_ymd_and_hms(2026, 8, 31, 16, 5, 0).unwrap();
        let notice = password_changed("22*****47", at);
        assert!(
            notice.body.contains("2026年09月01日 00:05"),
            "{}",
            notice.body
        );
        assert!(notice.body.contains("22*****47"));
    }

    #[test]
    fn rejection_carries_reason() {
        let notice = contact_change_rejected("手机号码", "照片不清晰");
        assert!(notice.body.contains("原因：照片不清晰"));
    }
}
