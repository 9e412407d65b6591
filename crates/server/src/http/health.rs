//! `GET /health`: the instance is up and its database answers.

use crate::db::Backend;
use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use jszg_api::HealthResponse;

#[utoipa::path(get, path = "/api/v1/health", tag = "health",
    responses((status = 200, description = "The server and its database are up", body = HealthResponse)))]
pub async fn health(State(state): State<AppState>) -> AppResult<Json<HealthResponse>> {
    sqlx::query("SELECT 1").execute(&state.db.pool).await?;
    let database = match state.db.backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    Ok(Json(HealthResponse {
        status: "ok".into(),
        database: database.into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}

pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(health))
}
