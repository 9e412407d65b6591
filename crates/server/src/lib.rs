//! The central server as a library, so the desktop app can embed it for local use.
pub mod channels;
