use crate::error::Rule;
use crate::text::{describe_char, to_half_width};

pub const CODE_LENGTH: usize = 6;

/// Six ASCII digits as typed by the applicant, after normalisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VerificationCode(String);

/// Reason a verification code is rejected before it is compared with the one sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("verification code is missing")]
    Required,
    #[error("verification code contains a character that is not a digit")]
    InvalidCharacter { character: char },
    #[error("verification code has {actual} digits instead of {CODE_LENGTH}")]
    Length { actual: usize },
}

impl Rule for CodeError {
    fn code(&self) -> &'static str {
        match self {
            CodeError::Required => "code.required",
            CodeError::InvalidCharacter { .. } => "code.character",
            CodeError::Length { .. } => "code.length",
        }
    }

    fn field(&self) -> &'static str {
        "code"
    }

    fn message_zh(&self) -> String {
        match self {
            CodeError::Required => "请输入验证码。".to_owned(),
            CodeError::InvalidCharacter { character } => {
                format!("验证码只有数字，不能有{}。", describe_char(*character))
            }
            CodeError::Length { actual } => {
                format!("验证码是 {CODE_LENGTH} 位数字，您输入了 {actual} 位。")
            }
        }
    }
}

impl VerificationCode {
    /// Trims, converts full-width digits and checks for exactly six digits. Spaces inside
    /// are removed, because codes are often pasted as `123 456`.
    pub fn parse(input: &str) -> Result<VerificationCode, CodeError> {
        let mut digits = String::with_capacity(CODE_LENGTH);
        for original in input.chars() {
            let c = to_half_width(original);
            if c.is_ascii_digit() {
                digits.push(c);
            } else if !c.is_whitespace() {
                return Err(CodeError::InvalidCharacter {
                    character: original,
                });
            }
        }
        if digits.is_empty() {
            return Err(CodeError::Required);
        }
        if digits.len() != CODE_LENGTH {
            return Err(CodeError::Length {
                actual: digits.len(),
            });
        }
        Ok(VerificationCode(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        let cases = [
            ("123456", Ok("123456")),
            (" 123456 ", Ok("123456")),
            ("123 456", Ok("123456")),
            ("１２３４５６", Ok("123456")),
            ("", Err(CodeError::Required)),
            ("  ", Err(CodeError::Required)),
            ("12345", Err(CodeError::Length { actual: 5 })),
            ("1234567", Err(CodeError::Length { actual: 7 })),
            (
                "12345a",
                Err(CodeError::InvalidCharacter { character: 'a' }),
            ),
            (
                "123-456",
                Err(CodeError::InvalidCharacter { character: '-' }),
            ),
        ];
        for (input, expected) in cases {
            let parsed = VerificationCode::parse(input).map(|code| code.as_str().to_owned());
            assert_eq!(parsed, expected.map(str::to_owned), "{input:?}");
        }
    }
}
