//! One real-name verification attempt, from counting it to recording its outcome.
//!
//! ```text
//!   take attempt (tx, committed) ──► ask register ──► verdict ──► record (tx)
//!                                        │
//!                                        └── no answer ──► give attempt back (tx)
//! ```

use super::limits::{give_back_attempt, take_attempt};
use super::state::{record_failure, record_success, NameChangeOutcome};
use crate::applicant::{self, Applicant};
use crate::audit::{self, AuditEvent};
use crate::error::{AppError, AppResult};
use crate::register::{RegisterDocument, RegisterQuery, RegisterVerdict};
use crate::review::lock::ensure_no_pending_review;
use crate::state::AppState;
use jszg_api::verification::{NameChange, VerificationOutcome, VerificationResponse};
use jszg_core::beijing::beijing_date;
use jszg_core::{DocumentType, PersonName, Rule};
use serde_json::json;

/// What the register is asked for this applicant: residence-permit holders are
/// checked with the travel-permit number from their profile.
pub fn register_document(applicant: &Applicant) -> AppResult<(RegisterDocument, String)> {
    let travel_permit = |document| match &applicant.travel_permit_number {
        Some(number) if !number.is_empty() => Ok((document, number.clone())),
        _ => Err(AppError::conflict(
            "verification.travel_permit_missing",
            "居住证持有人使用通行证号码和姓名进行实名核验，请先在个人信息中填写通行证号码。",
        )
        .with_field("travel_permit_number")),
    };
    match applicant.document_type {
        DocumentType::ResidentIdCard => Ok((
            RegisterDocument::ResidentIdCard,
            applicant.document_number.clone(),
        )),
        DocumentType::HkMacaoTravelPermit => Ok((
            RegisterDocument::HkMacaoTravelPermit,
            applicant.document_number.clone(),
        )),
        DocumentType::TaiwanTravelPermit => Ok((
            RegisterDocument::TaiwanTravelPermit,
            applicant.document_number.clone(),
        )),
        DocumentType::HkMacaoResidencePermit => {
            travel_permit(RegisterDocument::HkMacaoTravelPermit)
        }
        DocumentType::TaiwanResidencePermit => travel_permit(RegisterDocument::TaiwanTravelPermit),
    }
}

/// Runs one attempt for `account_id` with the name the applicant confirmed.
pub async fn verify(
    state: &AppState,
    account_id: &str,
    typed_name: &str,
) -> AppResult<VerificationResponse> {
    let mut connection = state.db.pool.acquire().await?;
    let applicant = applicant::load(&mut connection, &state.keys, account_id).await?;
    drop(connection);
    let name = PersonName::parse(typed_name, applicant.document_type).map_err(|error| {
        AppError::bad_request(error.code(), error.message_zh()).with_field("name")
    })?;
    let (document, number) = register_document(&applicant)?;

    let now = state.clock.now();
    let day = beijing_date(now);
    let mut tx = state.db.begin_write().await?;
    ensure_no_pending_review(&mut tx, account_id).await?;
    let Some(attempts_left) = take_attempt(&mut tx, account_id, day).await? else {
        return Err(AppError::too_many(
            "verification.daily_limit",
            "今日3次实名核验机会已用完，请明天再试。",
            seconds_until_next_day(now),
        ));
    };
    tx.commit().await?;

    let query = RegisterQuery {
        document,
        number,
        name: name.as_str().to_string(),
    };
    let verdict = match state.register.verify(&query).await {
        Ok(verdict) => verdict,
        Err(error) => {
            tracing::warn!(account_id, %error, "identity register could not answer; attempt given back");
            let mut tx = state.db.begin_write().await?;
            give_back_attempt(&mut tx, account_id, day).await?;
            audit::append(
                &mut tx,
                state.clock.now_ms(),
                AuditEvent {
                    actor: format!("account:{account_id}"),
                    action: "verification.unavailable",
                    subject: format!("account:{account_id}"),
                    detail: json!({ "document_type": document.as_str() }),
                },
            )
            .await?;
            tx.commit().await?;
            return Err(AppError::new(
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "verification.register_unavailable",
                format!(
                    "公安身份核验服务暂时无法连接，本次不计入核验次数，请稍后再试。今日还可核验{}次。",
                    attempts_left + 1
                ),
            ));
        }
    };

    let mut tx = state.db.begin_write().await?;
    let response = match verdict {
        RegisterVerdict::Match => {
            let change = record_success(&mut tx, state, &applicant, &name, document).await?;
            passed_response(&name, change, attempts_left)
        }
        RegisterVerdict::Mismatch | RegisterVerdict::NoRecord => {
            let help = record_failure(&mut tx, state, &applicant, &name, document, verdict).await?;
            VerificationResponse {
                outcome: VerificationOutcome::Failed,
                name_checked: name.as_str().to_string(),
                name_change: None,
                resubmit_application: false,
                attempts_left_today: attempts_left as u32,
                help: Some(help),
            }
        }
    };
    tx.commit().await?;
    Ok(response)
}

fn passed_response(
    name: &PersonName,
    change: NameChangeOutcome,
    attempts_left: i64,
) -> VerificationResponse {
    VerificationResponse {
        outcome: VerificationOutcome::Passed,
        name_checked: name.as_str().to_string(),
        resubmit_application: change.old_name.is_some() && change.application_on_file,
        name_change: change.old_name.map(|old_name| NameChange {
            old_name,
            new_name: name.as_str().to_string(),
        }),
        attempts_left_today: attempts_left as u32,
        help: None,
    }
}

/// Seconds from `now` to the next 00:00 Beijing time, for `Retry-After`.
fn seconds_until_next_day(now: chrono::DateTime<chrono::Utc>) -> u64 {
    let tomorrow = beijing_date(now).succ_opt().unwrap_or(beijing_date(now));
    let start = jszg_core::beijing::beijing_day_start(tomorrow);
    u64::try_from((start - now).num_seconds())
        .unwrap_or(0)
        .max(1)
}
