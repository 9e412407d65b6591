//! Staff accounts (reviewers and administrators), their sign-in, the two review queues
//! they work, and the administrators' pages.

pub mod accounts;
pub mod admin;
pub mod admin_routes;
pub mod auth;
pub mod claim_release;
pub mod claims;
pub mod command;
pub mod contact_changes;
pub mod contact_routes;
pub mod queue;
pub mod reasons;
pub mod review_desk;
pub mod routes;
pub mod settings;
pub mod signin;
pub mod totp;
