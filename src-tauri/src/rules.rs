//! The bridge from form fields to the domain rules of `jszg-core`: each rule name the
//! page uses maps to one parser of the core crate.

use crate::commands::validate::FieldProblem;
use chrono::NaiveDate;
use jszg_core::beijing::beijing_date;
use jszg_core::code::VerificationCode;
use jszg_core::password::check_password;
use jszg_core::validity::{check_validity, end_date as validity_end};
use jszg_core::{
    DocumentNumber, DocumentType, Email, LocalIdNumber, PersonName, Phone, Region, Rule,
    ValidityPeriod,
};
use serde::de::DeserializeOwned;
use std::collections::HashMap;

fn problem(rule: &dyn Rule) -> Option<FieldProblem> {
    Some(FieldProblem {
        code: rule.code().to_string(),
        message: rule.message_zh(),
        warning: false,
    })
}

fn warning(rule: &dyn Rule) -> Option<FieldProblem> {
    problem(rule).map(|p| FieldProblem { warning: true, ..p })
}

/// Parses a serde code such as `five_years` or `hong_kong` into a core enum.
fn from_code<T: DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
}

fn date_problem(field: &str) -> Option<FieldProblem> {
    Some(FieldProblem {
        code: format!("{field}.format"),
        message: "请按 YYYY-MM-DD 格式填写日期，例如 2020-05-01。".into(),
        warning: false,
    })
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// Checks one field against its rule. `today` is the current Beijing date.
pub fn check_on(
    rule: &str,
    value: &str,
    context: &HashMap<String, String>,
    today: NaiveDate,
) -> Option<FieldProblem> {
    let ctx = |name: &str| context.get(name).map(String::as_str).unwrap_or("");
    let kind =
        DocumentType::from_code(ctx("document_type")).unwrap_or(DocumentType::ResidentIdCard);
    match rule {
        "document_number" => DocumentNumber::parse(kind, value, today)
            .err()
            .and_then(|e| problem(&e)),
        "name" => match PersonName::parse(value, kind) {
            Err(error) => problem(&error),
            Ok(name) if name.was_changed() => Some(FieldProblem {
                code: "name.normalised".into(),
                message: format!("姓名将按“{}”保存和核验，请确认与证件一致。", name.as_str()),
                warning: true,
            }),
            Ok(_) => None,
        },
        "password" => {
            let number = DocumentNumber::parse(kind, ctx("document_number"), today).ok();
            check_password(value, None, number.as_ref().map(DocumentNumber::as_str))
                .err()
                .and_then(|e| problem(&e))
        }
        "password_confirm" => match check_password(ctx("password"), Some(value), None) {
            Err(error) if error.field() == "password_confirmation" => problem(&error),
            _ => None,
        },
        "email" => Email::parse(value).err().and_then(|e| problem(&e)),
        "phone" => Phone::parse(value).err().and_then(|e| problem(&e)),
        "code" => VerificationCode::parse(value)
            .err()
            .and_then(|e| problem(&e)),
        "validity_start" => check_start(value, context, kind, today),
        "birth_date" => match parse_date(value) {
            None => date_problem("birth_date"),
            Some(date) if date > today => Some(FieldProblem {
                code: "birth_date.future".into(),
                message: "出生日期不能晚于今天。".into(),
                warning: false,
            }),
            Some(_) => None,
        },
        "local_id_number" => {
            let region = from_code::<Region>(ctx("region"))?;
            LocalIdNumber::parse(region, value)
                .err()
                .and_then(|e| problem(&e))
        }
        "travel_permit_number" => {
            let permit = match from_code::<Region>(ctx("region")) {
                Some(Region::Taiwan) => DocumentType::TaiwanTravelPermit,
                _ => DocumentType::HkMacaoTravelPermit,
            };
            DocumentNumber::parse(permit, value, today)
                .err()
                .and_then(|e| problem(&e))
        }
        _ => None,
    }
}

fn check_start(
    value: &str,
    context: &HashMap<String, String>,
    kind: DocumentType,
    today: NaiveDate,
) -> Option<FieldProblem> {
    let Some(start) = parse_date(value) else {
        return date_problem("validity_start");
    };
    let period = from_code::<ValidityPeriod>(context.get("validity_period")?)?;
    let birth = context
        .get("document_number")
        .and_then(|number| DocumentNumber::parse(kind, number, today).ok())
        .and_then(|number| number.birth_date());
    match check_validity(kind, period, start, birth, today) {
        Err(error) => problem(&error),
        Ok(check) => check.warnings.first().and_then(|w| warning(w)),
    }
}

/// Checks one field against its rule, today in Beijing time.
pub fn check(rule: &str, value: &str, context: &HashMap<String, String>) -> Option<FieldProblem> {
    check_on(rule, value, context, beijing_date(chrono::Utc::now()))
}

/// Computes the end date (`YYYY-MM-DD`) of a validity period from its start date.
pub fn end_date(period: &str, start_date: &str) -> Option<String> {
    let period = from_code::<ValidityPeriod>(period)?;
    let start = parse_date(start_date)?;
    validity_end(start, period).map(|end| end.format("%Y-%m-%d").to_string())
}

/// Choices of the select and radio fields, with their Chinese labels.
#[derive(serde::Serialize)]
pub struct FormOptions {
    pub document_types: Vec<(String, String)>,
    /// Validity periods offered per document type code.
    pub periods: HashMap<String, Vec<(String, String)>>,
    pub ethnicities: Vec<(String, String)>,
    pub regions: Vec<(String, String)>,
}

fn code_of<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Returns the choices the forms offer, straight from the core crate.
pub fn form_options() -> FormOptions {
    let periods = DocumentType::ALL
        .iter()
        .map(|kind| {
            let allowed = jszg_core::validity::allowed_periods(*kind)
                .iter()
                .map(|p| (code_of(*p), p.label_zh().to_string()))
                .collect();
            (kind.code().to_string(), allowed)
        })
        .collect();
    FormOptions {
        document_types: DocumentType::ALL
            .iter()
            .map(|k| (k.code().to_string(), k.label_zh().to_string()))
            .collect(),
        periods,
        ethnicities: jszg_core::Ethnicity::all()
            .map(|e| (e.code(), e.name_zh().to_string()))
            .collect(),
        regions: Region::ALL
            .iter()
            .map(|r| (code_of(*r), r.label_zh().to_string()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    fn context(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn rules_return_core_codes() {
        let none = HashMap::new();
        let cases = [
            ("phone", "1580000001", "phone"),
            ("email", "abc＠qq.com", "email"),
            ("code", "12345", "code"),
            ("password", "short", "password"),
        ];
        for (rule, value, prefix) in cases {
            let found = check_on(rule, value, &none, today()).expect(rule);
            assert!(found.code.starts_with(prefix), "{rule}: {}", found.code);
            assert!(!found.message.is_empty());
            assert!(!found.warning);
        }
    }

    #[test]
    fn valid_values_pass() {
        let none = HashMap::new();
        assert_eq!(check_on("phone", "15800000011", &none, today()), None);
        assert_eq!(check_on("email", "123456@qq.com", &none, today()), None);
        assert_eq!(check_on("code", "123456", &none, today()), None);
        assert_eq!(check_on("password", "Secret#123", &none, today()), None);
    }

    #[test]
    fn confirmation_mismatch_shown_on_second_field() {
        let ctx = context(&[("password", "Secret#123")]);
        let found = check_on("password_confirm", "Secret#124", &ctx, today()).unwrap();
        assert_eq!(found.code, "password.confirmation_mismatch");
        assert_eq!(
            check_on("password_confirm", "Secret#123", &ctx, today()),
            None
        );
    }

    #[test]
    fn start_date_needs_format_and_period() {
        let ctx = context(&[("validity_period", "ten_years")]);
        let found = check_on("validity_start", "2020/01/01", &ctx, today()).unwrap();
        assert_eq!(found.code, "validity_start.format");
        assert_eq!(
            check_on("validity_start", "2020-01-01", &ctx, today()),
            None
        );
        let expired = check_on("validity_start", "2010-01-01", &ctx, today()).unwrap();
        assert!(!expired.warning);
    }

    #[test]
    fn end_date_follows_period() {
        assert_eq!(
            end_date("ten_years", "2020-02-29").as_deref(),
            Some("2030-02-28")
        );
        assert_eq!(end_date("long_term", "2020-02-29"), None);
        assert_eq!(end_date("ten_years", ""), None);
    }

    #[test]
    fn options_cover_types_and_periods() {
        let options = form_options();
        assert_eq!(options.document_types.len(), 5);
        assert_eq!(options.periods["resident_id_card"].len(), 4);
        assert_eq!(options.periods["hk_macao_travel_permit"].len(), 2);
        assert!(options.ethnicities.len() >= 58);
        assert_eq!(options.regions.len(), 3);
    }
}
