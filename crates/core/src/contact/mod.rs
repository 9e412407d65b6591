//! Contact details: the security email and the mobile number.

mod email;
mod phone;
#[cfg(test)]
mod tests;

pub use email::{Email, EmailError, MAX_EMAIL_CHARS, WEBMAIL_DOMAINS};
pub use phone::{Phone, PhoneError};
