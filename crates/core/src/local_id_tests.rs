use super::*;

#[test]
fn hong_kong_ids() {
    let accepted = [
        ("A123456(3)", "A123456(3)"),
        ("a1234563", "A123456(3)"),
        (" Ａ１２３４５６（３） ", "A123456(3)"),
        ("AB987654(3)", "AB987654(3)"),
        ("Z683365(A)", "Z683365(A)"),
        ("G000000(A)", "G000000(A)"),
    ];
    for (input, expected) in accepted {
        let id = LocalIdNumber::parse(Region::HongKong, input)
            .unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(id.as_str(), expected, "input {input:?}");
    }
    let rejected = [
        ("", "local_id.required"),
        ("A123456(4)", "local_id.checksum"),
        ("A123456(A)", "local_id.checksum"),
        ("A12345(3)", "local_id.format"),
        ("ABC123456(3)", "local_id.format"),
        ("1234567(3)", "local_id.format"),
        ("A123456(B)", "local_id.format"),
        ("A12(3456)3", "local_id.format"),
        ("A123456-3", "local_id.character"),
    ];
    for (input, code) in rejected {
        let error = LocalIdNumber::parse(Region::HongKong, input).expect_err(input);
        assert_eq!(error.code(), code, "input {input:?}");
    }
}

#[test]
fn macao_ids() {
    let accepted = [("1234567(8)", "1234567(8)"), ("51234568", "5123456(8)")];
    for (input, expected) in accepted {
        assert_eq!(
            LocalIdNumber::parse(Region::Macao, input).unwrap().as_str(),
            expected
        );
    }
    for input in ["123456(7)", "A234567(8)", "12345678(9)"] {
        let error = LocalIdNumber::parse(Region::Macao, input).expect_err(input);
        assert_eq!(error.code(), "local_id.format", "input {input:?}");
    }
}

#[test]
fn taiwan_ids() {
    let accepted = [
        ("A123456789", "A123456789"),
        ("a123456789", "A123456789"),
        ("F131104093", "F131104093"),
    ];
    for (input, expected) in accepted {
        let id = LocalIdNumber::parse(Region::Taiwan, input)
            .unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(id.as_str(), expected);
        assert_eq!(id.region(), Region::Taiwan);
    }
    let rejected = [
        ("A123456788", "local_id.checksum"),
        ("B123456789", "local_id.checksum"),
        ("A323456789", "local_id.format"),
        ("A12345678", "local_id.format"),
        ("1123456789", "local_id.format"),
    ];
    for (input, code) in rejected {
        let error = LocalIdNumber::parse(Region::Taiwan, input).expect_err(input);
        assert_eq!(error.code(), code, "input {input:?}");
    }
}
