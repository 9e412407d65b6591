//! Local identity numbers that permit holders enter on their profile: the Hong Kong
//! identity card, the Macao identity card and the Taiwan national ID.

use crate::error::Rule;
use crate::region::Region;
use crate::text::{describe_char, to_half_width};

/// A validated local identity number in its printed form: `A123456(3)` for Hong Kong,
/// `1234567(8)` for Macao, `A123456789` for Taiwan.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LocalIdNumber {
    region: Region,
    number: String,
}

/// Reason a local identity number is rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocalIdError {
    #[error("local identity number is missing")]
    Required,
    #[error("local identity number contains the invalid character U+{:04X}", *.character as u32)]
    InvalidCharacter { character: char },
    #[error("local identity number does not have the {region:?} format")]
    Format { region: Region },
    #[error("local identity number check character does not match")]
    Checksum { region: Region },
}

impl Rule for LocalIdError {
    fn code(&self) -> &'static str {
        match self {
            LocalIdError::Required => "local_id.required",
            LocalIdError::InvalidCharacter { .. } => "local_id.character",
            LocalIdError::Format { .. } => "local_id.format",
            LocalIdError::Checksum { .. } => "local_id.checksum",
        }
    }

    fn field(&self) -> &'static str {
        "local_id_number"
    }

    fn message_zh(&self) -> String {
        match self {
            LocalIdError::Required => "请输入港澳台居民身份证号码。".to_owned(),
            LocalIdError::InvalidCharacter { character } => format!(
                "身份证号码中不能有{}，请按证件输入。",
                describe_char(*character)
            ),
            LocalIdError::Format { region } => format!(
                "{}身份证号码格式不正确，应类似 {}。",
                region.label_zh(),
                example(*region)
            ),
            LocalIdError::Checksum { region } => format!(
                "{}身份证号码的校验位不正确，请逐位核对证件后重新输入。",
                region.label_zh()
            ),
        }
    }
}

fn example(region: Region) -> &'static str {
    match region {
        Region::HongKong => "A123456(3)",
        Region::Macao => "1234567(8)",
        Region::Taiwan => "A123456789",
    }
}

impl LocalIdNumber {
    /// Normalises (trim, half-width, upper case, brackets optional) and validates the
    /// identity card number of `region`.
    pub fn parse(region: Region, input: &str) -> Result<LocalIdNumber, LocalIdError> {
        let compact = normalise(region, input)?;
        let number = match region {
            Region::HongKong => check_hong_kong(&compact)?,
            Region::Macao => check_macao(&compact)?,
            Region::Taiwan => check_taiwan(&compact)?,
        };
        Ok(LocalIdNumber { region, number })
    }

    pub fn region(&self) -> Region {
        self.region
    }

    /// Returns the printed form, with the check character in brackets for Hong Kong and Macao.
    pub fn as_str(&self) -> &str {
        &self.number
    }
}

/// Returns the upper-case letters and digits. Brackets are accepted only around the
/// last character, as printed on the card.
fn normalise(region: Region, input: &str) -> Result<String, LocalIdError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(LocalIdError::Required);
    }
    let mut text = String::with_capacity(trimmed.len());
    for original in trimmed.chars() {
        let c = to_half_width(original);
        if !(c.is_ascii_alphanumeric() || c == '(' || c == ')') {
            return Err(LocalIdError::InvalidCharacter {
                character: original,
            });
        }
        text.push(c.to_ascii_uppercase());
    }
    let bare: String = text.chars().filter(char::is_ascii_alphanumeric).collect();
    if bare.len() != text.len() {
        let last = bare.len().saturating_sub(1);
        if bare.is_empty() || text != format!("{}({})", &bare[..last], &bare[last..]) {
            return Err(LocalIdError::Format { region });
        }
    }
    Ok(bare)
}

/// Hong Kong: one or two letters, six digits and a check character 0-9 or A.
///
/// Weights 9 down to 2 apply to the eight positions before the check character. A
/// missing first letter counts as 36 and letters A-Z as 10-35. The check value is 11
/// minus the sum modulo 11, written A for 10 and 0 for 11.
fn check_hong_kong(number: &str) -> Result<String, LocalIdError> {
    let region = Region::HongKong;
    let letters = number.bytes().take_while(u8::is_ascii_uppercase).count();
    let body = &number[letters..];
    let digits_ok = body.len() == 7 && body[..6].bytes().all(|b| b.is_ascii_digit());
    let check = body.as_bytes().get(6).copied().unwrap_or(b'?');
    if !(1..=2).contains(&letters) || !digits_ok || !(check.is_ascii_digit() || check == b'A') {
        return Err(LocalIdError::Format { region });
    }
    let mut values: Vec<u32> = Vec::with_capacity(8);
    if letters == 1 {
        values.push(36);
    }
    values.extend(number[..letters].bytes().map(|b| u32::from(b - b'A') + 10));
    values.extend(body[..6].bytes().map(|b| u32::from(b - b'0')));
    let sum: u32 = values.iter().zip((2..=9).rev()).map(|(v, w)| v * w).sum();
    let expected = match 11 - sum % 11 {
        11 => b'0',
        10 => b'A',
        value => b'0' + value as u8,
    };
    if check != expected {
        return Err(LocalIdError::Checksum { region });
    }
    Ok(format!(
        "{}({})",
        &number[..number.len() - 1],
        check as char
    ))
}

/// Macao: seven digits and a check digit. The check algorithm is not published, so only
/// the form is checked.
fn check_macao(number: &str) -> Result<String, LocalIdError> {
    if number.len() != 8 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LocalIdError::Format {
            region: Region::Macao,
        });
    }
    Ok(format!("{}({})", &number[..7], &number[7..]))
}

/// Taiwan: a letter for the place of first registration, 1 or 2 for the gender, seven
/// digits and a check digit. The letter's two-digit value gets weights 1 and 9, the
/// next eight digits 8 down to 1, the check digit 1, and the sum must divide by 10.
fn check_taiwan(number: &str) -> Result<String, LocalIdError> {
    let region = Region::Taiwan;
    let bytes = number.as_bytes();
    let well_formed = bytes.len() == 10
        && bytes[0].is_ascii_uppercase()
        && matches!(bytes[1], b'1' | b'2')
        && bytes[1..].iter().all(u8::is_ascii_digit);
    if !well_formed {
        return Err(LocalIdError::Format { region });
    }
    // Values of A to Z; I, O, W, X, Y and Z were added later and break the sequence.
    const LETTER_VALUES: [u8; 26] = [
        10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32,
        30, 31, 33,
    ];
    let letter = u32::from(LETTER_VALUES[usize::from(bytes[0] - b'A')]);
    let mut sum = letter / 10 + (letter % 10) * 9;
    for (digit, weight) in bytes[1..9].iter().zip((1..=8).rev()) {
        sum += u32::from(digit - b'0') * weight;
    }
    sum += u32::from(bytes[9] - b'0');
    if sum % 10 != 0 {
        return Err(LocalIdError::Checksum { region });
    }
    Ok(number.to_owned())
}

#[cfg(test)]
#[path = "local_id_tests.rs"]
mod tests;
