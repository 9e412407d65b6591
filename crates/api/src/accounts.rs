//! Registration and the applicant's profile.

use serde::{Deserialize, Serialize};

/// `POST /api/v1/accounts`. Enumerations are sent as their codes: `document_type` one of
/// `resident_id_card`, `hk_macao_residence_permit`, `taiwan_residence_permit`,
/// `hk_macao_travel_permit`, `taiwan_travel_permit`; `validity_period` one of
/// `five_years`, `ten_years`, `twenty_years`, `long_term`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterRequest {
    pub document_type: String,
    pub document_number: String,
    pub name: String,
    pub validity_period: String,
    /// Start date of the document's validity, `YYYY-MM-DD`.
    pub validity_start: String,
    pub password: String,
    pub password_confirmation: String,
    pub email: String,
    pub phone: String,
    /// The SMS code sent to `phone` for purpose `register`.
    pub code: String,
    pub agreement_accepted: bool,
}

/// The new account, with the values as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterResponse {
    pub account_id: String,
    pub document_number_masked: String,
    /// The name as stored (interpuncts normalised to U+00B7).
    pub name: String,
    /// Last day of validity, `YYYY-MM-DD`; `None` for long-term.
    pub validity_end: Option<String>,
    /// Codes of non-blocking warnings, such as a validity period unusual for the age.
    pub warnings: Vec<String>,
}

/// `GET /api/v1/profile`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileResponse {
    pub account_id: String,
    pub document_type: String,
    pub document_number_masked: String,
    pub name: String,
    pub validity_period: String,
    pub validity_start: String,
    pub validity_end: Option<String>,
    pub email_masked: String,
    pub phone_masked: String,
    /// `male` or `female`.
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    /// Two-digit ethnicity code, e.g. `01`.
    pub ethnicity: Option<String>,
    /// `hong_kong`, `macao` or `taiwan`, for permit holders.
    pub region: Option<String>,
    pub local_id_number_masked: Option<String>,
    pub travel_permit_number_masked: Option<String>,
    /// Fields still to fill in before the profile is complete.
    pub missing_fields: Vec<String>,
}

/// `PUT /api/v1/profile`: first completion or later edit. Which fields apply depends on
/// the document type; see `docs/api.md`. Fields left `None` keep their value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileUpdate {
    pub ethnicity: Option<String>,
    pub region: Option<String>,
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    pub local_id_number: Option<String>,
    pub travel_permit_number: Option<String>,
}
