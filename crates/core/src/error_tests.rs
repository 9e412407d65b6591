use chrono::NaiveDate;

use super::*;
use crate::code::{CodeEntryError, CodeError, CodeRequestError};
use crate::contact::{EmailError, PhoneError};
use crate::document::{DocumentError, DocumentType, Gender, ProfileMismatch};
use crate::ethnicity::EthnicityError;
use crate::local_id::LocalIdError;
use crate::manual_review::ManualReviewError;
use crate::name::NameError;
use crate::password::PasswordError;
use crate::region::Region;
use crate::validity::{ValidityError, ValidityPeriod, ValidityWarning};

/// Builds one value of every variant of every rule enum, as violations.
fn every_violation() -> Vec<Violation> {
    let kind = DocumentType::HkMacaoTravelPermit;
    let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let period = "2026-1".parse().unwrap();
    let mut all: Vec<Violation> = Vec::new();
    let documents = [
        DocumentError::Required,
        DocumentError::InvalidCharacter { character: '-' },
        DocumentError::Length { kind, actual: 3 },
        DocumentError::Format { kind },
        DocumentError::RenewalDigits { kind },
        DocumentError::UnknownRegion { prefix: 99 },
        DocumentError::ResidencePermitNumber { expected: kind },
        DocumentError::PermitRegion { kind },
        DocumentError::BirthDate,
        DocumentError::BirthDateInFuture,
        DocumentError::Checksum,
    ];
    all.extend(documents.iter().map(Rule::violation));

    let names = [
        NameError::Required,
        NameError::TooLong { actual: 51 },
        NameError::Digit { digit: '3' },
        NameError::InvalidCharacter { character: '!' },
        NameError::LatinNotAllowed,
        NameError::SpaceNotAllowed,
        NameError::DoubleSpace,
        NameError::InterpunctAtEdge,
        NameError::DoubleInterpunct,
    ];
    all.extend(names.iter().map(Rule::violation));

    let passwords = [
        PasswordError::Required,
        PasswordError::TooLong { actual: 129 },
        PasswordError::InvalidCharacter { character: '＃' },
        PasswordError::TooShort { actual: 3 },
        PasswordError::MissingDigit,
        PasswordError::MissingLetter,
        PasswordError::MissingSpecial,
        PasswordError::ContainsDocumentNumber,
        PasswordError::Common,
        PasswordError::ConfirmationMismatch,
    ];
    all.extend(passwords.iter().map(Rule::violation));

    let emails = [
        EmailError::Required,
        EmailError::FullWidthSymbol { character: '＠' },
        EmailError::NonAscii { character: '张' },
        EmailError::TooLong { actual: 300 },
        EmailError::Format,
        EmailError::QqAlias,
    ];
    all.extend(emails.iter().map(Rule::violation));

    let phones = [
        PhoneError::Required,
        PhoneError::InvalidCharacter { character: '(' },
        PhoneError::Length { actual: 10 },
        PhoneError::Format,
        PhoneError::NotMainland,
    ];
    all.extend(phones.iter().map(Rule::violation));

    let validity = [
        ValidityError::PeriodNotAllowed {
            kind,
            period: ValidityPeriod::LongTerm,
        },
        ValidityError::StartInFuture { start: date },
        ValidityError::StartBeforeBirth { start: date },
        ValidityError::Expired { end: date },
    ];
    all.extend(validity.iter().map(Rule::violation));

    all.push(
        ValidityWarning::PeriodDoesNotFitAge {
            chosen: ValidityPeriod::FiveYears,
            expected: ValidityPeriod::TenYears,
            age: 20,
        }
        .violation(),
    );

    let codes = [
        CodeError::Required,
        CodeError::InvalidCharacter { character: 'a' },
        CodeError::Length { actual: 5 },
    ];
    all.extend(codes.iter().map(Rule::violation));

    let requests = [
        CodeRequestError::ResendTooSoon {
            retry_after_seconds: 30,
        },
        CodeRequestError::SmsDailyLimit,
    ];
    all.extend(requests.iter().map(Rule::violation));

    let entries = [
        CodeEntryError::Wrong { remaining: 2 },
        CodeEntryError::Expired,
        CodeEntryError::Used,
        CodeEntryError::TooManyWrongEntries,
        CodeEntryError::WrongPurpose,
    ];
    all.extend(entries.iter().map(Rule::violation));

    let local_ids = [
        LocalIdError::Required,
        LocalIdError::InvalidCharacter { character: '-' },
        LocalIdError::Format {
            region: Region::HongKong,
        },
        LocalIdError::Checksum {
            region: Region::Taiwan,
        },
    ];
    all.extend(local_ids.iter().map(Rule::violation));

    let profile = [
        ProfileMismatch::Gender {
            expected: Gender::Male,
        },
        ProfileMismatch::BirthDate { expected: date },
    ];
    all.extend(profile.iter().map(Rule::violation));

    let reviews = [
        ManualReviewError::VerificationNotTried,
        ManualReviewError::PeriodLimit { period },
    ];
    all.extend(reviews.iter().map(Rule::violation));

    all.push(
        EthnicityError {
            code: "99".to_owned(),
        }
        .violation(),
    );
    all
}

#[test]
fn codes_are_unique_and_well_formed() {
    let violations = every_violation();
    let mut seen = std::collections::BTreeSet::new();
    for violation in &violations {
        let (prefix, rest) = violation.code.split_once('.').expect(&violation.code);
        let well_formed = |part: &str| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        };
        assert!(well_formed(prefix), "{}", violation.code);
        assert!(well_formed(rest), "{}", violation.code);
        assert!(
            seen.insert(violation.code.clone()),
            "duplicate {}",
            violation.code
        );
    }
}

#[test]
fn messages_are_chinese() {
    for violation in every_violation() {
        let has_chinese = violation.message.chars().any(crate::name::is_cjk_ideograph);
        assert!(has_chinese, "{}: {}", violation.code, violation.message);
        assert!(!violation.field.is_empty(), "{}", violation.code);
    }
}

#[test]
fn violation_json_shape() {
    let violation = Violation::from(&DocumentError::Checksum);
    assert_eq!(violation, DocumentError::Checksum.violation());
    let json = serde_json::to_value(&violation).unwrap();
    assert_eq!(json["code"], "document_number.checksum");
    assert_eq!(json["field"], "document_number");
    assert_eq!(json["message"], DocumentError::Checksum.message_zh());
    let parsed: Violation = serde_json::from_value(json).unwrap();
    assert_eq!(parsed, violation);
}
