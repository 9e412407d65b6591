//! Staff endpoints under `/api/v1/staff`.

use super::auth::StaffAuth;
use super::{contact_changes, reasons, review_desk, signin};
use crate::error::{AppError, AppResult};
use crate::review::photos::jpeg_response;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use jszg_api::review::PhotoSide;
use jszg_api::staff::{
    Claim, DecisionRecorded, DecisionRequest, QueueItem, QueueKind, ReasonPreset,
    StaffReviewDetail, StaffSession, StaffSignInRequest,
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
            "/staff/manual-reviews/{id}/photos/{side}",
            get(review_photo),
        )
        .route("/staff/manual-reviews/{id}/decision", post(decide_review))
        .route("/staff/contact-changes", get(contact_change_queue))
        .route(
            "/staff/contact-changes/{id}/claim",
            post(claim_contact_change),
        )
        .route(
            "/staff/contact-changes/{id}/decision",
            post(decide_contact_change),
        )
}

fn claim_minutes(state: &AppState) -> i64 {
    state.config.staff.claim_minutes
}

/// Signs a staff member in with username, password and TOTP code.
#[utoipa::path(post, path = "/api/v1/staff/sessions", tag = "staff",
    request_body = StaffSignInRequest,
    responses((status = 200, body = StaffSession),
        (status = 401, description = "staff.sign_in_failed", body = jszg_api::ErrorBody)))]
pub async fn sign_in(
    State(state): State<AppState>,
    Json(request): Json<StaffSignInRequest>,
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

/// Lists pending manual reviews, oldest deadline first.
#[utoipa::path(get, path = "/api/v1/staff/manual-reviews", tag = "staff",
    responses((status = 200, body = Vec<QueueItem>)))]
pub async fn review_queue(
    State(state): State<AppState>,
    _staff: StaffAuth,
) -> AppResult<Json<Vec<QueueItem>>> {
    Ok(Json(review_desk::queue(&state).await?))
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
        (status = 409, description = "claim.taken or review.already_decided", body = jszg_api::ErrorBody)))]
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
    Json(request): Json<DecisionRequest>,
) -> AppResult<Json<DecisionRecorded>> {
    Ok(Json(
        review_desk::decide(&state, &staff, &id, &request).await?,
    ))
}

/// Lists pending contact change requests, oldest deadline first.
#[utoipa::path(get, path = "/api/v1/staff/contact-changes", tag = "staff",
    responses((status = 200, body = Vec<QueueItem>)))]
pub async fn contact_change_queue(
    State(state): State<AppState>,
    _staff: StaffAuth,
) -> AppResult<Json<Vec<QueueItem>>> {
    Ok(Json(contact_changes::queue(&state).await?))
}

/// Claims a contact change request.
#[utoipa::path(post, path = "/api/v1/staff/contact-changes/{id}/claim", tag = "staff",
    responses((status = 200, body = Claim), (status = 409, body = jszg_api::ErrorBody)))]
pub async fn claim_contact_change(
    State(state): State<AppState>,
    staff: StaffAuth,
    Path(id): Path<String>,
) -> AppResult<Json<Claim>> {
    let expires_at = contact_changes::claim(&state, &staff, &id, claim_minutes(&state)).await?;
    Ok(Json(Claim {
        kind: QueueKind::ContactChange,
        id,
        claim_expires_at: crate::clock::from_ms(expires_at),
    }))
}

/// Approves or rejects a claimed contact change request.
#[utoipa::path(post, path = "/api/v1/staff/contact-changes/{id}/decision", tag = "staff",
    request_body = DecisionRequest,
    responses((status = 200, body = DecisionRecorded), (status = 409, body = jszg_api::ErrorBody)))]
pub async fn decide_contact_change(
    State(state): State<AppState>,
    staff: StaffAuth,
    Path(id): Path<String>,
    Json(request): Json<DecisionRequest>,
) -> AppResult<Json<DecisionRecorded>> {
    Ok(Json(
        contact_changes::decide(&state, &staff, &id, &request).await?,
    ))
}
