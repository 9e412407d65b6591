//! Staff endpoints under `/api/v1/staff`.

use super::auth::StaffAuth;
use super::{claim_release, queue, reasons, review_desk, signin};
use crate::error::{AppError, AppResult};
use crate::http::json_body::JsonBody;
use crate::review::photos::jpeg_response;
use crate::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use jszg_api::review::PhotoSide;
use jszg_api::staff::{
    Claim, ClaimReleased, DecisionRecorded, DecisionRequest, QueueFilter, QueueKind, QueuePage,
    ReasonPreset, StaffReviewDetail, StaffSession, StaffSignInRequest,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/sessions", post(sign_in))
        .route("/staff/sessions/current", delete(sign_out))
        .route("/staff/reasons", get(list_reasons))
        .route("/staff/manual-reviews", get(review_queue))
        .route("/staff/manual-reviews/{id}", get(review_detail))
        .route("/staff/manual-reviews/{id}/claim", post(claim_review))
        .route(
            "/staff/manual-reviews/{id}/claim/release",
            post(release_review),
        )
        .route(
            "/staff/manual-reviews/{id}/photos/{side}",
            get(review_photo),
        )
        .route("/staff/manual-reviews/{id}/decision", post(decide_review))
        .merge(super::contact_routes::router())
        .merge(super::admin_routes::router())
}

/// Reads the queue filter and rejects a malformed one with `queue.filter_invalid`.
pub fn queue_filter(query: Result<Query<QueueFilter>, QueryRejection>) -> AppResult<QueueFilter> {
    query.map(|Query(filter)| filter).map_err(|rejection| {
        tracing::info!(error = %rejection, "queue filter unreadable");
        AppError::bad_request(
            "queue.filter_invalid",
            "筛选条件无效：state 须为 pending、claimed 或 decided，limit 与 offset 须为整数。",
        )
    })
}

pub fn claim_minutes(state: &AppState) -> i64 {
    state.config.staff.claim_minutes
}

/// Signs a staff member in with username, password and TOTP code.
#[utoipa::path(post, path = "/api/v1/staff/sessions", tag = "staff",
    request_body = StaffSignInRequest,
    responses((status = 200, body = StaffSession),
        (status = 401, description = "staff.sign_in_failed", body = jszg_api::ErrorBody)))]
pub async fn sign_in(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<StaffSignInRequest>,
) -> AppResult<Json<StaffSession>> {
    Ok(Json(signin::sign_in(&state, &request).await?))
}

/// Ends the current staff session.
#[utoipa::path(delete, path = "/api/v1/staff/sessions/current", tag = "staff",
    responses((status = 204)))]
pub async fn sign_out(State(state): State<AppState>, staff: StaffAuth) -> AppResult<StatusCode> {
    signin::sign_out(&state, &staff.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Lists the preset reasons.
#[utoipa::path(get, path = "/api/v1/staff/reasons", tag = "staff",
    responses((status = 200, body = Vec<ReasonPreset>)))]
pub async fn list_reasons(_staff: StaffAuth) -> Json<Vec<ReasonPreset>> {
    Json(reasons::presets())
}

/// Lists manual reviews: undecided ones oldest deadline first, or by state; with the
/// queue's counts.
#[utoipa::path(get, path = "/api/v1/staff/manual-reviews", tag = "staff",
    params(QueueFilter),
    responses((status = 200, body = QueuePage),
        (status = 400, description = "queue.filter_invalid", body = jszg_api::ErrorBody),
        (status = 401, description = "staff.unauthorized", body = jszg_api::ErrorBody)))]
pub async fn review_queue(
    State(state): State<AppState>,
    _staff: StaffAuth,
    query: Result<Query<QueueFilter>, QueryRejection>,
) -> AppResult<Json<QueuePage>> {
    let filter = queue_filter(query)?;
    Ok(Json(
        queue::list(&state, QueueKind::ManualReview, &filter).await?,
    ))
}

/// Reads a manual review with the applicant's data.
#[utoipa::path(get, path = "/api/v1/staff/manual-reviews/{id}", tag = "staff",
    responses((status = 200, body = StaffReviewDetail), (status = 404, body = jszg_api::ErrorBody)))]
pub async fn review_detail(
    State(state): State<AppState>,
    staff: StaffAuth,
    Path(id): Path<String>,
) -> AppResult<Json<StaffReviewDetail>> {
    Ok(Json(review_desk::detail(&state, &staff, &id).await?))
}

/// Claims a manual review for the configured number of minutes.
#[utoipa::path(post, path = "/api/v1/staff/manual-reviews/{id}/claim", tag = "staff",
    responses((status = 200, body = Claim),
        (status = 409, description = "claim.taken (held by another reviewer until HH:MM) or review.already_decided", body = jszg_api::ErrorBody)))]
pub async fn claim_review(
    State(state): State<AppState>,
    staff: StaffAuth,
    Path(id): Path<String>,
) -> AppResult<Json<Claim>> {
    let expires_at = review_desk::claim(&state, &staff, &id, claim_minutes(&state)).await?;
    Ok(Json(Claim {
        kind: QueueKind::ManualReview,
        id,
        claim_expires_at: crate::clock::from_ms(expires_at),
    }))
}

/// Releases the caller's claim on a manual review; releasing again is not an error.
#[utoipa::path(post, path = "/api/v1/staff/manual-reviews/{id}/claim/release", tag = "staff",
    responses((status = 200, body = ClaimReleased),
        (status = 404, description = "review.not_found", body = jszg_api::ErrorBody),
        (status = 409, description = "claim.not_holder", body = jszg_api::ErrorBody)))]
pub async fn release_review(
    State(state): State<AppState>,
    staff: StaffAuth,
    Path(id): Path<String>,
) -> AppResult<Json<ClaimReleased>> {
    Ok(Json(
        claim_release::release(&state, &staff, QueueKind::ManualReview, &id).await?,
    ))
}

/// Returns one photo of a manual review as `image/jpeg`.
#[utoipa::path(get, path = "/api/v1/staff/manual-reviews/{id}/photos/{side}", tag = "staff",
    responses((status = 200, content_type = "image/jpeg"), (status = 404, body = jszg_api::ErrorBody)))]
pub async fn review_photo(
    State(state): State<AppState>,
    staff: StaffAuth,
    Path((id, side)): Path<(String, String)>,
) -> AppResult<Response> {
    let side = PhotoSide::from_part_name(&side).ok_or_else(|| {
        AppError::new(StatusCode::NOT_FOUND, "review.not_found", "未找到该照片。")
    })?;
    Ok(jpeg_response(
        review_desk::photo(&state, &staff, &id, side).await?,
    ))
}

/// Approves or rejects a claimed manual review.
#[utoipa::path(post, path = "/api/v1/staff/manual-reviews/{id}/decision", tag = "staff",
    request_body = DecisionRequest,
    responses((status = 200, body = DecisionRecorded),
        (status = 400, description = "decision.reason_required, decision.reason_unknown", body = jszg_api::ErrorBody),
        (status = 409, description = "claim.required or review.already_decided", body = jszg_api::ErrorBody)))]
pub async fn decide_review(
    State(state): State<AppState>,
    staff: StaffAuth,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<DecisionRequest>,
) -> AppResult<Json<DecisionRecorded>> {
    Ok(Json(
        review_desk::decide(&state, &staff, &id, &request).await?,
    ))
}
