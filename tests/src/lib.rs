//! Helpers for the end-to-end tests: tauri-driver, the app under test and waiting
//! for conditions in its window.
//!
//! The tests need `DISPLAY` (Xvfb), `JSZG_TAURI_DRIVER` (the tauri-driver binary) and
//! the desktop binary built beside the test executable, which `cargo test --workspace`
//! does; `JSZG_DESK_BIN` overrides its path.

mod driver;
pub mod journey;
mod window;

pub use driver::{free_port, Harness};
pub use window::Window;
