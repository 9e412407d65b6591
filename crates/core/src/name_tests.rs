use super::*;

const ID: DocumentType = DocumentType::ResidentIdCard;
const PERMIT: DocumentType = DocumentType::HkMacaoTravelPermit;

#[test]
fn accepted_names() {
    let cases = [
        ("张三", ID, "张三", false),
        ("  王小明 ", ID, "王小明", false),
        ("阿依古丽·买买提", ID, "阿依古丽·买买提", false),
        ("\u{20000}三", ID, "\u{20000}三", false),
        ("李\u{3400}", ID, "李\u{3400}", false),
        ("李\u{2EBF0}", ID, "李\u{2EBF0}", false),
        ("李\u{31350}", ID, "李\u{31350}", false),
        ("李\u{F900}", ID, "李\u{F900}", false),
        ("李\u{2F800}", ID, "李\u{2F800}", false),
        ("CHAN Tai Man", PERMIT, "CHAN Tai Man", false),
        (
            "陈大文 CHAN Tai Man",
            DocumentType::HkMacaoResidencePermit,
            "陈大文 CHAN Tai Man",
            false,
        ),
        ("ＣＨＡＮ　Ｔａｉ", PERMIT, "CHAN Tai", true),
        ("CHAN\u{00A0}Tai", PERMIT, "CHAN Tai", true),
        (
            "Mary·Smith",
            DocumentType::TaiwanTravelPermit,
            "Mary·Smith",
            false,
        ),
    ];
    for (input, kind, expected, changed) in cases {
        let name = PersonName::parse(input, kind).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(name.as_str(), expected, "input {input:?}");
        assert_eq!(name.was_changed(), changed, "input {input:?}");
    }
}

#[test]
fn every_interpunct_look_alike_converted() {
    for look_alike in INTERPUNCT_LOOK_ALIKES {
        let input = format!("阿依古丽{look_alike}买买提");
        let name = PersonName::parse(&input, ID).unwrap();
        assert_eq!(
            name.as_str(),
            "阿依古丽·买买提",
            "look-alike U+{:04X}",
            look_alike as u32
        );
        assert!(name.was_changed(), "look-alike U+{:04X}", look_alike as u32);
    }
}

#[test]
fn length_counted_in_characters() {
    let fifty = "\u{20000}".repeat(50);
    assert_eq!(
        PersonName::parse(&fifty, ID)
            .unwrap()
            .as_str()
            .chars()
            .count(),
        50
    );
    let fifty_one = "\u{20000}".repeat(51);
    assert_eq!(
        PersonName::parse(&fifty_one, ID).unwrap_err(),
        NameError::TooLong { actual: 51 }
    );
    assert!(PersonName::parse("李", ID).is_ok());
}

#[test]
fn rejected_names() {
    let cases = [
        ("", ID, "name.required"),
        ("   ", ID, "name.required"),
        ("张3", ID, "name.digit"),
        ("张３", ID, "name.digit"),
        ("张三!", ID, "name.character"),
        ("张-三", ID, "name.character"),
        ("张。三", ID, "name.character"),
        ("张😀", ID, "name.character"),
        ("キム", ID, "name.character"),
        ("张\u{3007}", ID, "name.digit"),
        ("Zhang San", ID, "name.latin_not_allowed"),
        ("张 三", ID, "name.space_not_allowed"),
        ("张\u{00A0}三", ID, "name.space_not_allowed"),
        ("张\t三", ID, "name.character"),
        ("CHAN  Tai", PERMIT, "name.double_space"),
        ("·张三", ID, "name.interpunct_edge"),
        ("张三·", ID, "name.interpunct_edge"),
        ("张三•", ID, "name.interpunct_edge"),
        ("阿依··买买提", ID, "name.interpunct_double"),
        ("阿依•・买买提", ID, "name.interpunct_double"),
        ("CHAN.Tai", PERMIT, "name.character"),
        ("O'Brien", PERMIT, "name.character"),
    ];
    for (input, kind, code) in cases {
        let error = PersonName::parse(input, kind).expect_err(input);
        assert_eq!(error.code(), code, "input {input:?}");
        assert_eq!(error.field(), "name");
    }
}

#[test]
fn ideograph_block_edges() {
    let inside = [
        '\u{4E00}',
        '\u{9FFF}',
        '\u{3400}',
        '\u{4DBF}',
        '\u{2A6DF}',
        '\u{3347F}',
    ];
    for c in inside {
        assert!(is_cjk_ideograph(c), "U+{:04X}", c as u32);
    }
    let outside = ['\u{33FF}', '\u{A000}', '\u{2A6E0}', '\u{33480}', 'A', '·'];
    for c in outside {
        assert!(!is_cjk_ideograph(c), "U+{:04X}", c as u32);
    }
}

#[test]
fn invalid_character_named_in_message() {
    let error = PersonName::parse("张三!", ID).unwrap_err();
    assert!(error.message_zh().contains("“!”"), "{}", error.message_zh());
}
