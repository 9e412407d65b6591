//! The route group and OpenAPI paths of real-name verification, manual review, staff
//! and business hooks.

use crate::state::AppState;
use axum::Router;
use utoipa::OpenApi;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(crate::verification::routes::router())
        .merge(crate::review::routes::router())
        .merge(crate::staff::routes::router())
        .merge(crate::hooks::router())
}

#[derive(OpenApi)]
#[openapi(
    paths(
        crate::verification::routes::read_status,
        crate::verification::routes::run_verification,
        crate::review::routes::submit_review,
        crate::review::routes::list_own,
        crate::review::routes::read_own,
        crate::review::routes::read_own_photo,
        crate::staff::routes::sign_in,
        crate::staff::routes::sign_out,
        crate::staff::routes::list_reasons,
        crate::staff::routes::review_queue,
        crate::staff::routes::review_detail,
        crate::staff::routes::claim_review,
        crate::staff::routes::review_photo,
        crate::staff::routes::decide_review,
        crate::staff::routes::release_review,
        crate::staff::contact_routes::contact_change_queue,
        crate::staff::contact_routes::contact_change_detail,
        crate::staff::contact_routes::contact_change_photo,
        crate::staff::contact_routes::claim_contact_change,
        crate::staff::contact_routes::release_contact_change,
        crate::staff::contact_routes::decide_contact_change,
        crate::staff::admin_routes::staff_list,
        crate::staff::admin_routes::audit_page,
        crate::staff::admin_routes::audit_check,
        crate::recovery::http::contact_change_status,
        crate::recovery::http::contact_change_photo,
        crate::hooks::verification_status,
        crate::hooks::application_notice,
    ),
    components(schemas(
        jszg_api::verification::VerificationRequest,
        jszg_api::verification::VerificationResponse,
        jszg_api::verification::VerificationOutcome,
        jszg_api::verification::VerificationHelp,
        jszg_api::verification::VerificationStatus,
        jszg_api::verification::VerificationRecord,
        jszg_api::verification::VerifiedBy,
        jszg_api::verification::NameChange,
        jszg_api::review::ReviewSummary,
        jszg_api::review::ReviewSubmitted,
        jszg_api::review::ReviewStatus,
        jszg_api::review::ReviewForm,
        jszg_api::review::PhotoSide,
        jszg_api::staff::StaffSignInRequest,
        jszg_api::staff::StaffSession,
        jszg_api::staff::StaffRole,
        jszg_api::staff::QueueKind,
        jszg_api::staff::QueueItem,
        jszg_api::staff::Claim,
        jszg_api::staff::StaffReviewDetail,
        jszg_api::staff::Decision,
        jszg_api::staff::DecisionRequest,
        jszg_api::staff::DecisionRecorded,
        jszg_api::staff::ReasonPreset,
        jszg_api::staff::QueueState,
        jszg_api::staff::QueueEntry,
        jszg_api::staff::QueueFilter,
        jszg_api::staff::QueueCounts,
        jszg_api::staff::QueuePage,
        jszg_api::staff::ClaimReleased,
        jszg_api::staff::StaffContactChangeDetail,
        jszg_api::staff::ContactChangeHistoryItem,
        jszg_api::staff_admin::StaffMember,
        jszg_api::staff_admin::AuditQuery,
        jszg_api::staff_admin::AuditEntry,
        jszg_api::staff_admin::AuditPage,
        jszg_api::staff_admin::AuditCheck,
        jszg_api::contact_change::ContactChangeTicket,
        jszg_api::contact_change::ContactChangeView,
        jszg_api::contact_change::ContactChangeStatus,
        jszg_api::account_settings::ContactKind,
        jszg_api::hooks::ApplicantLookup,
        jszg_api::hooks::ApplicantVerification,
        jszg_api::hooks::ApplicationNotice,
        jszg_api::hooks::ApplicationFlag,
    ))
)]
pub struct ReviewApiDoc;
