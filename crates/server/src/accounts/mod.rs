//! Applicant accounts: registration and the profile.

pub mod profile;
pub mod register;

use crate::crypto::lookup_hash;
use crate::crypto::Keys;
use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/accounts", post(register::register))
        .route(
            "/profile",
            get(profile::read_profile).put(profile::update_profile),
        )
}

/// Computes the keyed hash that finds an account by its normalised document number.
pub fn document_lookup(keys: &Keys, number: &str) -> String {
    lookup_hash(keys, &format!("document:{number}"))
}
