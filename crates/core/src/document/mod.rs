//! Identity document types and document numbers.
//!
//! The document number is the account name, so it is normalised once here (surrounding
//! white space removed, full-width digits and letters made half-width, letters made
//! upper-case) and stored only in that form.

mod error;
mod gb11643;
mod profile;
#[cfg(test)]
mod tests;

pub use error::DocumentError;
pub use gb11643::check_character;
pub use profile::ProfileMismatch;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::region::Region;
use crate::text::to_half_width;

/// The five document types an applicant can register with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    /// 居民身份证
    ResidentIdCard,
    /// 港澳居民居住证
    HkMacaoResidencePermit,
    /// 台湾居民居住证
    TaiwanResidencePermit,
    /// 港澳居民来往内地通行证
    HkMacaoTravelPermit,
    /// 五年有效期台湾居民来往大陆通行证
    TaiwanTravelPermit,
}

impl DocumentType {
    pub const ALL: [DocumentType; 5] = [
        DocumentType::ResidentIdCard,
        DocumentType::HkMacaoResidencePermit,
        DocumentType::TaiwanResidencePermit,
        DocumentType::HkMacaoTravelPermit,
        DocumentType::TaiwanTravelPermit,
    ];

    /// Returns the Chinese name as printed in forms.
    pub fn label_zh(self) -> &'static str {
        match self {
            DocumentType::ResidentIdCard => "居民身份证",
            DocumentType::HkMacaoResidencePermit => "港澳居民居住证",
            DocumentType::TaiwanResidencePermit => "台湾居民居住证",
            DocumentType::HkMacaoTravelPermit => "港澳居民来往内地通行证",
            DocumentType::TaiwanTravelPermit => "五年有效期台湾居民来往大陆通行证",
        }
    }

    /// Returns the serde code, e.g. `resident_id_card`.
    pub fn code(self) -> &'static str {
        match self {
            DocumentType::ResidentIdCard => "resident_id_card",
            DocumentType::HkMacaoResidencePermit => "hk_macao_residence_permit",
            DocumentType::TaiwanResidencePermit => "taiwan_residence_permit",
            DocumentType::HkMacaoTravelPermit => "hk_macao_travel_permit",
            DocumentType::TaiwanTravelPermit => "taiwan_travel_permit",
        }
    }

    /// Looks up a type by its serde code.
    pub fn from_code(code: &str) -> Option<DocumentType> {
        DocumentType::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
    }

    /// Returns whether the number has the 18-character GB 11643 form (with birth date and
    /// gender).
    pub fn is_gb11643(self) -> bool {
        matches!(
            self,
            DocumentType::ResidentIdCard
                | DocumentType::HkMacaoResidencePermit
                | DocumentType::TaiwanResidencePermit
        )
    }

    /// Returns whether the holder is a Hong Kong, Macao or Taiwan resident (every type except the
    /// resident ID card). Their names may contain Latin letters and their profiles ask for
    /// region, gender, birth date and local identity number.
    pub fn is_permit(self) -> bool {
        self != DocumentType::ResidentIdCard
    }

    /// Returns the number of characters of a valid number.
    pub fn number_length(self) -> usize {
        match self {
            DocumentType::HkMacaoTravelPermit => 9,
            DocumentType::TaiwanTravelPermit => 8,
            _ => 18,
        }
    }
}

/// Gender encoded by the 17th character of an 18-character number (odd = male).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// Chinese label: 男 or 女.
    pub fn label_zh(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }
}

/// A validated, normalised document number of a known type.
///
/// It deliberately has no `Display`: log [`DocumentNumber::masked`] instead.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentNumber {
    kind: DocumentType,
    number: String,
}

impl DocumentNumber {
    /// Normalises and validates `input` as a number of type `kind`. `today` is the
    /// current Beijing date, used to reject birth dates in the future.
    pub fn parse(
        kind: DocumentType,
        input: &str,
        today: NaiveDate,
    ) -> Result<DocumentNumber, DocumentError> {
        let number = normalise(input)?;
        match kind {
            DocumentType::HkMacaoTravelPermit => check_hk_macao_travel_permit(&number)?,
            DocumentType::TaiwanTravelPermit => check_taiwan_travel_permit(&number)?,
            _ => gb11643::check(kind, &number, today)?,
        }
        Ok(DocumentNumber { kind, number })
    }

    pub fn kind(&self) -> DocumentType {
        self.kind
    }

    /// Returns the normalised number, e.g. `22010219900307001X`.
    pub fn as_str(&self) -> &str {
        &self.number
    }

    /// Returns the number with all but the first two and last two characters hidden.
    pub fn masked(&self) -> String {
        crate::mask::mask_document_number(&self.number)
    }

    /// Returns the birth date encoded in an 18-character number; `None` for travel permits.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        if !self.kind.is_gb11643() {
            return None;
        }
        gb11643::birth_date(&self.number)
    }

    /// Returns the gender encoded in an 18-character number; `None` for travel permits.
    pub fn gender(&self) -> Option<Gender> {
        if !self.kind.is_gb11643() {
            return None;
        }
        let sequence_digit = self.number.as_bytes()[16] - b'0';
        Some(if sequence_digit % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        })
    }

    /// Returns the home region implied by the number: residence permits by their region code, the
    /// HK/Macao travel permit by its H or M prefix, the Taiwan travel permit always
    /// Taiwan. `None` for resident ID cards.
    pub fn home_region(&self) -> Option<Region> {
        match self.kind {
            DocumentType::ResidentIdCard => None,
            DocumentType::HkMacaoResidencePermit => match &self.number[..2] {
                "81" => Some(Region::HongKong),
                _ => Some(Region::Macao),
            },
            DocumentType::TaiwanResidencePermit | DocumentType::TaiwanTravelPermit => {
                Some(Region::Taiwan)
            }
            DocumentType::HkMacaoTravelPermit => match self.number.as_bytes()[0] {
                b'H' => Some(Region::HongKong),
                _ => Some(Region::Macao),
            },
        }
    }
}

/// Trims, converts full-width characters to half-width and letters to upper case, and
/// rejects anything that is not an ASCII digit or letter.
fn normalise(input: &str) -> Result<String, DocumentError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(DocumentError::Required);
    }
    let mut number = String::with_capacity(trimmed.len());
    for original in trimmed.chars() {
        let c = to_half_width(original);
        if !c.is_ascii_alphanumeric() {
            return Err(DocumentError::InvalidCharacter {
                character: original,
            });
        }
        number.push(c.to_ascii_uppercase());
    }
    Ok(number)
}

fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

fn check_hk_macao_travel_permit(number: &str) -> Result<(), DocumentError> {
    let kind = DocumentType::HkMacaoTravelPermit;
    let (prefix, digits) = number.split_at(1);
    let prefix_ok = prefix == "H" || prefix == "M";
    if number.len() == 11 && prefix_ok && all_digits(digits) {
        return Err(DocumentError::RenewalDigits { kind });
    }
    if number.len() != 9 {
        return Err(DocumentError::Length {
            kind,
            actual: number.chars().count(),
        });
    }
    if !prefix_ok || !all_digits(digits) {
        return Err(DocumentError::Format { kind });
    }
    Ok(())
}

fn check_taiwan_travel_permit(number: &str) -> Result<(), DocumentError> {
    let kind = DocumentType::TaiwanTravelPermit;
    if number.len() == 10 && all_digits(number) {
        return Err(DocumentError::RenewalDigits { kind });
    }
    if number.len() != 8 {
        return Err(DocumentError::Length {
            kind,
            actual: number.chars().count(),
        });
    }
    if !all_digits(number) {
        return Err(DocumentError::Format { kind });
    }
    Ok(())
}
