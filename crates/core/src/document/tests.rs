use chrono::NaiveDate;

use super::*;
use crate::error::Rule;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

/// Appends the computed check character to 17 digits.
fn with_check(first17: &str) -> String {
    format!("{first17}{}", check_character(first17).unwrap())
}

fn parse(kind: DocumentType, input: &str) -> Result<DocumentNumber, DocumentError> {
    DocumentNumber::parse(kind, input, today())
}

#[test]
fn check_character_known_values() {
    // 11010519491231002X is the worked example of GB 11643-1999.
    assert_eq!(check_character("11010519491231002"), Some('X'));
    assert_eq!(check_character("44052418800101001"), Some('4'));
    assert_eq!(check_character("1101051949123100"), None);
    assert_eq!(check_character("1101051949123100A"), None);
}

#[test]
fn resident_id_accepted_and_normalised() {
    let cases = [
        ("11010519491231002X", "11010519491231002X"),
        ("11010519491231002x", "11010519491231002X"),
        ("  11010519491231002X\t", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
        ("440524198001010013", "440524198001010013"),
    ];
    for (input, expected) in cases {
        let number = parse(DocumentType::ResidentIdCard, input)
            .unwrap_or_else(|e| panic!("{input:?} rejected: {e}"));
        assert_eq!(number.as_str(), expected, "input {input:?}");
    }
}

#[test]
fn resident_id_rejections() {
    let leap_ok = with_check("22010220000229001");
    assert!(parse(DocumentType::ResidentIdCard, &leap_ok).is_ok());
    let cases: Vec<(String, &str)> = vec![
        ("".into(), "document_number.required"),
        ("   ".into(), "document_number.required"),
        ("11010519491231002Y".into(), "document_number.format"),
        ("1101051949123100X2".into(), "document_number.format"),
        ("110105194912310".into(), "document_number.length"),
        ("11010519491231002-X".into(), "document_number.character"),
        ("110105 19491231002X".into(), "document_number.character"),
        ("11010519491231002Ｘ。".into(), "document_number.character"),
        ("110105194912310021".into(), "document_number.checksum"),
        ("11010519491231003X".into(), "document_number.checksum"),
        (with_check("99010219900101001"), "document_number.region"),
        (with_check("71000019900101001"), "document_number.region"),
        (
            with_check("22010219990229001"),
            "document_number.birth_date",
        ),
        (
            with_check("22010219901301001"),
            "document_number.birth_date",
        ),
        (
            with_check("22010218991231001"),
            "document_number.birth_date",
        ),
        (
            with_check("22010220261205001"),
            "document_number.birth_date_future",
        ),
        (
            with_check("81000019900101001"),
            "document_number.residence_permit",
        ),
        (
            with_check("82000019900101001"),
            "document_number.residence_permit",
        ),
        (
            with_check("83000019900101001"),
            "document_number.residence_permit",
        ),
    ];
    for (input, expected) in cases {
        let error = parse(DocumentType::ResidentIdCard, &input).expect_err(&input);
        assert_eq!(error.code(), expected, "input {input:?}");
        assert_eq!(error.field(), "document_number");
    }
}

#[test]
fn birth_date_today_accepted() {
    let number = with_check("22010220261204002");
    let parsed = parse(DocumentType::ResidentIdCard, &number).unwrap();
    assert_eq!(parsed.birth_date(), Some(today()));
    assert_eq!(parsed.gender(), Some(Gender::Female));
}

#[test]
fn resident_id_number_names_permit_type() {
    let hk = parse(
        DocumentType::ResidentIdCard,
        &with_check("81000019900101001"),
    )
    .unwrap_err();
    assert!(
        hk.message_zh().contains("港澳居民居住证"),
        "{}",
        hk.message_zh()
    );
    let tw = parse(
        DocumentType::ResidentIdCard,
        &with_check("83000019900101001"),
    )
    .unwrap_err();
    assert!(
        tw.message_zh().contains("台湾居民居住证"),
        "{}",
        tw.message_zh()
    );
}

#[test]
fn residence_permit_regions() {
    let cases = [
        (
            DocumentType::HkMacaoResidencePermit,
            "81000019900101001",
            Some(Region::HongKong),
        ),
        (
            DocumentType::HkMacaoResidencePermit,
            "82000019900101001",
            Some(Region::Macao),
        ),
        (
            DocumentType::TaiwanResidencePermit,
            "83000019900101001",
            Some(Region::Taiwan),
        ),
        (
            DocumentType::HkMacaoResidencePermit,
            "83000019900101001",
            None,
        ),
        (
            DocumentType::HkMacaoResidencePermit,
            "81010119900101001",
            None,
        ),
        (
            DocumentType::TaiwanResidencePermit,
            "81000019900101001",
            None,
        ),
        (
            DocumentType::TaiwanResidencePermit,
            "22010219900101001",
            None,
        ),
    ];
    for (kind, first17, region) in cases {
        let result = parse(kind, &with_check(first17));
        match region {
            Some(region) => assert_eq!(result.unwrap().home_region(), Some(region), "{first17}"),
            None => assert_eq!(
                result.unwrap_err(),
                DocumentError::PermitRegion { kind },
                "{first17}"
            ),
        }
    }
}

#[test]
fn birth_date_and_gender() {
    let male = parse(DocumentType::ResidentIdCard, "440524198001010013").unwrap();
    assert_eq!(male.birth_date(), NaiveDate::from_ymd_opt(1980, 1, 1));
    assert_eq!(male.gender(), Some(Gender::Male));
    let female = parse(DocumentType::ResidentIdCard, "11010519491231002X").unwrap();
    assert_eq!(female.birth_date(), NaiveDate::from_ymd_opt(1949, 12, 31));
    assert_eq!(female.gender(), Some(Gender::Female));
    assert_eq!(female.masked(), "11*****2X");
}

#[test]
fn travel_permits() {
    let accepted = [
        (
            DocumentType::HkMacaoTravelPermit,
            "H12345678",
            "H12345678",
            Region::HongKong,
        ),
        (
            DocumentType::HkMacaoTravelPermit,
            "m12345678",
            "M12345678",
            Region::Macao,
        ),
        (
            DocumentType::HkMacaoTravelPermit,
            "Ｈ１２３４５６７８",
            "H12345678",
            Region::HongKong,
        ),
        (
            DocumentType::TaiwanTravelPermit,
            "12345678",
            "12345678",
            Region::Taiwan,
        ),
        (
            DocumentType::TaiwanTravelPermit,
            " １２３４５６７８ ",
            "12345678",
            Region::Taiwan,
        ),
    ];
    for (kind, input, expected, region) in accepted {
        let number = parse(kind, input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(number.as_str(), expected);
        assert_eq!(number.home_region(), Some(region));
        assert_eq!(number.birth_date(), None);
        assert_eq!(number.gender(), None);
    }
    let rejected = [
        (
            DocumentType::HkMacaoTravelPermit,
            "H1234567801",
            "document_number.renewal_digits",
        ),
        (
            DocumentType::HkMacaoTravelPermit,
            "h1234567801",
            "document_number.renewal_digits",
        ),
        (
            DocumentType::HkMacaoTravelPermit,
            "A12345678",
            "document_number.format",
        ),
        (
            DocumentType::HkMacaoTravelPermit,
            "123456789",
            "document_number.format",
        ),
        (
            DocumentType::HkMacaoTravelPermit,
            "H1234567",
            "document_number.length",
        ),
        (
            DocumentType::HkMacaoTravelPermit,
            "H1234-5678",
            "document_number.character",
        ),
        (
            DocumentType::TaiwanTravelPermit,
            "1234567801",
            "document_number.renewal_digits",
        ),
        (
            DocumentType::TaiwanTravelPermit,
            "1234567",
            "document_number.length",
        ),
        (
            DocumentType::TaiwanTravelPermit,
            "T1234567",
            "document_number.format",
        ),
    ];
    for (kind, input, code) in rejected {
        assert_eq!(
            parse(kind, input).unwrap_err().code(),
            code,
            "input {input:?}"
        );
    }
}

#[test]
fn renewal_digits_message() {
    let error = parse(DocumentType::HkMacaoTravelPermit, "H1234567801").unwrap_err();
    assert!(
        error.message_zh().contains("不需要输入"),
        "{}",
        error.message_zh()
    );
    assert!(
        error.message_zh().contains("前 9 位"),
        "{}",
        error.message_zh()
    );
}

#[test]
fn invalid_character_named() {
    let error = parse(DocumentType::ResidentIdCard, "110105-19491231002X").unwrap_err();
    assert_eq!(error, DocumentError::InvalidCharacter { character: '-' });
    assert!(error.message_zh().contains("“-”"), "{}", error.message_zh());
}

#[test]
fn document_type_codes() {
    for kind in DocumentType::ALL {
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{}\"", kind.code()));
        assert_eq!(DocumentType::from_code(kind.code()), Some(kind));
    }
    assert_eq!(
        DocumentType::HkMacaoTravelPermit.label_zh(),
        "港澳居民来往内地通行证"
    );
}

#[test]
fn profile_must_match_number() {
    let number = parse(DocumentType::ResidentIdCard, "11010519491231002X").unwrap();
    let birth = NaiveDate::from_ymd_opt(1949, 12, 31);
    assert_eq!(number.check_profile(Some(Gender::Female), birth), Ok(()));
    assert_eq!(number.check_profile(None, None), Ok(()));
    assert_eq!(
        number.check_profile(Some(Gender::Male), birth),
        Err(ProfileMismatch::Gender {
            expected: Gender::Female
        })
    );
    let wrong_birth = NaiveDate::from_ymd_opt(1949, 12, 30);
    let error = number
        .check_profile(Some(Gender::Female), wrong_birth)
        .unwrap_err();
    assert_eq!(error.code(), "birth_date.document_mismatch");
    assert_eq!(error.field(), "birth_date");
    assert!(
        error.message_zh().contains("1949-12-31"),
        "{}",
        error.message_zh()
    );
    let permit = parse(DocumentType::TaiwanTravelPermit, "12345678").unwrap();
    assert_eq!(
        permit.check_profile(Some(Gender::Male), wrong_birth),
        Ok(())
    );
}
