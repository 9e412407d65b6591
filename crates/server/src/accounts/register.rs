//! `POST /accounts`: registration with an SMS code sent to the applicant's phone.

use super::document_lookup;
use crate::codes;
use crate::crypto::encrypt;
use crate::db::{get, is_unique_violation};
use crate::error::{AppError, AppResult};
use crate::http::json_body::JsonBody;
use crate::http::recorded_response::Idempotency;
use crate::outbox::Channel;
use crate::state::AppState;
use crate::wechat::registration_codes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDate;
use jszg_api::{RegisterRequest, RegisterResponse};
use jszg_core::code::CodePurpose;
use jszg_core::validity::check_validity;
use jszg_core::{DocumentNumber, DocumentType, Email, PersonName, Phone, Rule, ValidityPeriod};

/// The registration form after every rule of `jszg-core` accepted it.
struct Registration {
    document: DocumentNumber,
    name: PersonName,
    period: ValidityPeriod,
    start: NaiveDate,
    end: Option<NaiveDate>,
    warnings: Vec<String>,
    email: Email,
    phone: Phone,
}

fn reject(rule: &dyn Rule) -> AppError {
    AppError::rule(rule)
}

pub fn parse_document_type(code: &str) -> AppResult<DocumentType> {
    DocumentType::from_code(code).ok_or_else(|| {
        AppError::bad_request("document_type.unknown", "请选择身份证件类型。")
            .with_field("document_type")
    })
}

pub fn parse_validity_period(code: &str) -> AppResult<ValidityPeriod> {
    serde_json::from_value(serde_json::Value::String(code.to_string())).map_err(|_| {
        AppError::bad_request("validity_period.unknown", "请选择身份证件有效时间段。")
            .with_field("validity_period")
    })
}

pub fn parse_date(text: &str, field: &str) -> AppResult<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        AppError::bad_request(
            &format!("{field}.format"),
            "请按“年-月-日”选择日期，例如 2020-05-01。",
        )
        .with_field(field)
    })
}

fn validate(request: &RegisterRequest, today: NaiveDate) -> AppResult<Registration> {
    let kind = parse_document_type(&request.document_type)?;
    let document =
        DocumentNumber::parse(kind, &request.document_number, today).map_err(|e| reject(&e))?;
    let name = PersonName::parse(&request.name, kind).map_err(|e| reject(&e))?;
    let period = parse_validity_period(&request.validity_period)?;
    let start = parse_date(&request.validity_start, "validity_start")?;
    let validity = check_validity(kind, period, start, document.birth_date(), today)
        .map_err(|e| reject(&e))?;
    jszg_core::password::check_password(
        &request.password,
        Some(&request.password_confirmation),
        Some(document.as_str()),
    )
    .map_err(|e| reject(&e))?;
    let email = Email::parse(&request.email).map_err(|e| reject(&e))?;
    let phone = Phone::parse(&request.phone).map_err(|e| reject(&e))?;
    if !request.agreement_accepted {
        return Err(
            AppError::bad_request("agreement.required", "请阅读并同意注册协议后再提交。")
                .with_field("agreement_accepted"),
        );
    }
    Ok(Registration {
        document,
        name,
        period,
        start,
        end: validity.end_date,
        warnings: validity
            .warnings
            .iter()
            .map(|w| w.code().to_string())
            .collect(),
        email,
        phone,
    })
}

fn already_registered() -> AppError {
    AppError::conflict(
        "account.exists",
        "该身份证件号码已注册。请直接登录；如忘记密码，请使用“忘记密码”找回。",
    )
    .with_field("document_number")
}

#[utoipa::path(post, path = "/api/v1/accounts", tag = "accounts", request_body = RegisterRequest,
    responses((status = 201, body = RegisterResponse), (status = 400, body = jszg_api::ErrorBody),
              (status = 409, description = "account.exists", body = jszg_api::ErrorBody)))]
pub async fn register(
    State(state): State<AppState>,
    idempotency: Idempotency,
    JsonBody(request): JsonBody<RegisterRequest>,
) -> AppResult<(StatusCode, Json<RegisterResponse>)> {
    let today = jszg_core::beijing::beijing_date(state.clock.now());
    let form = validate(&request, today)?;
    // Hash before the code is spent, so a hashing fault does not cost the applicant a code.
    let password_hash = state.hasher.hash(&request.password).await?;
    let lookup = document_lookup(&state.keys, form.document.as_str());
    // A code from the WeChat service account binds the new account to that WeChat user.
    let wechat_open_id = registration_codes::redeem(&state, &lookup, &request.code).await?;
    if wechat_open_id.is_none() {
        codes::verify(
            &state,
            Channel::Sms,
            form.phone.as_str(),
            CodePurpose::Register,
            &request.code,
        )
        .await?;
    }

    let id = uuid::Uuid::new_v4().to_string();
    let now = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let existing = sqlx::query(&format!(
        "SELECT id, legacy FROM accounts WHERE document_lookup = $1{}",
        state.db.for_update()
    ))
    .bind(&lookup)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(row) = existing {
        let legacy: i64 = get(&row, "legacy")?;
        if legacy == 0 {
            return Err(already_registered());
        }
        // A legacy account is replaced: it keeps its row but no longer owns the number.
        let old_id: String = get(&row, "id")?;
        sqlx::query("UPDATE accounts SET document_lookup = NULL, replaced_at = $1 WHERE id = $2")
            .bind(now)
            .bind(&old_id)
            .execute(&mut *tx)
            .await?;
        tracing::info!(account_id = %old_id, "legacy account replaced by a new registration");
    }
    let inserted = sqlx::query(
        "INSERT INTO accounts (id, document_type, document_lookup, document_cipher, document_masked, name, \
         validity_period, validity_start, validity_end, password_hash, email, phone, created_at, \
         password_changed_at, gender, birth_date, region) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
    )
    .bind(&id)
    .bind(form.document.kind().code())
    .bind(&lookup)
    .bind(encrypt(&state.keys, form.document.as_str().as_bytes()))
    .bind(form.document.masked())
    .bind(form.name.as_str())
    .bind(period_code(form.period))
    .bind(form.start.to_string())
    .bind(form.end.map(|end| end.to_string()))
    .bind(&password_hash)
    .bind(form.email.as_str())
    .bind(form.phone.as_str())
    .bind(now)
    .bind(now)
    .bind(form.document.gender().map(gender_code))
    .bind(form.document.birth_date().map(|date| date.to_string()))
    .bind(form.document.home_region().map(region_code))
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        Err(error) if is_unique_violation(&error) => return Err(already_registered()),
        Err(error) => return Err(error.into()),
    }
    if let Some(open_id) = &wechat_open_id {
        registration_codes::bind_account(&mut tx, &id, open_id).await?;
    }
    let response = RegisterResponse {
        account_id: id,
        document_number_masked: form.document.masked(),
        name: form.name.as_str().to_string(),
        validity_end: form.end.map(|end| end.to_string()),
        warnings: form.warnings,
    };
    idempotency
        .record(&mut tx, now, StatusCode::CREATED, &response)
        .await?;
    tx.commit().await?;
    tracing::info!(account_id = %response.account_id, document = %form.document.masked(), "account registered");
    Ok((StatusCode::CREATED, Json(response)))
}

pub fn period_code(period: ValidityPeriod) -> String {
    serde_json::to_value(period)
        .ok()
        .and_then(|value| value.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub fn gender_code(gender: jszg_core::Gender) -> &'static str {
    match gender {
        jszg_core::Gender::Male => "male",
        jszg_core::Gender::Female => "female",
    }
}

pub fn region_code(region: jszg_core::Region) -> String {
    match region {
        jszg_core::Region::HongKong => "hong_kong",
        jszg_core::Region::Macao => "macao",
        jszg_core::Region::Taiwan => "taiwan",
    }
    .to_string()
}
