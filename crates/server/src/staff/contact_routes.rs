//! Staff endpoints of the contact change queue under `/api/v1/staff/contact-changes`.

use super::auth::StaffAuth;
use super::routes::{claim_minutes, queue_filter};
use super::{claim_release, contact_changes, queue};
use crate::contact_change::fill_missing_deadlines;
use crate::error::AppResult;
use crate::http::json_body::JsonBody;
use crate::review::photos::jpeg_response;
use crate::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use jszg_api::staff::{
    Claim, ClaimReleased, DecisionRecorded, DecisionRequest, QueueFilter, QueueKind, QueuePage,
    StaffContactChangeDetail,
};

const KIND: QueueKind = QueueKind::ContactChange;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/contact-changes", get(contact_change_queue))
        .route("/staff/contact-changes/{id}", get(contact_change_detail))
        .route(
            "/staff/contact-changes/{id}/photo",
            get(contact_change_photo),
        )
        .route(
            "/staff/contact-changes/{id}/claim",
            post(claim_contact_change),
        )
        .route(
            "/staff/contact-changes/{id}/claim/release",
            post(release_contact_change),
        )
        .route(
            "/staff/contact-changes/{id}/decision",
            post(decide_contact_change),
        )
}

/// Lists contact change requests: undecided ones oldest deadline first (1 working
/// day), or by state; with the queue's counts.
#[utoipa::path(get, path = "/api/v1/staff/contact-changes", tag = "staff",
    params(QueueFilter),
    responses((status = 200, body = QueuePage),
        (status = 400, description = "queue.filter_invalid", body = jszg_api::ErrorBody),
        (status = 401, description = "staff.unauthorized", body = jszg_api::ErrorBody)))]
pub async fn contact_change_queue(
    State(state): State<AppState>,
    _staff: StaffAuth,
    query: Result<Query<QueueFilter>, QueryRejection>,
) -> AppResult<Json<QueuePage>> {
    let filter = queue_filter(query)?;
    fill_missing_deadlines(&state.db).await?;
    Ok(Json(queue::list(&state, KIND, &filter).await?))
}

/// Reads a request with the applicant's declared data. Audited.
#[utoipa::path(get, path = "/api/v1/staff/contact-changes/{id}", tag = "staff",
    responses((status = 200, body = StaffContactChangeDetail),
        (status = 404, description = "contact_change.not_found", body = jszg_api::ErrorBody)))]
pub async fn contact_change_detail(
    State(state): State<AppState>,
    staff: StaffAuth,
    Path(id): Path<String>,
) -> AppResult<Json<StaffContactChangeDetail>> {
    Ok(Json(contact_changes::detail(&state, &staff, &id).await?))
}

/// Returns the photo of the applicant holding the document as `image/jpeg`. Every view
/// is audited.
#[utoipa::path(get, path = "/api/v1/staff/contact-changes/{id}/photo", tag = "staff",
    responses((status = 200, content_type = "image/jpeg"),
        (status = 404, description = "contact_change.not_found", body = jszg_api::ErrorBody)))]
pub async fn contact_change_photo(
    State(state): State<AppState>,
    staff: StaffAuth,
    Path(id): Path<String>,
) -> AppResult<Response> {
    Ok(jpeg_response(
        contact_changes::photo(&state, &staff, &id).await?,
    ))
}

/// Claims a contact change request for the configured number of minutes.
#[utoipa::path(post, path = "/api/v1/staff/contact-changes/{id}/claim", tag = "staff",
    responses((status = 200, body = Claim),
        (status = 404, description = "contact_change.not_found", body = jszg_api::ErrorBody),
        (status = 409, description = "claim.taken (held by another reviewer until HH:MM) or contact_change.already_decided", body = jszg_api::ErrorBody)))]
pub async fn claim_contact_change(
    State(state): State<AppState>,
    staff: StaffAuth,
    Path(id): Path<String>,
) -> AppResult<Json<Claim>> {
    let expires_at = contact_changes::claim(&state, &staff, &id, claim_minutes(&state)).await?;
    Ok(Json(Claim {
        kind: KIND,
        id,
        claim_expires_at: crate::clock::from_ms(expires_at),
    }))
}

/// Releases the caller's claim on a contact change request; releasing again is not an
/// error.
#[utoipa::path(post, path = "/api/v1/staff/contact-changes/{id}/claim/release", tag = "staff",
    responses((status = 200, body = ClaimReleased),
        (status = 404, description = "contact_change.not_found", body = jszg_api::ErrorBody),
        (status = 409, description = "claim.not_holder", body = jszg_api::ErrorBody)))]
pub async fn release_contact_change(
    State(state): State<AppState>,
    staff: StaffAuth,
    Path(id): Path<String>,
) -> AppResult<Json<ClaimReleased>> {
    Ok(Json(
        claim_release::release(&state, &staff, KIND, &id).await?,
    ))
}

/// Approves or rejects a claimed contact change request.
#[utoipa::path(post, path = "/api/v1/staff/contact-changes/{id}/decision", tag = "staff",
    request_body = DecisionRequest,
    responses((status = 200, body = DecisionRecorded),
        (status = 400, description = "decision.reason_required, decision.reason_unknown, decision.reason_too_long", body = jszg_api::ErrorBody),
        (status = 404, description = "contact_change.not_found", body = jszg_api::ErrorBody),
        (status = 409, description = "claim.required, contact_change.already_decided or contact_change.application_on_file", body = jszg_api::ErrorBody)))]
pub async fn decide_contact_change(
    State(state): State<AppState>,
    staff: StaffAuth,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<DecisionRequest>,
) -> AppResult<Json<DecisionRecorded>> {
    Ok(Json(
        contact_changes::decide(&state, &staff, &id, &request).await?,
    ))
}
