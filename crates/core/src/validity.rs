//! Validity periods of identity documents: allowed periods, end dates and the age rule
//! of resident ID cards.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::document::DocumentType;
use crate::error::Rule;

/// How long a document is valid from its start date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValidityPeriod {
    FiveYears,
    TenYears,
    TwentyYears,
    LongTerm,
}

impl ValidityPeriod {
    pub const ALL: [ValidityPeriod; 4] = [
        ValidityPeriod::FiveYears,
        ValidityPeriod::TenYears,
        ValidityPeriod::TwentyYears,
        ValidityPeriod::LongTerm,
    ];

    /// Returns the length in years, or `None` for long-term.
    pub fn years(self) -> Option<u32> {
        match self {
            ValidityPeriod::FiveYears => Some(5),
            ValidityPeriod::TenYears => Some(10),
            ValidityPeriod::TwentyYears => Some(20),
            ValidityPeriod::LongTerm => None,
        }
    }

    /// Returns the Chinese label shown in forms.
    pub fn label_zh(self) -> &'static str {
        match self {
            ValidityPeriod::FiveYears => "5年",
            ValidityPeriod::TenYears => "10年",
            ValidityPeriod::TwentyYears => "20年",
            ValidityPeriod::LongTerm => "长期",
        }
    }
}

/// Periods offered for a document type: all four for resident ID cards, 5 and 10 years
/// for the permits of Hong Kong, Macao and Taiwan residents.
pub fn allowed_periods(kind: DocumentType) -> &'static [ValidityPeriod] {
    if kind.is_permit() {
        &[ValidityPeriod::FiveYears, ValidityPeriod::TenYears]
    } else {
        &ValidityPeriod::ALL
    }
}

/// Computes the last day of validity: the same month and day `years` later, with
/// 29 February becoming 28 February when the end year is not a leap year. Long-term
/// documents have no end date.
pub fn end_date(start: NaiveDate, period: ValidityPeriod) -> Option<NaiveDate> {
    let years = period.years()? as i32;
    let year = start.year() + years;
    NaiveDate::from_ymd_opt(year, start.month(), start.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, start.month(), start.day() - 1))
}

/// Returns the period that the resident-ID rules give for a holder's age on the start date:
/// under 16 five years, 16 to 25 ten years, 26 to 45 twenty years, 46 and over
/// long-term.
pub fn expected_period(birth_date: NaiveDate, start: NaiveDate) -> ValidityPeriod {
    match age_on(birth_date, start) {
        ..=15 => ValidityPeriod::FiveYears,
        16..=25 => ValidityPeriod::TenYears,
        26..=45 => ValidityPeriod::TwentyYears,
        _ => ValidityPeriod::LongTerm,
    }
}

/// Returns the age in completed years on `date`; someone born on 29 February turns a year older on
/// 1 March of a non-leap year.
pub fn age_on(birth_date: NaiveDate, date: NaiveDate) -> i32 {
    let mut age = date.year() - birth_date.year();
    if (date.month(), date.day()) < (birth_date.month(), birth_date.day()) {
        age -= 1;
    }
    age
}

/// Result of an accepted validity period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidityCheck {
    /// Last day of validity; `None` for long-term.
    pub end_date: Option<NaiveDate>,
    /// Problems to show without blocking the form.
    pub warnings: Vec<ValidityWarning>,
}

/// Reason a validity period is rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidityError {
    #[error("validity period {period:?} is not offered for {kind:?}")]
    PeriodNotAllowed {
        kind: DocumentType,
        period: ValidityPeriod,
    },
    #[error("validity start date {start} is in the future")]
    StartInFuture { start: NaiveDate },
    #[error("validity start date {start} is before the birth date")]
    StartBeforeBirth { start: NaiveDate },
    #[error("document expired on {end}")]
    Expired { end: NaiveDate },
}

impl Rule for ValidityError {
    fn code(&self) -> &'static str {
        match self {
            ValidityError::PeriodNotAllowed { .. } => "validity.period_not_allowed",
            ValidityError::StartInFuture { .. } => "validity.start_in_future",
            ValidityError::StartBeforeBirth { .. } => "validity.start_before_birth",
            ValidityError::Expired { .. } => "validity.expired",
        }
    }

    fn field(&self) -> &'static str {
        match self {
            ValidityError::PeriodNotAllowed { .. } => "validity_period",
            _ => "validity_start",
        }
    }

    fn message_zh(&self) -> String {
        match self {
            ValidityError::PeriodNotAllowed { kind, period } => format!(
                "{}没有“{}”的有效期限，请选择 5年 或 10年。",
                kind.label_zh(),
                period.label_zh()
            ),
            ValidityError::StartInFuture { start } => {
                format!("有效期开始日期 {start} 晚于今天，请按证件上的日期选择。")
            }
            ValidityError::StartBeforeBirth { start } => {
                format!("有效期开始日期 {start} 早于出生日期，请按证件上的日期选择。")
            }
            ValidityError::Expired { end } => format!(
                "证件已于 {end} 过期，请使用有效的证件。如果日期选错了，请按证件上的日期重新选择。"
            ),
        }
    }
}

/// A validity period that is accepted but looks wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidityWarning {
    #[error("validity period {chosen:?} does not fit age {age} at the start date, expected {expected:?}")]
    PeriodDoesNotFitAge {
        chosen: ValidityPeriod,
        expected: ValidityPeriod,
        age: i32,
    },
}

impl Rule for ValidityWarning {
    fn code(&self) -> &'static str {
        match self {
            ValidityWarning::PeriodDoesNotFitAge { .. } => "validity.period_age_mismatch",
        }
    }

    fn field(&self) -> &'static str {
        "validity_period"
    }

    fn message_zh(&self) -> String {
        match self {
            ValidityWarning::PeriodDoesNotFitAge {
                chosen,
                expected,
                age,
            } => format!(
                "按出生日期，您在有效期开始时为 {age} 周岁，居民身份证的有效期限通常为“{}”，您选择的是“{}”。请核对证件；如果与证件一致，可以继续。",
                expected.label_zh(),
                chosen.label_zh()
            ),
        }
    }
}

/// Checks a validity period entered for a document.
///
/// Rejects a period the document type does not offer, a start date after `today` or
/// before the birth date, and an end date before `today` (an expired document). For a
/// resident ID card with a known birth date, a period that does not fit the holder's
/// age on the start date is only a warning.
pub fn check_validity(
    kind: DocumentType,
    period: ValidityPeriod,
    start: NaiveDate,
    birth_date: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<ValidityCheck, ValidityError> {
    if !allowed_periods(kind).contains(&period) {
        return Err(ValidityError::PeriodNotAllowed { kind, period });
    }
    if start > today {
        return Err(ValidityError::StartInFuture { start });
    }
    if birth_date.is_some_and(|birth| start < birth) {
        return Err(ValidityError::StartBeforeBirth { start });
    }
    let end = end_date(start, period);
    if let Some(end) = end.filter(|end| *end < today) {
        return Err(ValidityError::Expired { end });
    }
    let mut warnings = Vec::new();
    if let (DocumentType::ResidentIdCard, Some(birth)) = (kind, birth_date) {
        let expected = expected_period(birth, start);
        if expected != period {
            warnings.push(ValidityWarning::PeriodDoesNotFitAge {
                chosen: period,
                expected,
                age: age_on(birth, start),
            });
        }
    }
    Ok(ValidityCheck {
        end_date: end,
        warnings,
    })
}

#[cfg(test)]
#[path = "validity_tests.rs"]
mod tests;
