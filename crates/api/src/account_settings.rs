//! Changes a signed-in applicant makes to their own password and contact details.

use serde::{Deserialize, Serialize};

/// `PUT /api/v1/account/password`. Every other session of the account ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
    pub new_password_confirmation: String,
}

/// Which contact a change concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Email,
    Phone,
}

/// `POST /api/v1/account/contact-codes`: send a code to the new email or phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactCodeRequest {
    pub kind: ContactKind,
    /// The new email address or phone number.
    pub value: String,
}

/// `PUT /api/v1/account/email` and `PUT /api/v1/account/phone`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeContactRequest {
    pub current_password: String,
    /// The new email address or phone number, as typed.
    pub value: String,
    /// The code sent to the new contact.
    pub code: String,
}

/// The stored contact after a change, masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactChanged {
    pub kind: ContactKind,
    pub masked_value: String,
}
