use super::common::COMMON_PASSWORDS;
use super::*;

#[test]
fn accepted_passwords() {
    let cases = ["Kx7#mPq2", "teacher-Lin_2026", "9&zzTopV", "a1#a1#a1#"];
    for password in cases {
        assert_eq!(
            check_password(password, Some(password), None),
            Ok(()),
            "{password}"
        );
    }
    let max = format!("Ab1#{}", "x".repeat(MAX_PASSWORD_CHARS - 4));
    assert_eq!(check_password(&max, None, None), Ok(()));
}

#[test]
fn rejected_passwords() {
    let too_long = format!("Ab1#{}", "x".repeat(MAX_PASSWORD_CHARS - 3));
    let too_long_invalid = "中".repeat(MAX_PASSWORD_CHARS + 1);
    let cases = [
        ("", PasswordError::Required),
        (too_long.as_str(), PasswordError::TooLong { actual: 129 }),
        (
            too_long_invalid.as_str(),
            PasswordError::TooLong { actual: 129 },
        ),
        (
            "Kx7＃mPq2",
            PasswordError::InvalidCharacter { character: '＃' },
        ),
        (
            "Kx7# mPq2",
            PasswordError::InvalidCharacter { character: ' ' },
        ),
        (
            "Kx7#mPq2密",
            PasswordError::InvalidCharacter { character: '密' },
        ),
        (
            "Kx7#mPq2.",
            PasswordError::InvalidCharacter { character: '.' },
        ),
        (
            "Kx7#mPq2^",
            PasswordError::InvalidCharacter { character: '^' },
        ),
        ("Kx7#mPq", PasswordError::TooShort { actual: 7 }),
        ("Kxy#mPqz", PasswordError::MissingDigit),
        ("1234#567", PasswordError::MissingLetter),
        ("Kx7kmPq2", PasswordError::MissingSpecial),
        ("Passw0rd!", PasswordError::Common),
        ("ADMIN@123", PasswordError::Common),
        ("admin@123", PasswordError::Common),
    ];
    for (password, expected) in cases {
        assert_eq!(
            check_password(password, None, None),
            Err(expected),
            "{password:?}"
        );
    }
}

#[test]
fn document_number_inside_rejected() {
    let number = Some("11010519491231002X");
    let cases = [
        "a#11010519491231002X",
        "a#11010519491231002x",
        "11010519491231002X!",
    ];
    for password in cases {
        assert_eq!(
            check_password(password, None, number),
            Err(PasswordError::ContainsDocumentNumber),
            "{password}"
        );
    }
    assert_eq!(check_password("a#11010519491231002", None, number), Ok(()));
    assert_eq!(check_password("Kx7#mPq2", None, Some("")), Ok(()));
}

#[test]
fn confirmation_must_match() {
    assert_eq!(
        check_password("Kx7#mPq2", Some("Kx7#mPq3"), None),
        Err(PasswordError::ConfirmationMismatch)
    );
    assert_eq!(
        PasswordError::ConfirmationMismatch.field(),
        "password_confirmation"
    );
}

#[test]
fn full_width_character_explained() {
    let error = check_password("Kx7＃mPq2", None, None).unwrap_err();
    let message = error.message_zh();
    assert!(message.contains("中文输入法"), "{message}");
    assert!(message.contains("“＃”"), "{message}");
    assert!(message.contains("“#”"), "{message}");
    let space = check_password("Kx7# mPq2", None, None).unwrap_err();
    assert!(
        space.message_zh().contains("空格"),
        "{}",
        space.message_zh()
    );
    assert_eq!(space.code(), "password.character");
}

#[test]
fn display_hides_the_password() {
    let error = check_password("Kx7＃mPq2", None, None).unwrap_err();
    assert!(!error.to_string().contains("Kx7"));
}

#[test]
fn common_list_passes_composition() {
    assert!(COMMON_PASSWORDS.len() >= 100, "{}", COMMON_PASSWORDS.len());
    for password in COMMON_PASSWORDS {
        assert_eq!(
            password.to_ascii_lowercase(),
            *password,
            "{password} is not lower-case"
        );
        assert!(
            password.len() >= MIN_PASSWORD_CHARS,
            "{password} is too short"
        );
        assert!(
            password.chars().all(is_allowed),
            "{password} has a bad character"
        );
        assert!(
            password.chars().any(|c| c.is_ascii_digit()),
            "{password} has no digit"
        );
        assert!(
            password.chars().any(|c| c.is_ascii_alphabetic()),
            "{password} has no letter"
        );
        assert!(
            password.chars().any(|c| SPECIAL_CHARACTERS.contains(c)),
            "{password} has no special"
        );
        assert_eq!(
            check_password(password, None, None),
            Err(PasswordError::Common),
            "{password}"
        );
    }
}
