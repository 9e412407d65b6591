use super::*;
use crate::error::Rule;

#[test]
fn emails_accepted() {
    let cases = [
        ("12345678@qq.com", "12345678@qq.com", true),
        ("  12345678@QQ.COM ", "12345678@qq.com", true),
        ("Li.Ming@Example.EDU.cn", "Li.Ming@example.edu.cn", false),
        ("li+school@163.com", "li+school@163.com", true),
        (
            "zhang_san@mail.bnu.edu.cn",
            "zhang_san@mail.bnu.edu.cn",
            false,
        ),
        ("lm@Gmail.com", "lm@gmail.com", true),
        ("alias@foxmail.com", "alias@foxmail.com", true),
    ];
    for (input, expected, webmail) in cases {
        let email = Email::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(email.as_str(), expected, "input {input:?}");
        assert_eq!(email.is_webmail(), webmail, "input {input:?}");
    }
}

#[test]
fn emails_rejected() {
    let long_local = format!("{}@example.com", "a".repeat(65));
    let too_long = format!("a@{}.com", "b".repeat(250));
    let cases = [
        ("", "email.required"),
        ("   ", "email.required"),
        ("12345678＠qq.com", "email.full_width"),
        ("12345678@qq．com", "email.full_width"),
        ("12345678@qq。com", "email.full_width"),
        ("张三@163.com", "email.character"),
        ("li@例子.cn", "email.character"),
        ("lisi.qq.com", "email.format"),
        ("li@si@qq.com", "email.format"),
        ("@qq.com", "email.format"),
        ("li@", "email.format"),
        ("li@localhost", "email.format"),
        ("li@qq.c", "email.format"),
        ("li@-qq.com", "email.format"),
        ("li@qq..com", "email.format"),
        (".li@163.com", "email.format"),
        ("li..si@163.com", "email.format"),
        ("li si@163.com", "email.format"),
        (long_local.as_str(), "email.format"),
        (too_long.as_str(), "email.too_long"),
        ("lisi@qq.com", "email.qq_alias"),
        ("li.12345@QQ.com", "email.qq_alias"),
    ];
    for (input, code) in cases {
        let error = Email::parse(input).expect_err(input);
        assert_eq!(error.code(), code, "input {input:?}");
        assert_eq!(error.field(), "email");
    }
}

#[test]
fn email_messages_explain_the_fix() {
    let full_width = Email::parse("12345678＠qq.com").unwrap_err();
    assert!(
        full_width.message_zh().contains("输入法切换到英文"),
        "{}",
        full_width.message_zh()
    );
    let alias = Email::parse("lisi@qq.com").unwrap_err();
    assert!(
        alias.message_zh().contains("QQ号"),
        "{}",
        alias.message_zh()
    );
}

#[test]
fn phones_accepted() {
    let cases = [
        ("15800000011", "15800000011"),
        ("+86 158 0000 0011", "15800000011"),
        ("0086-158-0000-0011", "15800000011"),
        ("１５８００００００１１", "15800000011"),
        ("＋８６　１５８－００００－００１１", "15800000011"),
        (" 13912345678 ", "13912345678"),
        ("19912345678", "19912345678"),
    ];
    for (input, expected) in cases {
        let phone = Phone::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(phone.as_str(), expected, "input {input:?}");
    }
}

#[test]
fn phones_rejected() {
    let cases = [
        ("", PhoneError::Required),
        (" - ", PhoneError::Required),
        ("1580000001", PhoneError::Length { actual: 10 }),
        ("158000000111", PhoneError::Length { actual: 12 }),
        ("8615800000011", PhoneError::Length { actual: 13 }),
        ("12800000011", PhoneError::Format),
        ("25800000011", PhoneError::Format),
        (
            "158(0000)0011",
            PhoneError::InvalidCharacter { character: '(' },
        ),
        (
            "158o0000011",
            PhoneError::InvalidCharacter { character: 'o' },
        ),
        (
            "158+00000011",
            PhoneError::InvalidCharacter { character: '+' },
        ),
        ("+852 6123 4567", PhoneError::NotMainland),
        ("00852 6123 4567", PhoneError::NotMainland),
        ("+86+15800000011", PhoneError::NotMainland),
    ];
    for (input, expected) in cases {
        assert_eq!(Phone::parse(input), Err(expected), "input {input:?}");
    }
}

#[test]
fn masked_contacts() {
    assert_eq!(
        Email::parse("12345678@qq.com").unwrap().masked(),
        "1*****@qq.com"
    );
    assert_eq!(
        Phone::parse("+86 158 0000 0011").unwrap().masked(),
        "158*****11"
    );
}
