//! Business hooks for the certification and periodic-registration systems: "is this
//! applicant verified?" and "an application is on file / withdrawn". Callers send the
//! shared key from the configuration in the `X-Hook-Key` header.

use crate::applicant;
use crate::audit::{self, AuditEvent};
use crate::error::{AppError, AppResult};
use crate::http::json_body::JsonBody;
use crate::state::AppState;
use crate::verification::state::{ensure_row, load_state};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use jszg_api::hooks::{ApplicantLookup, ApplicantVerification, ApplicationFlag, ApplicationNotice};
use jszg_core::beijing::beijing_date;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

pub const HOOK_KEY_HEADER: &str = "x-hook-key";

/// Proof that the request carried the configured hook key.
pub struct HookAuth;

impl FromRequestParts<AppState> for HookAuth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Some(expected) = state
            .config
            .hooks
            .key
            .as_deref()
            .filter(|key| !key.is_empty())
        else {
            return Err(AppError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "hook.disabled",
                "业务接口未启用。",
            ));
        };
        let given = parts
            .headers
            .get(HOOK_KEY_HEADER)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        // Comparing digests keeps the comparison time independent of where they differ.
        if Sha256::digest(given.as_bytes()) != Sha256::digest(expected.as_bytes()) {
            return Err(AppError::unauthorized(
                "hook.unauthorized",
                "业务接口密钥不正确。",
            ));
        }
        Ok(HookAuth)
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/hooks/verification-status", post(verification_status))
        .route("/hooks/applications", post(application_notice))
}

/// True while an application for certification or registration is on file; contact
/// change requests are then rejected and the applicant changes contacts when signed in.
pub async fn application_on_file(
    connection: &mut AnyConnection,
    account_id: &str,
) -> Result<bool, sqlx::Error> {
    Ok(load_state(connection, account_id)
        .await?
        .application_on_file)
}

/// Tells whether an applicant is verified, and how.
#[utoipa::path(post, path = "/api/v1/hooks/verification-status", tag = "hooks",
    request_body = ApplicantLookup,
    responses((status = 200, body = ApplicantVerification),
        (status = 401, description = "hook.unauthorized", body = jszg_api::ErrorBody)))]
pub async fn verification_status(
    State(state): State<AppState>,
    _hook: HookAuth,
    JsonBody(lookup): JsonBody<ApplicantLookup>,
) -> AppResult<Json<ApplicantVerification>> {
    let mut connection = state.db.pool.acquire().await?;
    let found = applicant::find_by_document(
        &mut connection,
        &state.keys,
        &lookup.document_type,
        &lookup.document_number,
        beijing_date(state.clock.now()),
    )
    .await?;
    let Some(account_id) = found else {
        return Ok(Json(ApplicantVerification {
            account_exists: false,
            verified: false,
            verified_by: None,
            verified_at: None,
            name: None,
        }));
    };
    let applicant = applicant::load(&mut connection, &state.keys, &account_id).await?;
    let verification = load_state(&mut connection, &account_id).await?;
    Ok(Json(ApplicantVerification {
        account_exists: true,
        verified: verification.verified_by().is_some(),
        verified_by: verification.verified_by(),
        verified_at: verification.verified_at().map(crate::clock::from_ms),
        name: Some(applicant.name),
    }))
}

/// Records that an application was filed or withdrawn.
#[utoipa::path(post, path = "/api/v1/hooks/applications", tag = "hooks",
    request_body = ApplicationNotice,
    responses((status = 200, body = ApplicationFlag),
        (status = 404, description = "hook.account_not_found", body = jszg_api::ErrorBody)))]
pub async fn application_notice(
    State(state): State<AppState>,
    _hook: HookAuth,
    JsonBody(notice): JsonBody<ApplicationNotice>,
) -> AppResult<Json<ApplicationFlag>> {
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let account_id = applicant::find_by_document(
        &mut tx,
        &state.keys,
        &notice.document_type,
        &notice.document_number,
        beijing_date(state.clock.now()),
    )
    .await?
    .ok_or_else(|| {
        AppError::new(
            StatusCode::NOT_FOUND,
            "hook.account_not_found",
            "未找到该申请人账号。",
        )
    })?;
    ensure_row(&mut tx, &account_id).await?;
    sqlx::query(
        "UPDATE account_verification SET application_on_file = $1, application_changed_at = $2 \
         WHERE account_id = $3",
    )
    .bind(i64::from(notice.on_file))
    .bind(now_ms)
    .bind(&account_id)
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        now_ms,
        AuditEvent {
            actor: "hook".to_string(),
            action: "application.flag",
            subject: format!("account:{account_id}"),
            detail: json!({ "on_file": notice.on_file }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Json(ApplicationFlag {
        on_file: notice.on_file,
    }))
}
