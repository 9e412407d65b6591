//! The password composition rule of the service.
//!
//! At least 8 characters with a digit, an ASCII letter and one of `# % * - _ ! @ $ &`,
//! no other characters, at most 128 characters, not containing the document number and
//! not on a list of common passwords. The rule is the service's own and applicants
//! are shown it, so nothing is added beyond it.

mod common;
#[cfg(test)]
mod tests;

use crate::error::Rule;
use crate::text::{describe_char, to_half_width};

/// Longest accepted password in characters, checked before anything else so that huge
/// input never reaches the password hash.
pub const MAX_PASSWORD_CHARS: usize = 128;
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The special characters of which a password needs at least one.
pub const SPECIAL_CHARACTERS: &str = "#%*-_!@$&";

/// Reason a password is rejected. The `Display` text never contains the password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("password is missing")]
    Required,
    #[error("password has {actual} characters, more than {MAX_PASSWORD_CHARS}")]
    TooLong { actual: usize },
    #[error("password contains a character that is not allowed")]
    InvalidCharacter { character: char },
    #[error("password has {actual} characters, fewer than {MIN_PASSWORD_CHARS}")]
    TooShort { actual: usize },
    #[error("password contains no digit")]
    MissingDigit,
    #[error("password contains no ASCII letter")]
    MissingLetter,
    #[error("password contains no special character")]
    MissingSpecial,
    #[error("password contains the document number")]
    ContainsDocumentNumber,
    #[error("password is on the list of common passwords")]
    Common,
    #[error("password confirmation does not match")]
    ConfirmationMismatch,
}

impl Rule for PasswordError {
    fn code(&self) -> &'static str {
        match self {
            PasswordError::Required => "password.required",
            PasswordError::TooLong { .. } => "password.too_long",
            PasswordError::InvalidCharacter { .. } => "password.character",
            PasswordError::TooShort { .. } => "password.too_short",
            PasswordError::MissingDigit => "password.missing_digit",
            PasswordError::MissingLetter => "password.missing_letter",
            PasswordError::MissingSpecial => "password.missing_special",
            PasswordError::ContainsDocumentNumber => "password.contains_document_number",
            PasswordError::Common => "password.common",
            PasswordError::ConfirmationMismatch => "password.confirmation_mismatch",
        }
    }

    fn field(&self) -> &'static str {
        match self {
            PasswordError::ConfirmationMismatch => "password_confirmation",
            _ => "password",
        }
    }

    fn message_zh(&self) -> String {
        match self {
            PasswordError::Required => "请输入密码。".to_owned(),
            PasswordError::TooLong { actual } => {
                format!("密码最多 {MAX_PASSWORD_CHARS} 个字符，您输入了 {actual} 个，请缩短。")
            }
            PasswordError::InvalidCharacter { character } => invalid_character_message(*character),
            PasswordError::TooShort { actual } => {
                format!("密码至少 {MIN_PASSWORD_CHARS} 个字符，您输入了 {actual} 个。")
            }
            PasswordError::MissingDigit => "密码中至少要有一个数字。".to_owned(),
            PasswordError::MissingLetter => "密码中至少要有一个英文字母。".to_owned(),
            PasswordError::MissingSpecial => {
                "密码中至少要有一个特殊字符：# % * - _ ! @ $ &。".to_owned()
            }
            PasswordError::ContainsDocumentNumber => {
                "密码不能包含您的身份证件号码，请换一个密码。".to_owned()
            }
            PasswordError::Common => {
                "这个密码太常见，容易被猜到，请换一个不常见的密码。".to_owned()
            }
            PasswordError::ConfirmationMismatch => {
                "两次输入的密码不一致，请重新输入确认密码。".to_owned()
            }
        }
    }
}

fn invalid_character_message(character: char) -> String {
    let described = describe_char(character);
    let half = to_half_width(character);
    if character == ' ' || character.is_whitespace() {
        format!("密码中不能有{described}，请删除。")
    } else if half != character {
        format!(
            "密码中不能有全角{described}，这通常是中文输入法打出的。请把输入法切换到英文（半角）后输入“{half}”。"
        )
    } else {
        format!("密码中不能有{described}。只能使用英文字母、数字和特殊字符 # % * - _ ! @ $ &。")
    }
}

fn is_allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || SPECIAL_CHARACTERS.contains(c)
}

/// Checks a new password against the composition rule.
///
/// `confirmation` is the second entry, when the form has one. `document_number` is the
/// applicant's normalised document number, when known; the comparison ignores case.
/// The checks run in a fixed order (length limit first), and the first failure is
/// returned.
pub fn check_password(
    password: &str,
    confirmation: Option<&str>,
    document_number: Option<&str>,
) -> Result<(), PasswordError> {
    let length = password.chars().count();
    if length > MAX_PASSWORD_CHARS {
        return Err(PasswordError::TooLong { actual: length });
    }
    if password.is_empty() {
        return Err(PasswordError::Required);
    }
    if let Some(character) = password.chars().find(|c| !is_allowed(*c)) {
        return Err(PasswordError::InvalidCharacter { character });
    }

    check_composition(password, length)?;

    let lower = password.to_ascii_lowercase();
    if let Some(number) = document_number.map(str::trim).filter(|n| !n.is_empty()) {
        if lower.contains(&number.to_ascii_lowercase()) {
            return Err(PasswordError::ContainsDocumentNumber);
        }
    }
    if common::COMMON_PASSWORDS.contains(&lower.as_str()) {
        return Err(PasswordError::Common);
    }

    if confirmation.is_some_and(|confirmation| confirmation != password) {
        return Err(PasswordError::ConfirmationMismatch);
    }
    Ok(())
}

/// Checks the minimum length and the three required kinds of character.
fn check_composition(password: &str, length: usize) -> Result<(), PasswordError> {
    if length < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort { actual: length });
    }
    if !password.chars().any(|c| c.is_ascii_digit()) {
        return Err(PasswordError::MissingDigit);
    }
    if !password.chars().any(|c| c.is_ascii_alphabetic()) {
        return Err(PasswordError::MissingLetter);
    }
    if !password.chars().any(|c| SPECIAL_CHARACTERS.contains(c)) {
        return Err(PasswordError::MissingSpecial);
    }
    Ok(())
}
