//! The WeChat service account: callback signature checks and message formats.

pub mod message;
pub mod signature;
