//! Applicant endpoints of manual review under `/api/v1/manual-reviews`.

use super::form::read_submission;
use super::{photos, records, submit};
use crate::applicant;
use crate::error::{AppError, AppResult};
use crate::http::recorded_response::Idempotency;
use crate::sessions::Applicant as SignedInApplicant;
use crate::state::AppState;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use jszg_api::review::{PhotoSide, ReviewSubmitted, ReviewSummary};
use jszg_core::beijing::beijing_date;

/// Request body limit of a submission: three photos under 190 KB each plus the text,
/// with room for an oversized photo to reach the photo check and get its own error.
const FORM_LIMIT_BYTES: usize = 4 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/manual-reviews",
            get(list_own)
                .post(submit_review)
                .layer(DefaultBodyLimit::max(FORM_LIMIT_BYTES)),
        )
        .route("/manual-reviews/{id}", get(read_own))
        .route("/manual-reviews/{id}/photos/{side}", get(read_own_photo))
}

fn not_found() -> AppError {
    AppError::new(
        StatusCode::NOT_FOUND,
        "review.not_found",
        "未找到该人工审核申请。",
    )
}

/// Submits a manual review (multipart form with three JPEG photos).
#[utoipa::path(post, path = "/api/v1/manual-reviews", tag = "manual reviews",
    request_body(content_type = "multipart/form-data", description = "name, validity_period, validity_start, reason, side_a, side_b, handheld"),
    responses((status = 201, body = ReviewSubmitted),
        (status = 400, description = "A field or photo breaks a rule", body = jszg_api::ErrorBody),
        (status = 403, description = "review.not_open", body = jszg_api::ErrorBody),
        (status = 409, description = "review.pending", body = jszg_api::ErrorBody),
        (status = 429, description = "review.period_limit", body = jszg_api::ErrorBody)))]
pub async fn submit_review(
    State(state): State<AppState>,
    SignedInApplicant(session): SignedInApplicant,
    idempotency: Idempotency,
    multipart: Multipart,
) -> AppResult<(StatusCode, Json<ReviewSubmitted>)> {
    let mut connection = state.db.pool.acquire().await?;
    let applicant = applicant::load(&mut connection, &state.keys, &session.subject_id).await?;
    drop(connection);
    let today = beijing_date(state.clock.now());
    let submission = read_submission(
        multipart,
        applicant.document_type,
        applicant.birth_date,
        today,
    )
    .await?;
    let submitted = submit::submit(&state, &applicant, submission, &idempotency).await?;
    Ok((StatusCode::CREATED, Json(submitted)))
}

/// Lists the signed-in applicant's reviews, newest first.
#[utoipa::path(get, path = "/api/v1/manual-reviews", tag = "manual reviews",
    responses((status = 200, body = Vec<ReviewSummary>)))]
pub async fn list_own(
    State(state): State<AppState>,
    SignedInApplicant(session): SignedInApplicant,
) -> AppResult<Json<Vec<ReviewSummary>>> {
    let mut connection = state.db.pool.acquire().await?;
    Ok(Json(
        records::list_for_account(&mut connection, &session.subject_id).await?,
    ))
}

/// Reads one of the signed-in applicant's reviews; another applicant's is not found.
#[utoipa::path(get, path = "/api/v1/manual-reviews/{id}", tag = "manual reviews",
    responses((status = 200, body = ReviewSummary), (status = 404, body = jszg_api::ErrorBody)))]
pub async fn read_own(
    State(state): State<AppState>,
    SignedInApplicant(session): SignedInApplicant,
    Path(id): Path<String>,
) -> AppResult<Json<ReviewSummary>> {
    let mut connection = state.db.pool.acquire().await?;
    match records::find(&mut connection, &id).await? {
        Some(stored) if stored.account_id == session.subject_id => Ok(Json(stored.summary)),
        _ => Err(not_found()),
    }
}

/// Returns one photo of the signed-in applicant's own review as `image/jpeg`.
#[utoipa::path(get, path = "/api/v1/manual-reviews/{id}/photos/{side}", tag = "manual reviews",
    responses((status = 200, content_type = "image/jpeg"), (status = 404, body = jszg_api::ErrorBody)))]
pub async fn read_own_photo(
    State(state): State<AppState>,
    SignedInApplicant(session): SignedInApplicant,
    Path((id, side)): Path<(String, String)>,
) -> AppResult<Response> {
    let side = PhotoSide::from_part_name(&side).ok_or_else(not_found)?;
    let mut connection = state.db.pool.acquire().await?;
    match records::find(&mut connection, &id).await? {
        Some(stored) if stored.account_id == session.subject_id => {}
        _ => return Err(not_found()),
    }
    let bytes = photos::load(&mut connection, &state.keys, &id, side)
        .await?
        .ok_or_else(not_found)?;
    Ok(photos::jpeg_response(bytes))
}
