//! Domain rules of the teacher-qualification account system, as pure functions with no
//! I/O and no async.
//!
//! Every rejected input is an error enum that implements [`Rule`]: a stable machine
//! code, the form field it belongs to, a Chinese message for the applicant and an
//! English `Display` for logs. Rules that depend on "now" take the current date or
//! time as a parameter.

pub mod account;
pub mod beijing;
pub mod calendar;
pub mod code;
pub mod contact;
pub mod document;
pub mod error;
pub mod ethnicity;
pub mod local_id;
pub mod manual_review;
pub mod mask;
pub mod name;
pub mod password;
pub mod region;
pub mod review_period;
pub mod validity;

mod text;

pub use calendar::WorkingCalendar;
pub use contact::{Email, EmailError, Phone, PhoneError};
pub use document::{DocumentError, DocumentNumber, DocumentType, Gender};
pub use error::{Rule, Violation};
pub use ethnicity::Ethnicity;
pub use local_id::LocalIdNumber;
pub use name::{NameError, PersonName};
pub use region::{Region, RegionCode};
pub use review_period::ReviewPeriod;
pub use validity::ValidityPeriod;
