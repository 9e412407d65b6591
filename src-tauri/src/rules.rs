//! The bridge from form fields to the domain rules of `jszg-core`.

use crate::commands::validate::FieldProblem;
use std::collections::HashMap;

/// Checks one field against its rule.
pub fn check(rule: &str, value: &str, context: &HashMap<String, String>) -> Option<FieldProblem> {
    let _ = (rule, value, context);
    // TODO: call jszg-core once its parsers land; until then nothing is checked here and
    // the server remains the only judge.
    None
}

/// Computes the end date of a validity period.
pub fn end_date(period: &str, start_date: &str) -> Option<String> {
    let _ = (period, start_date);
    None
}
