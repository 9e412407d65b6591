//! Reading and checking the multipart form of a manual review.

use super::photos::judge;
use crate::error::{AppError, AppResult};
use axum::extract::multipart::MultipartError;
use axum::extract::Multipart;
use axum::http::StatusCode;
use chrono::NaiveDate;
use jszg_api::review::PhotoSide;
use jszg_core::validity::check_validity;
use jszg_core::{DocumentType, PersonName, Rule, ValidityPeriod};
use std::collections::HashMap;

/// Maximum characters of the applicant's reason.
pub const MAX_REASON_CHARS: usize = 500;

/// A checked submission, ready to store.
pub struct ReviewSubmission {
    pub name: PersonName,
    pub validity_period: ValidityPeriod,
    pub validity_start: NaiveDate,
    pub validity_end: Option<NaiveDate>,
    pub reason: String,
    pub photos: Vec<(PhotoSide, Vec<u8>)>,
}

/// Raw parts of the form.
#[derive(Default)]
struct RawForm {
    text: HashMap<String, String>,
    photos: HashMap<PhotoSide, Vec<u8>>,
}

fn invalid_form(error: MultipartError) -> AppError {
    tracing::info!(%error, "unreadable manual review form");
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "review.form_too_large",
            "提交的内容过大。每张照片须为小于190KB的JPG图片，请压缩后重新提交。",
        );
    }
    AppError::bad_request("review.form_invalid", "提交的内容无法读取，请重新提交。")
}

async fn read_parts(mut multipart: Multipart) -> AppResult<RawForm> {
    let mut form = RawForm::default();
    while let Some(field) = multipart.next_field().await.map_err(invalid_form)? {
        let name = field.name().unwrap_or_default().to_string();
        if let Some(side) = PhotoSide::from_part_name(&name) {
            let bytes = field.bytes().await.map_err(invalid_form)?;
            form.photos.insert(side, bytes.to_vec());
        } else if matches!(
            name.as_str(),
            "name" | "validity_period" | "validity_start" | "reason"
        ) {
            let text = field.text().await.map_err(invalid_form)?;
            form.text.insert(name, text);
        } else {
            return Err(AppError::bad_request(
                "review.unknown_field",
                format!("表单中有无法识别的项目“{name}”。"),
            )
            .with_field(&name));
        }
    }
    Ok(form)
}

fn required<'a>(form: &'a RawForm, field: &str, label: &str) -> AppResult<&'a str> {
    match form.text.get(field).map(|text| text.trim()) {
        Some(text) if !text.is_empty() => Ok(text),
        _ => Err(
            AppError::bad_request("review.field_missing", format!("请填写{label}。"))
                .with_field(field),
        ),
    }
}

fn rule_error(rule: &impl Rule) -> AppError {
    AppError::bad_request(rule.code(), rule.message_zh()).with_field(rule.field())
}

/// Reads the form and checks every field and photo against the rules.
pub async fn read_submission(
    multipart: Multipart,
    document_type: DocumentType,
    birth_date: Option<NaiveDate>,
    today: NaiveDate,
) -> AppResult<ReviewSubmission> {
    let mut form = read_parts(multipart).await?;
    let name = PersonName::parse(required(&form, "name", "姓名")?, document_type)
        .map_err(|error| rule_error(&error))?;
    let period_text = required(&form, "validity_period", "身份证件有效时间段")?;
    let validity_period: ValidityPeriod = serde_json::from_value(serde_json::json!(period_text))
        .map_err(|_| {
            AppError::bad_request(
                "validity.period_invalid",
                "请选择身份证件有效时间段：5年、10年、20年或长期。",
            )
            .with_field("validity_period")
        })?;
    let validity_start: NaiveDate = required(&form, "validity_start", "有效期开始日期")?
        .parse()
        .map_err(|_| {
            AppError::bad_request(
                "validity.start_invalid",
                "有效期开始日期格式应为 YYYY-MM-DD，例如 2020-05-01。",
            )
            .with_field("validity_start")
        })?;
    let checked = check_validity(
        document_type,
        validity_period,
        validity_start,
        birth_date,
        today,
    )
    .map_err(|error| rule_error(&error))?;
    let reason = required(&form, "reason", "申请原因")?.to_string();
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(AppError::bad_request(
            "review.reason_too_long",
            format!("申请原因最多{MAX_REASON_CHARS}个字，请精简后再提交。"),
        )
        .with_field("reason"));
    }
    let mut photos = Vec::with_capacity(PhotoSide::ALL.len());
    for side in PhotoSide::ALL {
        let Some(bytes) = form.photos.remove(&side) else {
            return Err(AppError::bad_request(
                "review.photo_missing",
                format!("请上传{}。", side.label_zh()),
            )
            .with_field(side.part_name()));
        };
        photos.push((side, judge(side, bytes).await?));
    }
    Ok(ReviewSubmission {
        name,
        validity_period,
        validity_start,
        validity_end: checked.end_date,
        reason,
        photos,
    })
}
