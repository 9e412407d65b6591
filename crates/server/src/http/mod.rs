//! Router assembly and the layers every request passes through.

pub mod admin;
pub mod health;
pub mod idempotency;
pub mod json_body;
pub mod recorded_response;
pub mod span;

use crate::state::AppState;
use axum::middleware;
use axum::Router;

/// Every route group of the API, relative to `/api/v1`. A feature adds its group here
/// with one `.merge(...)` line.
fn mount() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(crate::openapi::router())
        .merge(crate::outbox::inbox::router())
        .merge(crate::captcha::router())
        .merge(crate::codes::routes::router())
        .merge(crate::accounts::router())
        .merge(crate::sessions::router())
        .merge(crate::review_api::router())
        .merge(crate::recovery::http::router())
}

/// The complete application: `/api/v1` routes, idempotent POSTs, one span per request.
pub fn app(state: AppState) -> Router {
    Router::new()
        .nest("/api/v1", mount())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            idempotency::replay_or_run,
        ))
        .layer(middleware::from_fn(span::trace_request))
        .with_state(state)
}
