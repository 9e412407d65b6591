//! `GET /profile` and `PUT /profile`: the applicant's profile, completed after the first
//! sign-in and edited later. Document type and number are read-only.
//!
//! Resident ID card holders give their ethnicity (gender and birth date come from the
//! number). Permit holders give region, gender, birth date, ethnicity and their local
//! identity number, and residence-permit holders also their travel-permit number.

use super::register::{gender_code, parse_date, region_code};
use crate::crypto::{decrypt_text, encrypt};
use crate::db::get;
use crate::error::{AppError, AppResult};
use crate::http::json_body::JsonBody;
use crate::sessions::Applicant;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use jszg_api::{ProfileResponse, ProfileUpdate};
use jszg_core::ethnicity::Ethnicity;
use jszg_core::local_id::LocalIdNumber;
use jszg_core::mask::{mask_document_number, mask_email, mask_phone};
use jszg_core::{DocumentNumber, DocumentType, Gender, Region};
use sqlx::any::AnyRow;

const COLUMNS: &str =
    "id, document_type, document_cipher, document_masked, name, validity_period, \
    validity_start, validity_end, email, phone, gender, birth_date, ethnicity, region, \
    local_id_masked, travel_permit_masked, profile_completed_at";

async fn load(state: &AppState, account_id: &str) -> AppResult<AnyRow> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM accounts WHERE id = $1"))
        .bind(account_id)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or_else(|| AppError::unauthorized("session.required", "请先登录。"))
}

fn document_type(row: &AnyRow) -> AppResult<DocumentType> {
    let code: String = get(row, "document_type")?;
    DocumentType::from_code(&code)
        .ok_or_else(|| anyhow::anyhow!("account has unknown document type {code:?}").into())
}

/// Profile fields the applicant still has to fill in.
fn missing_fields(kind: DocumentType, row: &AnyRow) -> AppResult<Vec<String>> {
    let mut required = vec!["ethnicity"];
    if kind.is_permit() {
        required.extend(["region", "gender", "birth_date", "local_id_number"]);
    }
    if matches!(
        kind,
        DocumentType::HkMacaoResidencePermit | DocumentType::TaiwanResidencePermit
    ) {
        required.push("travel_permit_number");
    }
    let mut missing = Vec::new();
    for field in required {
        let column = match field {
            "local_id_number" => "local_id_masked",
            "travel_permit_number" => "travel_permit_masked",
            other => other,
        };
        let value: Option<String> = get(row, column)?;
        if value.is_none() {
            missing.push(field.to_string());
        }
    }
    Ok(missing)
}

fn response(row: &AnyRow) -> AppResult<ProfileResponse> {
    let kind = document_type(row)?;
    let email: String = get(row, "email")?;
    let phone: String = get(row, "phone")?;
    Ok(ProfileResponse {
        account_id: get(row, "id")?,
        document_type: kind.code().to_string(),
        document_number_masked: get(row, "document_masked")?,
        name: get(row, "name")?,
        validity_period: get(row, "validity_period")?,
        validity_start: get(row, "validity_start")?,
        validity_end: get(row, "validity_end")?,
        email_masked: mask_email(&email),
        phone_masked: mask_phone(&phone),
        gender: get(row, "gender")?,
        birth_date: get(row, "birth_date")?,
        ethnicity: get(row, "ethnicity")?,
        region: get(row, "region")?,
        local_id_number_masked: get(row, "local_id_masked")?,
        travel_permit_number_masked: get(row, "travel_permit_masked")?,
        missing_fields: missing_fields(kind, row)?,
    })
}

#[utoipa::path(get, path = "/api/v1/profile", tag = "profile",
    responses((status = 200, body = ProfileResponse), (status = 401, body = jszg_api::ErrorBody)))]
pub async fn read_profile(
    State(state): State<AppState>,
    Applicant(session): Applicant,
) -> AppResult<Json<ProfileResponse>> {
    let row = load(&state, &session.subject_id).await?;
    Ok(Json(response(&row)?))
}

fn not_applicable(field: &str) -> AppError {
    AppError::bad_request("profile.not_applicable", "您的证件类型无需填写此项。").with_field(field)
}

fn parse_region(code: &str) -> AppResult<Region> {
    serde_json::from_value(serde_json::Value::String(code.to_string())).map_err(|_| {
        AppError::bad_request("region.unknown", "请选择地区（香港、澳门或台湾）。")
            .with_field("region")
    })
}

fn parse_gender(code: &str) -> AppResult<Gender> {
    match code {
        "male" => Ok(Gender::Male),
        "female" => Ok(Gender::Female),
        _ => Err(AppError::bad_request("gender.unknown", "请选择性别。").with_field("gender")),
    }
}

/// The values to store after checking an update against the document.
struct Changes {
    ethnicity: Option<String>,
    region: Option<String>,
    gender: Option<String>,
    birth_date: Option<String>,
    local_id: Option<LocalIdNumber>,
    travel_permit: Option<DocumentNumber>,
}

fn check_update(state: &AppState, row: &AnyRow, update: &ProfileUpdate) -> AppResult<Changes> {
    let kind = document_type(row)?;
    let today = jszg_core::beijing::beijing_date(state.clock.now());
    let cipher: Vec<u8> = get(row, "document_cipher")?;
    let number = decrypt_text(&state.keys, &cipher)?;
    let document = DocumentNumber::parse(kind, &number, today)
        .map_err(|error| anyhow::anyhow!("stored document number no longer parses: {}", error))?;
    if !kind.is_permit() {
        for (field, value) in [
            ("region", &update.region),
            ("gender", &update.gender),
            ("birth_date", &update.birth_date),
            ("local_id_number", &update.local_id_number),
            ("travel_permit_number", &update.travel_permit_number),
        ] {
            if value.is_some() {
                return Err(not_applicable(field));
            }
        }
    }
    let ethnicity = update
        .ethnicity
        .as_deref()
        .map(|code| {
            Ethnicity::from_code(code)
                .map(|e| e.code())
                .map_err(|error| AppError::rule(&error))
        })
        .transpose()?;
    let stored_region: Option<String> = get(row, "region")?;
    let region = match (update.region.as_deref(), stored_region.as_deref()) {
        (Some(code), _) | (None, Some(code)) => Some(parse_region(code)?),
        (None, None) => None,
    };
    if let (Some(region), Some(home)) = (region, document.home_region()) {
        if region != home {
            return Err(AppError::bad_request(
                "region.document_mismatch",
                format!(
                    "地区与身份证件号码不一致：按号码应为“{}”。",
                    home.label_zh()
                ),
            )
            .with_field("region"));
        }
    }
    let gender = update.gender.as_deref().map(parse_gender).transpose()?;
    let birth_date = update
        .birth_date
        .as_deref()
        .map(|text| parse_date(text, "birth_date"))
        .transpose()?;
    document
        .check_profile(gender, birth_date)
        .map_err(|error| AppError::rule(&error))?;
    let local_id = match &update.local_id_number {
        Some(input) => {
            let region = region.ok_or_else(|| {
                AppError::bad_request("region.required", "请先选择地区，再填写当地身份证号码。")
                    .with_field("region")
            })?;
            Some(LocalIdNumber::parse(region, input).map_err(|error| AppError::rule(&error))?)
        }
        None => None,
    };
    let travel_permit = match &update.travel_permit_number {
        Some(input) => {
            let permit_kind = match kind {
                DocumentType::HkMacaoResidencePermit => DocumentType::HkMacaoTravelPermit,
                DocumentType::TaiwanResidencePermit => DocumentType::TaiwanTravelPermit,
                _ => return Err(not_applicable("travel_permit_number")),
            };
            let permit = DocumentNumber::parse(permit_kind, input, today).map_err(|error| {
                AppError::bad_request(
                    jszg_core::Rule::code(&error),
                    jszg_core::Rule::message_zh(&error),
                )
                .with_field("travel_permit_number")
            })?;
            Some(permit)
        }
        None => None,
    };
    Ok(Changes {
        ethnicity,
        region: update.region.as_ref().and(region).map(region_code),
        gender: gender.map(|g| gender_code(g).to_string()),
        birth_date: birth_date.map(|date| date.to_string()),
        local_id,
        travel_permit,
    })
}

#[utoipa::path(put, path = "/api/v1/profile", tag = "profile", request_body = ProfileUpdate,
    responses((status = 200, body = ProfileResponse), (status = 400, body = jszg_api::ErrorBody),
              (status = 401, body = jszg_api::ErrorBody)))]
pub async fn update_profile(
    State(state): State<AppState>,
    Applicant(session): Applicant,
    JsonBody(update): JsonBody<ProfileUpdate>,
) -> AppResult<Json<ProfileResponse>> {
    let account_id = session.subject_id;
    check_edit_allowed(&state, &account_id).await?;
    let row = load(&state, &account_id).await?;
    let changes = check_update(&state, &row, &update)?;
    let keys = &state.keys;
    sqlx::query(
        "UPDATE accounts SET ethnicity = COALESCE($1, ethnicity), region = COALESCE($2, region), \
         gender = COALESCE($3, gender), birth_date = COALESCE($4, birth_date), \
         local_id_cipher = COALESCE($5, local_id_cipher), local_id_masked = COALESCE($6, local_id_masked), \
         travel_permit_cipher = COALESCE($7, travel_permit_cipher), \
         travel_permit_masked = COALESCE($8, travel_permit_masked) WHERE id = $9",
    )
    .bind(changes.ethnicity)
    .bind(changes.region)
    .bind(changes.gender)
    .bind(changes.birth_date)
    .bind(changes.local_id.as_ref().map(|id| encrypt(keys, id.as_str().as_bytes())))
    .bind(changes.local_id.as_ref().map(|id| mask_document_number(id.as_str())))
    .bind(changes.travel_permit.as_ref().map(|p| encrypt(keys, p.as_str().as_bytes())))
    .bind(changes.travel_permit.as_ref().map(|p| p.masked()))
    .bind(&account_id)
    .execute(&state.db.pool)
    .await?;
    let row = load(&state, &account_id).await?;
    let profile = response(&row)?;
    let completed: Option<i64> = get(&row, "profile_completed_at")?;
    if profile.missing_fields.is_empty() && completed.is_none() {
        sqlx::query("UPDATE accounts SET profile_completed_at = $1 WHERE id = $2")
            .bind(state.clock.now_ms())
            .bind(&account_id)
            .execute(&state.db.pool)
            .await?;
    }
    tracing::info!(account_id = %account_id, "profile updated");
    Ok(Json(profile))
}

/// Rejects profile edits while a manual review of the profile is pending.
async fn check_edit_allowed(state: &AppState, account_id: &str) -> AppResult<()> {
    let mut connection = state.db.pool.acquire().await?;
    crate::review::lock::ensure_no_pending_review(&mut connection, account_id).await
}
