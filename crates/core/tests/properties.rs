//! Property tests: generated valid inputs are accepted, and small corruptions are not.

use chrono::{Datelike, Days, NaiveDate};
use jszg_core::calendar::WorkingCalendar;
use jszg_core::document::check_character;
use jszg_core::region::PROVINCES;
use jszg_core::validity::{end_date, ValidityPeriod};
use jszg_core::{DocumentNumber, DocumentType, Gender, PersonName};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

/// Generates a birth date from 1 January 1900 to `today()`.
fn birth_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let span = (today() - first).num_days() as u64;
    (0..=span).prop_map(move |offset| first + Days::new(offset))
}

/// Generates the 17 digits before the check character of a resident ID card number,
/// with the birth date and sequence number they encode.
fn resident_id_body() -> impl Strategy<Value = (String, NaiveDate, u16)> {
    let provinces: Vec<u8> = PROVINCES
        .iter()
        .map(|(code, _)| *code)
        .filter(|code| *code < 81)
        .collect();
    (
        proptest::sample::select(provinces),
        0..10_000u32,
        birth_date(),
        0..1000u16,
    )
        .prop_map(|(province, district, birth, sequence)| {
            let body = format!(
                "{province:02}{district:04}{}{sequence:03}",
                birth.format("%Y%m%d")
            );
            (body, birth, sequence)
        })
}

fn with_check(body: &str) -> String {
    format!("{body}{}", check_character(body).unwrap())
}

const NUMBER_CHARACTERS: [char; 11] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'];

proptest! {
    #[test]
    fn generated_resident_id_is_valid((body, birth, sequence) in resident_id_body()) {
        let number = with_check(&body);
        let parsed = DocumentNumber::parse(DocumentType::ResidentIdCard, &number, today());
        let parsed = parsed.map_err(|e| TestCaseError::fail(format!("{number}: {e}")))?;
        prop_assert_eq!(parsed.as_str(), number.as_str());
        prop_assert_eq!(parsed.birth_date(), Some(birth));
        let gender = if sequence % 2 == 1 { Gender::Male } else { Gender::Female };
        prop_assert_eq!(parsed.gender(), Some(gender));
    }

    #[test]
    fn full_width_and_lower_case_normalised((body, _, _) in resident_id_body()) {
        let number = with_check(&body);
        let full_width: String = number
            .chars()
            .map(|c| match c {
                'X' => 'ｘ',
                digit => char::from_u32(digit as u32 + 0xFEE0).unwrap(),
            })
            .collect();
        let parsed = DocumentNumber::parse(DocumentType::ResidentIdCard, &full_width, today());
        prop_assert_eq!(parsed.map(|n| n.as_str().to_owned()), Ok(number));
    }

    #[test]
    fn single_character_change_rejected(
        (body, _, _) in resident_id_body(),
        position in 0..18usize,
        replacement in proptest::sample::select(NUMBER_CHARACTERS.to_vec()),
    ) {
        let number = with_check(&body);
        let mut changed: Vec<char> = number.chars().collect();
        prop_assume!(changed[position] != replacement);
        changed[position] = replacement;
        let changed: String = changed.into_iter().collect();
        let parsed = DocumentNumber::parse(DocumentType::ResidentIdCard, &changed, today());
        prop_assert!(parsed.is_err(), "{} accepted after changing {}", changed, number);
    }

    #[test]
    fn generated_residence_permit_is_valid(
        region in proptest::sample::select(vec!["810000", "820000", "830000"]),
        birth in birth_date(),
        sequence in 0..1000u16,
    ) {
        let number = with_check(&format!("{region}{}{sequence:03}", birth.format("%Y%m%d")));
        let kind = if region == "830000" {
            DocumentType::TaiwanResidencePermit
        } else {
            DocumentType::HkMacaoResidencePermit
        };
        prop_assert!(DocumentNumber::parse(kind, &number, today()).is_ok(), "{}", number);
        let as_id_card = DocumentNumber::parse(DocumentType::ResidentIdCard, &number, today());
        prop_assert!(as_id_card.is_err(), "{} accepted as a resident ID card", number);
    }

    #[test]
    fn end_date_keeps_month_and_day(
        start in birth_date(),
        period in proptest::sample::select(vec![
            ValidityPeriod::FiveYears,
            ValidityPeriod::TenYears,
            ValidityPeriod::TwentyYears,
        ]),
    ) {
        let end = end_date(start, period).unwrap();
        prop_assert_eq!(end.year(), start.year() + period.years().unwrap() as i32);
        prop_assert_eq!(end.month(), start.month());
        if (start.month(), start.day()) == (2, 29) && !end.leap_year() {
            prop_assert_eq!(end.day(), 28);
        } else {
            prop_assert_eq!(end.day(), start.day());
        }
    }

    #[test]
    fn working_days_counted_exactly(offset in 0..730u64, n in 0..30u32) {
        let calendar = WorkingCalendar::official();
        let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(offset);
        let count = calendar.add_working_days(start, n);
        let working_between = start
            .iter_days()
            .skip(1)
            .take_while(|day| *day <= count.date)
            .filter(|day| calendar.is_working_day(*day))
            .count();
        prop_assert_eq!(working_between, n as usize);
        if n > 0 {
            prop_assert!(calendar.is_working_day(count.date));
        }
    }

    #[test]
    fn ideograph_names_accepted(
        name in proptest::collection::vec(
            prop_oneof![0x4E00u32..=0x9FFF, 0x3400u32..=0x4DBF, 0x20000u32..=0x2A6DF],
            1..=50,
        )
    ) {
        let name: String = name.into_iter().filter_map(char::from_u32).collect();
        let parsed = PersonName::parse(&name, DocumentType::ResidentIdCard);
        let parsed = parsed.map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
        prop_assert_eq!(parsed.as_str(), name.as_str());
        prop_assert!(!parsed.was_changed());
    }
}
