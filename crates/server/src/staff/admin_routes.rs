//! Administrator endpoints under `/api/v1/staff/admin`.

use super::admin::{self, StaffAdmin};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use jszg_api::staff_admin::{AuditCheck, AuditPage, AuditQuery, StaffMember};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/admin/staff", get(staff_list))
        .route("/staff/admin/audit", get(audit_page))
        .route("/staff/admin/audit/check", post(audit_check))
}

/// Lists the staff accounts: name, role, creation, last sign-in; never a secret.
#[utoipa::path(get, path = "/api/v1/staff/admin/staff", tag = "staff-admin",
    responses((status = 200, body = Vec<StaffMember>),
        (status = 401, description = "staff.unauthorized", body = jszg_api::ErrorBody),
        (status = 403, description = "staff.admin_only", body = jszg_api::ErrorBody)))]
pub async fn staff_list(
    State(state): State<AppState>,
    _admin: StaffAdmin,
) -> AppResult<Json<Vec<StaffMember>>> {
    Ok(Json(admin::staff_list(&state).await?))
}

/// One page of the audit log, newest first, filtered by actor, action and dates.
#[utoipa::path(get, path = "/api/v1/staff/admin/audit", tag = "staff-admin",
    params(AuditQuery),
    responses((status = 200, body = AuditPage),
        (status = 400, description = "audit.query_invalid", body = jszg_api::ErrorBody),
        (status = 403, description = "staff.admin_only", body = jszg_api::ErrorBody)))]
pub async fn audit_page(
    State(state): State<AppState>,
    _admin: StaffAdmin,
    query: Result<Query<AuditQuery>, QueryRejection>,
) -> AppResult<Json<AuditPage>> {
    let Query(query) = query.map_err(|rejection| {
        tracing::info!(error = %rejection, "audit query unreadable");
        AppError::bad_request(
            "audit.query_invalid",
            "查询条件无效：日期须为 YYYY-MM-DD，page 与 per_page 须为整数。",
        )
    })?;
    Ok(Json(admin::audit_page(&state, &query).await?))
}

/// Checks the audit log's hash chain: ok, or the first broken entry.
#[utoipa::path(post, path = "/api/v1/staff/admin/audit/check", tag = "staff-admin",
    responses((status = 200, body = AuditCheck),
        (status = 403, description = "staff.admin_only", body = jszg_api::ErrorBody)))]
pub async fn audit_check(
    State(state): State<AppState>,
    StaffAdmin(admin): StaffAdmin,
) -> AppResult<Json<AuditCheck>> {
    Ok(Json(admin::audit_check(&state, &admin).await?))
}
