use crate::error::Rule;
use crate::text::describe_char;

/// Longest accepted address (RFC 5321 path limit minus the angle brackets).
pub const MAX_EMAIL_CHARS: usize = 254;
const MAX_LOCAL_PART_CHARS: usize = 64;

/// Webmail domains whose filters often put our notices in the spam folder.
pub const WEBMAIL_DOMAINS: [&str; 20] = [
    "qq.com",
    "vip.qq.com",
    "foxmail.com",
    "163.com",
    "126.com",
    "yeah.net",
    "188.com",
    "vip.163.com",
    "sina.com",
    "sina.cn",
    "sohu.com",
    "139.com",
    "189.cn",
    "aliyun.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "gmail.com",
    "yahoo.com",
    "icloud.com",
];

/// Characters a Chinese input method produces in place of `.` and `@`.
const FULL_WIDTH_EMAIL_SYMBOLS: [char; 3] = ['．', '。', '＠'];

/// A security email address: trimmed, ASCII, domain in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

/// Reason an email address is rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("email is missing")]
    Required,
    #[error("email contains the full-width symbol {character:?}")]
    FullWidthSymbol { character: char },
    #[error("email contains the non-ASCII character U+{:04X}", *.character as u32)]
    NonAscii { character: char },
    #[error("email has {actual} characters, more than {MAX_EMAIL_CHARS}")]
    TooLong { actual: usize },
    #[error("email is not of the form name@domain")]
    Format,
    #[error("qq.com address has a non-numeric local part")]
    QqAlias,
}

impl Rule for EmailError {
    fn code(&self) -> &'static str {
        match self {
            EmailError::Required => "email.required",
            EmailError::FullWidthSymbol { .. } => "email.full_width",
            EmailError::NonAscii { .. } => "email.character",
            EmailError::TooLong { .. } => "email.too_long",
            EmailError::Format => "email.format",
            EmailError::QqAlias => "email.qq_alias",
        }
    }

    fn field(&self) -> &'static str {
        "email"
    }

    fn message_zh(&self) -> String {
        match self {
            EmailError::Required => "请输入邮箱地址。".to_owned(),
            EmailError::FullWidthSymbol { character } => format!(
                "邮箱地址中有中文符号“{character}”。请把输入法切换到英文后重新输入“.”和“@”。"
            ),
            EmailError::NonAscii { character } => format!(
                "邮箱地址中不能有{}，只能使用英文字母、数字和英文符号。",
                describe_char(*character)
            ),
            EmailError::TooLong { actual } => {
                format!("邮箱地址最多 {MAX_EMAIL_CHARS} 个字符，您输入了 {actual} 个。")
            }
            EmailError::Format => {
                "邮箱地址格式不正确，应类似 name@example.com，请检查后重新输入。".to_owned()
            }
            EmailError::QqAlias => {
                "QQ 邮箱请填写“QQ号@qq.com”（@ 前面是数字 QQ 号），不要使用英文别名。".to_owned()
            }
        }
    }
}

impl Email {
    /// Trims, checks and normalises an email address. The local part keeps its case,
    /// because only the domain is case-insensitive by the standard.
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let address = input.trim();
        if address.is_empty() {
            return Err(EmailError::Required);
        }
        if let Some(character) = address
            .chars()
            .find(|c| FULL_WIDTH_EMAIL_SYMBOLS.contains(c))
        {
            return Err(EmailError::FullWidthSymbol { character });
        }
        if let Some(character) = address.chars().find(|c| !c.is_ascii()) {
            return Err(EmailError::NonAscii { character });
        }
        if address.len() > MAX_EMAIL_CHARS {
            return Err(EmailError::TooLong {
                actual: address.len(),
            });
        }
        let (local, domain) = address.split_once('@').ok_or(EmailError::Format)?;
        let domain = domain.to_ascii_lowercase();
        if !is_valid_local_part(local) || !is_valid_domain(&domain) {
            return Err(EmailError::Format);
        }
        if domain == "qq.com" && !local.bytes().all(|b| b.is_ascii_digit()) {
            return Err(EmailError::QqAlias);
        }
        Ok(Email(format!("{local}@{domain}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns the part after `@`, in lower case.
    pub fn domain(&self) -> &str {
        self.0
            .rsplit_once('@')
            .map(|(_, domain)| domain)
            .unwrap_or("")
    }

    /// Returns whether notices to this address should remind the user to look in the spam folder.
    pub fn is_webmail(&self) -> bool {
        WEBMAIL_DOMAINS.contains(&self.domain())
    }

    /// Returns the address with all of the local part but its first character hidden.
    pub fn masked(&self) -> String {
        crate::mask::mask_email(&self.0)
    }
}

/// Checks for a dot-atom local part of RFC 5322: atext characters and single inner dots.
fn is_valid_local_part(local: &str) -> bool {
    const ATEXT_SYMBOLS: &str = "!#$%&'*+-/=?^_`{|}~";
    !local.is_empty()
        && local.len() <= MAX_LOCAL_PART_CHARS
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || ATEXT_SYMBOLS.contains(c))
}

/// Checks for a host name with at least two labels and an alphabetic top-level label.
fn is_valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let Some(top) = labels.last() else {
        return false;
    };
    labels.len() >= 2
        && top.len() >= 2
        && top.bytes().all(|b| b.is_ascii_lowercase())
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}
