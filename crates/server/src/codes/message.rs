//! Wording of the code messages. Emails to webmail addresses get the spam-folder
//! reminder when they are delivered, like every other email.

use super::Purpose;

pub struct Text {
    pub subject: String,
    pub body: String,
}

pub fn compose(purpose: Purpose, code: &str) -> Text {
    let purpose = purpose.label_zh();
    let body = format!(
        "您正在{purpose}，验证码为 {code}，5 分钟内有效，只能使用一次。请勿将验证码告诉他人；如非本人操作，请忽略本消息。"
    );
    Text {
        subject: format!("教师资格账号验证码（{purpose}）"),
        body,
    }
}
