//! Legacy accounts: registered before 1 March 2019 on the old system. Their holders
//! cannot reset the password and must register again, which replaces the legacy account.

pub mod command;
pub mod import;
pub mod rows;
