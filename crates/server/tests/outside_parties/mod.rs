//! Stand-ins for the outside parties the server talks to, started by tests on
//! 127.0.0.1: an SMTP receiver and an SMS gateway.
#![allow(dead_code)]

pub mod sms_gateway;
pub mod smtp_receiver;
