//! `jszg-server check KIND VALUE`: runs one rule of `jszg-core` on a value and prints the
//! normalised value or the violation as JSON, so operators can see what the server would
//! accept.

use chrono::NaiveDate;
use jszg_core::password::check_password;
use jszg_core::{DocumentNumber, DocumentType, Email, PersonName, Phone, Rule};
use serde_json::{json, Value};

/// What to check.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum CheckCommand {
    /// A document number of a type: resident_id_card, hk_macao_residence_permit,
    /// taiwan_residence_permit, hk_macao_travel_permit or taiwan_travel_permit.
    Document {
        document_type: String,
        number: String,
    },
    /// A name, by the rules of a document type (default resident_id_card).
    Name {
        name: String,
        #[arg(long, default_value = "resident_id_card")]
        document_type: String,
    },
    /// A new password (composition rule and length).
    Password { password: String },
    /// A security email address.
    Email { email: String },
    /// A mainland mobile number.
    Phone { phone: String },
}

fn violation(rule: &dyn Rule) -> Value {
    json!({ "valid": false, "code": rule.code(), "field": rule.field(), "message": rule.message_zh() })
}

fn unknown_type(code: &str) -> Value {
    json!({
        "valid": false,
        "code": "document_type.unknown",
        "field": "document_type",
        "message": format!("unknown document type {code:?}"),
    })
}

/// Runs the check on `today` (a Beijing date) and returns the JSON result.
pub fn run(command: &CheckCommand, today: NaiveDate) -> Value {
    match command {
        CheckCommand::Document {
            document_type,
            number,
        } => {
            let Some(kind) = DocumentType::from_code(document_type) else {
                return unknown_type(document_type);
            };
            match DocumentNumber::parse(kind, number, today) {
                Ok(document) => json!({
                    "valid": true,
                    "value": document.as_str(),
                    "masked": document.masked(),
                    "birth_date": document.birth_date().map(|date| date.to_string()),
                    "gender": document.gender().map(crate::accounts::register::gender_code),
                }),
                Err(error) => violation(&error),
            }
        }
        CheckCommand::Name {
            name,
            document_type,
        } => {
            let Some(kind) = DocumentType::from_code(document_type) else {
                return unknown_type(document_type);
            };
            match PersonName::parse(name, kind) {
                Ok(name) => json!({ "valid": true, "value": name.as_str() }),
                Err(error) => violation(&error),
            }
        }
        CheckCommand::Password { password } => match check_password(password, None, None) {
            Ok(()) => json!({ "valid": true }),
            Err(error) => violation(&error),
        },
        CheckCommand::Email { email } => match Email::parse(email) {
            Ok(email) => {
                json!({ "valid": true, "value": email.as_str(), "masked": email.masked() })
            }
            Err(error) => violation(&error),
        },
        CheckCommand::Phone { phone } => match Phone::parse(phone) {
            Ok(phone) => {
                json!({ "valid": true, "value": phone.as_str(), "masked": phone.masked() })
            }
            Err(error) => violation(&error),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
    }

    #[test]
    fn valid_document_prints_normalised_number() {
        let command = CheckCommand::Document {
            document_type: "resident_id_card".into(),
            number: "11010519491231002x".into(),
        };
        let result = run(&command, today());
        assert_eq!(result["valid"], true);
        assert_eq!(result["value"], "11010519491231002X");
        assert_eq!(result["gender"], "female");
    }

    #[test]
    fn invalid_document_prints_code_and_message() {
        let command = CheckCommand::Document {
            document_type: "resident_id_card".into(),
            number: "110105194912310021".into(),
        };
        let result = run(&command, today());
        assert_eq!(result["valid"], false);
        assert_eq!(result["code"], "document_number.checksum");
        assert!(!result["message"].as_str().unwrap().is_empty());
    }

    #[test]
    fn password_and_contacts_are_checked() {
        let weak = run(
            &CheckCommand::Password {
                password: "abcdefgh".into(),
            },
            today(),
        );
        assert_eq!(weak["valid"], false);
        let phone = run(
            &CheckCommand::Phone {
                phone: "+86 138 0013 8000".into(),
            },
            today(),
        );
        assert_eq!(phone["value"], "13800138000");
        let email = run(
            &CheckCommand::Email {
                email: " a@QQ.com ".into(),
            },
            today(),
        );
        assert_eq!(email["valid"], false);
        assert_eq!(email["field"], "email");
    }

    #[test]
    fn unknown_document_type_is_reported() {
        let command = CheckCommand::Name {
            name: "张三".into(),
            document_type: "passport".into(),
        };
        assert_eq!(run(&command, today())["code"], "document_type.unknown");
    }
}
