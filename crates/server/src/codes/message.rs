//! Wording of the code messages.

use super::Purpose;
use crate::outbox::Channel;

pub struct Text {
    pub subject: String,
    pub body: String,
}

pub fn compose(channel: Channel, destination: &str, purpose: Purpose, code: &str) -> Text {
    let purpose = purpose.label_zh();
    let mut body = format!(
        "您正在{purpose}，验证码为 {code}，5 分钟内有效，只能使用一次。请勿将验证码告诉他人；如非本人操作，请忽略本消息。"
    );
    let webmail = channel == Channel::Email
        && jszg_core::Email::parse(destination).is_ok_and(|email| email.is_webmail());
    if webmail {
        body.push_str("如果在收件箱中找不到本邮件，请查看垃圾邮件文件夹。");
    }
    Text {
        subject: format!("教师资格账号验证码（{purpose}）"),
        body,
    }
}
