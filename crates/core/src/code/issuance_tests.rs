use super::*;

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

#[test]
fn resend_interval() {
    let sent = utc("2026-05-01T02:00:00Z");
    let cases = [
        (None, "2026-05-01T02:00:00Z", Ok(())),
        (Some(sent), "2026-05-01T02:01:00Z", Ok(())),
        (Some(sent), "2026-05-01T02:05:00Z", Ok(())),
        (Some(sent), "2026-05-01T02:00:00Z", Err(60)),
        (Some(sent), "2026-05-01T02:00:59Z", Err(1)),
        (Some(sent), "2026-05-01T02:00:59.500Z", Err(1)),
        (Some(sent), "2026-05-01T02:00:30.001Z", Err(30)),
    ];
    for (last, now, expected) in cases {
        let expected = expected.map_err(|retry_after_seconds| CodeRequestError::ResendTooSoon {
            retry_after_seconds,
        });
        assert_eq!(check_resend_interval(last, utc(now)), expected, "now {now}");
    }
}

#[test]
fn sms_daily_limit() {
    assert_eq!(check_sms_daily_limit(0), Ok(()));
    assert_eq!(check_sms_daily_limit(2), Ok(()));
    assert_eq!(
        check_sms_daily_limit(3),
        Err(CodeRequestError::SmsDailyLimit)
    );
    assert_eq!(CodeRequestError::SmsDailyLimit.code(), "sms.daily_limit");
}

#[test]
fn code_usable() {
    let sent = utc("2026-05-01T02:00:00Z");
    let register = CodePurpose::Register;
    let cases = [
        (register, 0, false, "2026-05-01T02:04:59Z", Ok(())),
        (register, 4, false, "2026-05-01T02:00:01Z", Ok(())),
        (
            register,
            0,
            false,
            "2026-05-01T02:05:00Z",
            Err(CodeEntryError::Expired),
        ),
        (
            register,
            5,
            false,
            "2026-05-01T02:00:01Z",
            Err(CodeEntryError::TooManyWrongEntries),
        ),
        (
            register,
            0,
            true,
            "2026-05-01T02:00:01Z",
            Err(CodeEntryError::Used),
        ),
        (
            CodePurpose::ResetPassword,
            0,
            false,
            "2026-05-01T02:00:01Z",
            Err(CodeEntryError::WrongPurpose),
        ),
    ];
    for (sent_for, wrong, used, now, expected) in cases {
        let result = check_code_usable(sent_for, register, sent, wrong, used, utc(now));
        assert_eq!(
            result, expected,
            "{sent_for:?} wrong {wrong} used {used} at {now}"
        );
    }
}

#[test]
fn wrong_code_counts_down() {
    assert_eq!(wrong_code(1), CodeEntryError::Wrong { remaining: 4 });
    assert_eq!(wrong_code(5), CodeEntryError::Wrong { remaining: 0 });
    assert_eq!(wrong_code(7), CodeEntryError::Wrong { remaining: 0 });
    assert!(wrong_code(1).message_zh().contains("4 次"));
    assert!(wrong_code(5).message_zh().contains("重新获取"));
}

#[test]
fn purpose_codes() {
    let json = serde_json::to_string(&CodePurpose::ResetPassword).unwrap();
    assert_eq!(json, "\"reset_password\"");
}
