use crate::error::Rule;
use crate::text::{describe_char, to_half_width};

/// A mainland mobile number: 11 digits, `1`, then 3-9, then 9 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

/// Reason a mobile number is rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("mobile number is missing")]
    Required,
    #[error("mobile number contains the invalid character U+{:04X}", *.character as u32)]
    InvalidCharacter { character: char },
    #[error("mobile number has {actual} digits instead of 11")]
    Length { actual: usize },
    #[error("mobile number is not a mainland mobile number")]
    Format,
    #[error("mobile number has a country code other than +86")]
    NotMainland,
}

impl Rule for PhoneError {
    fn code(&self) -> &'static str {
        match self {
            PhoneError::Required => "phone.required",
            PhoneError::InvalidCharacter { .. } => "phone.character",
            PhoneError::Length { .. } => "phone.length",
            PhoneError::Format => "phone.format",
            PhoneError::NotMainland => "phone.not_mainland",
        }
    }

    fn field(&self) -> &'static str {
        "phone"
    }

    fn message_zh(&self) -> String {
        match self {
            PhoneError::Required => "请输入手机号码。".to_owned(),
            PhoneError::InvalidCharacter { character } => format!(
                "手机号码中不能有{}，请只输入数字。",
                describe_char(*character)
            ),
            PhoneError::Length { actual } => {
                format!("手机号码应为 11 位数字，您输入了 {actual} 位。")
            }
            PhoneError::Format => {
                "手机号码格式不正确，应为以 13 至 19 开头的 11 位中国大陆手机号码。".to_owned()
            }
            PhoneError::NotMainland => {
                "只能填写中国大陆手机号码（+86），请换一个能接收短信的大陆手机号码。".to_owned()
            }
        }
    }
}

impl Phone {
    /// Converts full-width digits, removes spaces and dashes and a leading `+86` or
    /// `0086`, then checks the mainland mobile format.
    pub fn parse(input: &str) -> Result<Phone, PhoneError> {
        let mut cleaned = String::with_capacity(input.len());
        for original in input.chars() {
            let c = to_half_width(original);
            match c {
                '0'..='9' | '+' => cleaned.push(c),
                _ if c.is_whitespace() || is_dash(c) => {}
                _ => {
                    return Err(PhoneError::InvalidCharacter {
                        character: original,
                    })
                }
            }
        }
        if cleaned.is_empty() {
            return Err(PhoneError::Required);
        }
        let digits = cleaned
            .strip_prefix("+86")
            .or_else(|| cleaned.strip_prefix("0086"))
            .unwrap_or(&cleaned);
        if digits.starts_with('+') || digits.starts_with("00") {
            return Err(PhoneError::NotMainland);
        }
        if digits.contains('+') {
            return Err(PhoneError::InvalidCharacter { character: '+' });
        }
        if digits.len() != 11 {
            return Err(PhoneError::Length {
                actual: digits.len(),
            });
        }
        let bytes = digits.as_bytes();
        if bytes[0] != b'1' || !(b'3'..=b'9').contains(&bytes[1]) {
            return Err(PhoneError::Format);
        }
        Ok(Phone(digits.to_owned()))
    }

    /// Returns the 11 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns the number with all but the first 3 and last 2 digits hidden.
    pub fn masked(&self) -> String {
        crate::mask::mask_phone(&self.0)
    }
}

/// Hyphen-minus and the dash characters that input methods produce.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}
