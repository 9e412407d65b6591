use super::*;

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

const ID: DocumentType = DocumentType::ResidentIdCard;

#[test]
fn end_dates() {
    let cases = [
        (
            date(2020, 3, 15),
            ValidityPeriod::FiveYears,
            Some(date(2025, 3, 15)),
        ),
        (
            date(2020, 3, 15),
            ValidityPeriod::TenYears,
            Some(date(2030, 3, 15)),
        ),
        (
            date(2020, 3, 15),
            ValidityPeriod::TwentyYears,
            Some(date(2040, 3, 15)),
        ),
        (date(2020, 3, 15), ValidityPeriod::LongTerm, None),
        (
            date(2020, 2, 29),
            ValidityPeriod::FiveYears,
            Some(date(2025, 2, 28)),
        ),
        (
            date(2020, 2, 29),
            ValidityPeriod::TenYears,
            Some(date(2030, 2, 28)),
        ),
        (
            date(2004, 2, 29),
            ValidityPeriod::TwentyYears,
            Some(date(2024, 2, 29)),
        ),
        (
            date(2019, 2, 28),
            ValidityPeriod::FiveYears,
            Some(date(2024, 2, 28)),
        ),
        (
            date(2020, 12, 31),
            ValidityPeriod::FiveYears,
            Some(date(2025, 12, 31)),
        ),
    ];
    for (start, period, expected) in cases {
        assert_eq!(end_date(start, period), expected, "{start} {period:?}");
    }
}

#[test]
fn allowed_periods_per_type() {
    assert_eq!(allowed_periods(ID), &ValidityPeriod::ALL);
    for kind in DocumentType::ALL.into_iter().filter(|k| k.is_permit()) {
        assert_eq!(
            allowed_periods(kind),
            &[ValidityPeriod::FiveYears, ValidityPeriod::TenYears],
            "{kind:?}"
        );
    }
}

#[test]
fn expected_period_by_age() {
    let birth = date(2000, 6, 15);
    let cases = [
        (date(2016, 6, 14), ValidityPeriod::FiveYears),
        (date(2016, 6, 15), ValidityPeriod::TenYears),
        (date(2025, 12, 31), ValidityPeriod::TenYears),
        (date(2026, 6, 14), ValidityPeriod::TenYears),
        (date(2026, 6, 15), ValidityPeriod::TwentyYears),
        (date(2046, 6, 14), ValidityPeriod::TwentyYears),
        (date(2046, 6, 15), ValidityPeriod::LongTerm),
    ];
    for (start, expected) in cases {
        assert_eq!(expected_period(birth, start), expected, "start {start}");
    }
}

#[test]
fn age_of_leap_day_birth() {
    let birth = date(2008, 2, 29);
    assert_eq!(age_on(birth, date(2024, 2, 28)), 15);
    assert_eq!(age_on(birth, date(2024, 2, 29)), 16);
    assert_eq!(age_on(birth, date(2025, 2, 28)), 16);
    assert_eq!(age_on(birth, date(2025, 3, 1)), 17);
}

#[test]
fn validity_rejections() {
    let today = date(2026, 12, 4);
    let cases = [
        (
            DocumentType::HkMacaoTravelPermit,
            ValidityPeriod::TwentyYears,
            date(2020, 1, 1),
            None,
            "validity.period_not_allowed",
        ),
        (
            DocumentType::TaiwanResidencePermit,
            ValidityPeriod::LongTerm,
            date(2020, 1, 1),
            None,
            "validity.period_not_allowed",
        ),
        (
            ID,
            ValidityPeriod::TenYears,
            date(2026, 12, 5),
            None,
            "validity.start_in_future",
        ),
        (
            ID,
            ValidityPeriod::TenYears,
            date(2016, 12, 3),
            None,
            "validity.expired",
        ),
        (
            ID,
            ValidityPeriod::FiveYears,
            date(2020, 1, 1),
            Some(date(2021, 1, 1)),
            "validity.start_before_birth",
        ),
    ];
    for (kind, period, start, birth, code) in cases {
        let error = check_validity(kind, period, start, birth, today).unwrap_err();
        assert_eq!(error.code(), code, "{kind:?} {period:?} {start}");
    }
}

#[test]
fn validity_accepted() {
    let today = date(2026, 12, 4);
    let last_day =
        check_validity(ID, ValidityPeriod::TenYears, date(2016, 12, 4), None, today).unwrap();
    assert_eq!(last_day.end_date, Some(date(2026, 12, 4)));
    assert!(last_day.warnings.is_empty());
    let long_term =
        check_validity(ID, ValidityPeriod::LongTerm, date(1990, 1, 1), None, today).unwrap();
    assert_eq!(long_term.end_date, None);
    let start_today = check_validity(
        DocumentType::HkMacaoTravelPermit,
        ValidityPeriod::FiveYears,
        today,
        None,
        today,
    )
    .unwrap();
    assert_eq!(start_today.end_date, Some(date(2031, 12, 4)));
}

#[test]
fn age_mismatch_only_warns() {
    let today = date(2026, 12, 4);
    let birth = Some(date(1990, 1, 1));
    let check = check_validity(
        ID,
        ValidityPeriod::FiveYears,
        date(2025, 1, 1),
        birth,
        today,
    )
    .unwrap();
    assert_eq!(check.end_date, Some(date(2030, 1, 1)));
    assert_eq!(
        check.warnings,
        vec![ValidityWarning::PeriodDoesNotFitAge {
            chosen: ValidityPeriod::FiveYears,
            expected: ValidityPeriod::TwentyYears,
            age: 35,
        }]
    );
    assert_eq!(check.warnings[0].code(), "validity.period_age_mismatch");
    let fitting = check_validity(
        ID,
        ValidityPeriod::TwentyYears,
        date(2025, 1, 1),
        birth,
        today,
    )
    .unwrap();
    assert!(fitting.warnings.is_empty());
    let permit = check_validity(
        DocumentType::HkMacaoResidencePermit,
        ValidityPeriod::FiveYears,
        date(2025, 1, 1),
        birth,
        today,
    )
    .unwrap();
    assert!(permit.warnings.is_empty());
}
