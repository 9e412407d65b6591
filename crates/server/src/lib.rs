//! The central server as a library, so the desktop app can embed it for local use.
//!
//! [`start`] opens the database, prepares the HTTPS certificate and serves the API under
//! `/api/v1`; the `jszg-server` binary and the desktop app both call it.

pub mod accounts;
pub mod applicant;
pub mod audit;
pub mod captcha;
pub mod channels;
pub mod check;
pub mod cli;
pub mod clock;
pub mod codes;
pub mod config;
pub mod contact_change;
pub mod crypto;
pub mod db;
pub mod error;
pub mod hooks;
pub mod housekeeping;
pub mod http;
pub mod legacy;
pub mod openapi;
pub mod outbox;
pub mod recovery;
pub mod register;
pub mod review;
pub mod review_api;
mod server;
pub mod sessions;
pub mod shutdown;
pub mod staff;
pub mod state;
pub mod tls;
pub mod verification;
pub mod wechat;

pub use config::Config;
pub use server::{start, start_with, RunningServer, StartOptions};
