//! Manual review (人工审核): submission with three photos, the per-period limit, the
//! pending lock, and the records staff decide on.

pub mod eligibility;
pub mod form;
pub mod limits;
pub mod lock;
pub mod photos;
pub mod records;
pub mod routes;
pub mod submit;
