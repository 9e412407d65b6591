//! Field validation as the user types. Every rule lives in `jszg-core`; this command
//! only picks the rule for a field and returns its coded Chinese message.

use super::CommandResult;
use serde::Serialize;
use std::collections::HashMap;

/// A rule violation shown next to a field.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct FieldProblem {
    pub code: String,
    pub message: String,
    /// A warning does not block submission (for example a validity period unusual for
    /// the holder's age).
    pub warning: bool,
}

/// Validates `value` of field `rule`. `context` carries the other fields a rule depends
/// on (document type, password, validity period …). Returns `None` when valid.
#[tauri::command]
pub fn validate_field(
    rule: String,
    value: String,
    context: HashMap<String, String>,
) -> CommandResult<Option<FieldProblem>> {
    Ok(crate::rules::check(&rule, &value, &context))
}

/// Returns the computed end date (`YYYY-MM-DD`) of a validity period, `None` for
/// long-term or when the start date is not chosen yet.
#[tauri::command]
pub fn validity_end_date(period: String, start_date: String) -> CommandResult<Option<String>> {
    Ok(crate::rules::end_date(&period, &start_date))
}

/// Returns the choices of the select and radio fields (document types, validity
/// periods per type, ethnicities, regions).
#[tauri::command]
pub fn form_options() -> CommandResult<crate::rules::FormOptions> {
    Ok(crate::rules::form_options())
}

/// Returns `name` in the form it is stored and verified in (look-alike interpuncts
/// unified to `·`), or the name rule's coded error for the field `name`.
#[tauri::command]
pub fn name_stored_form(name: String, document_type: String) -> CommandResult<String> {
    let kind = jszg_core::DocumentType::from_code(&document_type)
        .unwrap_or(jszg_core::DocumentType::ResidentIdCard);
    jszg_core::PersonName::parse(&name, kind)
        .map(|name| name.as_str().to_string())
        .map_err(|error| {
            use jszg_core::Rule;
            jszg_api::ErrorBody {
                code: error.code().to_string(),
                message: error.message_zh(),
                field: Some("name".into()),
            }
        })
}

#[cfg(test)]
mod tests {
    use super::name_stored_form;

    #[test]
    fn stored_form_unifies_interpuncts_and_rejects_digits() {
        assert_eq!(
            name_stored_form("阿依古丽•买买提".into(), "resident_id_card".into()).unwrap(),
            "阿依古丽·买买提"
        );
        let error = name_stored_form("张3".into(), "resident_id_card".into()).unwrap_err();
        assert_eq!(error.field.as_deref(), Some("name"));
        assert!(error.code.starts_with("name."), "{}", error.code);
    }
}
