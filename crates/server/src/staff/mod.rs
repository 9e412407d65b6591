//! Staff accounts (reviewers and administrators), their sign-in, and the two review
//! queues they work.

pub mod accounts;
pub mod auth;
pub mod claims;
pub mod command;
pub mod contact_changes;
pub mod reasons;
pub mod review_desk;
pub mod routes;
pub mod settings;
pub mod signin;
pub mod totp;
