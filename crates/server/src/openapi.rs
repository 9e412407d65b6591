//! The OpenAPI document of the HTTP API, served at `/api/v1/openapi.json` and printed
//! by `jszg-server openapi`. A feature lists its handlers in `paths(...)` and its wire
//! types in `schemas(...)`.

use crate::state::AppState;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "jszg account service",
        description = "Accounts of the teacher-qualification service. Errors are an HTTP status and an ErrorBody."
    ),
    paths(crate::http::health::health,),
    components(schemas(jszg_api::ErrorBody, jszg_api::HealthResponse, jszg_api::InboxMessage,))
)]
pub struct ApiDoc;

/// Renders the OpenAPI document as pretty-printed JSON.
pub fn document_json() -> String {
    full_document()
        .to_pretty_json()
        .expect("the OpenAPI document serialises")
}

/// The foundation's document with the paths of each feature merged in.
pub fn full_document() -> utoipa::openapi::OpenApi {
    let mut document = ApiDoc::openapi();
    document.merge(crate::review_api::ReviewApiDoc::openapi());
    document
}

async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(full_document())
}

pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(openapi_json))
}
