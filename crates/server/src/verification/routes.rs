//! Applicant endpoints of real-name verification under `/api/v1/verification`.

use super::attempt::{register_document, verify};
use super::limits::attempts_left;
use super::state::{history, load_state};
use crate::applicant;
use crate::error::AppResult;
use crate::http::json_body::JsonBody;
use crate::review::eligibility::review_open;
use crate::review::limits::reviews_left;
use crate::review::lock::pending_review_id;
use crate::review::records::list_for_account;
use crate::sessions::Applicant as SignedInApplicant;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use jszg_api::review::ReviewStatus;
use jszg_api::verification::{VerificationRequest, VerificationResponse, VerificationStatus};
use jszg_core::beijing::beijing_date;
use jszg_core::mask::mask_document_number;
use jszg_core::review_period::ReviewPeriod;

pub fn router() -> Router<AppState> {
    Router::new().route("/verification", get(read_status).post(run_verification))
}

/// Runs one real-name verification attempt with the name the applicant confirmed.
#[utoipa::path(post, path = "/api/v1/verification", tag = "verification",
    request_body = VerificationRequest,
    responses((status = 200, body = VerificationResponse),
        (status = 400, description = "The name breaks a name rule", body = jszg_api::ErrorBody),
        (status = 409, description = "review.pending or verification.travel_permit_missing", body = jszg_api::ErrorBody),
        (status = 429, description = "verification.daily_limit", body = jszg_api::ErrorBody),
        (status = 503, description = "verification.register_unavailable; no attempt used", body = jszg_api::ErrorBody)))]
pub async fn run_verification(
    State(state): State<AppState>,
    SignedInApplicant(session): SignedInApplicant,
    JsonBody(request): JsonBody<VerificationRequest>,
) -> AppResult<Json<VerificationResponse>> {
    Ok(Json(
        verify(&state, &session.subject_id, &request.name).await?,
    ))
}

/// Reads the verification page: state, attempts left today, reviews left this period,
/// history and reviews.
#[utoipa::path(get, path = "/api/v1/verification", tag = "verification",
    responses((status = 200, body = VerificationStatus)))]
pub async fn read_status(
    State(state): State<AppState>,
    SignedInApplicant(session): SignedInApplicant,
) -> AppResult<Json<VerificationStatus>> {
    let account_id = session.subject_id.as_str();
    let now = state.clock.now();
    let today = beijing_date(now);
    let period = ReviewPeriod::containing(now);
    let mut connection = state.db.pool.acquire().await?;
    let applicant = applicant::load(&mut connection, &state.keys, account_id).await?;
    let verification = load_state(&mut connection, account_id).await?;
    let pending = pending_review_id(&mut connection, account_id)
        .await?
        .is_some();
    let reviews = list_for_account(&mut connection, account_id).await?;
    let (document, number) = match register_document(&applicant) {
        Ok((document, number)) => (document.as_str().to_string(), mask_document_number(&number)),
        Err(_) => (applicant.document_type.code().to_string(), String::new()),
    };
    Ok(Json(VerificationStatus {
        verified: verification.verified_by().is_some(),
        verified_by: verification.verified_by(),
        checked_document_type: document,
        checked_document_number_masked: number,
        name: applicant.name.clone(),
        attempts_left_today: attempts_left(&mut connection, account_id, today).await? as u32,
        today,
        manual_review_open: review_open(
            applicant.document_type,
            verification.failed_attempts,
            pending,
        ),
        reviews_left_this_period: reviews_left(&mut connection, account_id, &period.key()).await?
            as u32,
        period_start: period.first_day(),
        period_end: period
            .next()
            .first_day()
            .pred_opt()
            .unwrap_or(period.first_day()),
        pending_review: reviews
            .iter()
            .find(|review| review.status == ReviewStatus::Pending)
            .cloned(),
        history: history(&mut connection, account_id).await?,
        reviews,
    }))
}
