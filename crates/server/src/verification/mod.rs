//! Real-name verification (实名核验) against the identity register.

pub mod attempt;
pub mod help;
pub mod limits;
pub mod routes;
pub mod state;
