//! Agreement between an 18-character document number and the profile.

use chrono::NaiveDate;

use super::{DocumentNumber, Gender};
use crate::error::Rule;

/// A profile value that contradicts what the document number encodes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileMismatch {
    #[error("gender does not match the document number")]
    Gender { expected: Gender },
    #[error("birth date does not match the document number")]
    BirthDate { expected: NaiveDate },
}

impl Rule for ProfileMismatch {
    fn code(&self) -> &'static str {
        match self {
            ProfileMismatch::Gender { .. } => "gender.document_mismatch",
            ProfileMismatch::BirthDate { .. } => "birth_date.document_mismatch",
        }
    }

    fn field(&self) -> &'static str {
        match self {
            ProfileMismatch::Gender { .. } => "gender",
            ProfileMismatch::BirthDate { .. } => "birth_date",
        }
    }

    fn message_zh(&self) -> String {
        match self {
            ProfileMismatch::Gender { expected } => format!(
                "性别与身份证件号码不一致：按号码应为“{}”。请核对证件类型、号码和性别。",
                expected.label_zh()
            ),
            ProfileMismatch::BirthDate { expected } => format!(
                "出生日期与身份证件号码不一致：按号码应为 {}。请核对证件类型、号码和出生日期。",
                expected.format("%Y-%m-%d")
            ),
        }
    }
}

impl DocumentNumber {
    /// Checks the gender and birth date entered on the profile against the number.
    /// Travel permit numbers encode neither, so they accept any value.
    pub fn check_profile(
        &self,
        gender: Option<Gender>,
        birth_date: Option<NaiveDate>,
    ) -> Result<(), ProfileMismatch> {
        if let (Some(expected), Some(entered)) = (self.gender(), gender) {
            if expected != entered {
                return Err(ProfileMismatch::Gender { expected });
            }
        }
        if let (Some(expected), Some(entered)) = (self.birth_date(), birth_date) {
            if expected != entered {
                return Err(ProfileMismatch::BirthDate { expected });
            }
        }
        Ok(())
    }
}
