//! The 18-character number of GB 11643-1999: region code, birth date, sequence number
//! and an ISO 7064 MOD 11-2 check character.

use chrono::NaiveDate;

use super::{DocumentError, DocumentType};
use crate::region::province_name;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS: [u8; 11] = *b"10X98765432";

/// Earliest birth date accepted; older dates are treated as typing mistakes.
const EARLIEST_BIRTH_DATE: (i32, u32, u32) = (1900, 1, 1);

/// Computes the check character for the first 17 digits, or `None` if `first17` is not
/// 17 ASCII digits.
pub fn check_character(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    Some(CHECK_CHARACTERS[(sum % 11) as usize] as char)
}

/// Birth date of a well-formed number, or `None` if the digits are not a real date.
pub(super) fn birth_date(number: &str) -> Option<NaiveDate> {
    let digits = number.get(6..14)?;
    let year = digits[0..4].parse().ok()?;
    let month = digits[4..6].parse().ok()?;
    let day = digits[6..8].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Checks a normalised (upper-case ASCII) number as a document of type `kind`.
pub(super) fn check(
    kind: DocumentType,
    number: &str,
    today: NaiveDate,
) -> Result<(), DocumentError> {
    if number.len() != 18 {
        return Err(DocumentError::Length {
            kind,
            actual: number.chars().count(),
        });
    }
    let (first17, last) = number.split_at(17);
    let last = last.as_bytes()[0];
    if !first17.bytes().all(|b| b.is_ascii_digit()) || !(last.is_ascii_digit() || last == b'X') {
        return Err(DocumentError::Format { kind });
    }
    check_region(kind, number)?;
    let birth = birth_date(number).ok_or(DocumentError::BirthDate)?;
    let (year, month, day) = EARLIEST_BIRTH_DATE;
    if Some(birth) < NaiveDate::from_ymd_opt(year, month, day) {
        return Err(DocumentError::BirthDate);
    }
    if birth > today {
        return Err(DocumentError::BirthDateInFuture);
    }
    if check_character(first17) != Some(last as char) {
        return Err(DocumentError::Checksum);
    }
    Ok(())
}

fn check_region(kind: DocumentType, number: &str) -> Result<(), DocumentError> {
    let prefix: u8 = number[..2]
        .parse()
        .map_err(|_| DocumentError::Format { kind })?;
    if province_name(prefix).is_none() {
        return Err(DocumentError::UnknownRegion { prefix });
    }
    let region = &number[..6];
    match kind {
        DocumentType::ResidentIdCard => match prefix {
            81 | 82 => Err(DocumentError::ResidencePermitNumber {
                expected: DocumentType::HkMacaoResidencePermit,
            }),
            83 => Err(DocumentError::ResidencePermitNumber {
                expected: DocumentType::TaiwanResidencePermit,
            }),
            _ => Ok(()),
        },
        DocumentType::HkMacaoResidencePermit if region == "810000" || region == "820000" => Ok(()),
        DocumentType::TaiwanResidencePermit if region == "830000" => Ok(()),
        _ => Err(DocumentError::PermitRegion { kind }),
    }
}
