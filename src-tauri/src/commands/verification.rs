//! Real-name verification and the applicant's status: attempts left, the confirmed
//! name, the help after a failure, manual reviews and contact change requests.

use super::account::{client, remote};
use super::CommandResult;
use crate::state::{store_error, AppState};
use crate::store::{QueuedSubmission, SubmissionState};
use jszg_api::verification::{VerificationResponse, VerificationStatus, VerifiedBy};
use serde::Serialize;
use serde_json::Value;
use tauri::State;

/// The verification page: the server's status and a one-line summary of it.
#[derive(Debug, Serialize)]
pub struct VerificationView {
    #[serde(flatten)]
    pub status: VerificationStatus,
    pub summary: String,
}

/// Returns the one-line state the verification and status pages show.
pub fn summary_of(status: &VerificationStatus) -> String {
    if status.pending_review.is_some() {
        return "人工审核待审核中，审核期间不能进行实名核验，也不能修改个人信息。".into();
    }
    match status.verified_by {
        Some(VerifiedBy::RealName) => "已通过实名核验，可以办理教师资格业务。".into(),
        Some(VerifiedBy::ManualReview) => "已通过人工审核，可以办理教师资格业务。".into(),
        None if status.attempts_left_today == 0 => {
            "尚未通过实名核验。今日的三次核验机会已用完，请明天再试或申请人工审核。".into()
        }
        None => format!(
            "尚未通过实名核验，今日还可核验 {} 次。",
            status.attempts_left_today
        ),
    }
}

/// Returns the signed-in applicant's verification state.
#[tauri::command]
pub async fn verification_status(state: State<'_, AppState>) -> CommandResult<VerificationView> {
    load_verification(&state).await
}

async fn load_verification(state: &AppState) -> CommandResult<VerificationView> {
    let status = client(state, true)
        .await?
        .verification_status()
        .await
        .map_err(remote)?;
    let summary = summary_of(&status);
    Ok(VerificationView { status, summary })
}

/// Runs one real-name verification with the exact `name` the applicant confirmed.
#[tauri::command]
pub async fn verification_run(
    state: State<'_, AppState>,
    name: String,
) -> CommandResult<VerificationResponse> {
    client(&state, true)
        .await?
        .verify_real_name(&name)
        .await
        .map_err(remote)
}

/// A contact change request sent from this computer, with what the server answered.
#[derive(Debug, Serialize, PartialEq)]
pub struct ContactChangeRecord {
    pub kind: String,
    /// The new contact as typed.
    pub value: String,
    pub submitted_at: chrono::DateTime<chrono::Utc>,
    /// `queued` (not sent yet), `pending`, `rejected` with `error`, or the server's status.
    pub state: String,
    pub request_id: Option<String>,
    pub error: Option<String>,
}

/// Everything the status page shows.
#[derive(Debug, Serialize)]
pub struct AccountStatus {
    /// `None` when nobody is signed in.
    pub verification: Option<VerificationView>,
    pub contact_changes: Vec<ContactChangeRecord>,
}

/// Turns a queued `contact_change` submission into the record the status page lists.
pub fn contact_change_record(submission: &QueuedSubmission) -> Option<ContactChangeRecord> {
    if submission.kind != "contact_change" {
        return None;
    }
    let text = |key: &str| {
        submission.payload[key]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let response = submission.response.clone().unwrap_or(Value::Null);
    let (state, error) = match submission.state {
        SubmissionState::Queued => ("queued".to_string(), None),
        SubmissionState::Sent => (
            response["status"].as_str().unwrap_or("pending").to_string(),
            None,
        ),
        SubmissionState::Rejected => {
            let error = submission
                .last_error
                .as_deref()
                .and_then(|text| serde_json::from_str::<Value>(text).ok())
                .and_then(|body| body["message"].as_str().map(str::to_string));
            ("rejected".to_string(), error)
        }
    };
    Some(ContactChangeRecord {
        kind: text("kind"),
        value: text("value"),
        submitted_at: submission.created_at,
        state,
        request_id: response["id"].as_str().map(str::to_string),
        error,
    })
}

/// Returns the verification history, the manual reviews with the reviewers' reasons,
/// and the contact change requests sent from this computer.
#[tauri::command]
pub async fn account_status(state: State<'_, AppState>) -> CommandResult<AccountStatus> {
    let verification = if state.vault.load().is_some() {
        Some(load_verification(&state).await?)
    } else {
        None
    };
    let submissions = state
        .store
        .recent_submissions(200)
        .await
        .map_err(store_error)?;
    let contact_changes = submissions
        .iter()
        .filter_map(contact_change_record)
        .collect();
    Ok(AccountStatus {
        verification,
        contact_changes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};
    use serde_json::json;

    fn status(attempts: u32, verified_by: Option<VerifiedBy>) -> VerificationStatus {
        VerificationStatus {
            verified: verified_by.is_some(),
            verified_by,
            checked_document_type: "resident_id_card".into(),
            checked_document_number_masked: "11*****1X".into(),
            name: "郝京".into(),
            attempts_left_today: attempts,
            today: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            manual_review_open: true,
            reviews_left_this_period: 3,
            period_start: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            period_end: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            pending_review: None,
            history: vec![],
            reviews: vec![],
        }
    }

    #[test]
    fn summary_counts_attempts_and_names_how_verified() {
        assert_eq!(
            summary_of(&status(2, None)),
            "尚未通过实名核验，今日还可核验 2 次。"
        );
        assert!(summary_of(&status(0, None)).contains("已用完"));
        assert!(summary_of(&status(3, Some(VerifiedBy::ManualReview))).contains("人工审核"));
        assert!(summary_of(&status(3, Some(VerifiedBy::RealName))).contains("实名核验"));
    }

    fn submission(
        state: SubmissionState,
        response: Option<Value>,
        error: Option<&str>,
    ) -> QueuedSubmission {
        QueuedSubmission {
            id: 1,
            kind: "contact_change".into(),
            form: None,
            payload: json!({"kind": "phone", "value": "15800000022", "ticket": "t"}),
            idempotency_key: "k".into(),
            state,
            attempts: 1,
            next_attempt_at: Utc.with_ymd_and_hms(2026, 12, 4, 1, 0, 0).unwrap(),
            last_error: error.map(str::to_string),
            response,
            created_at: Utc.with_ymd_and_hms(2026, 12, 4, 1, 0, 0).unwrap(),
        }
    }

    #[test]
    fn contact_change_records_follow_the_queue() {
        let queued =
            contact_change_record(&submission(SubmissionState::Queued, None, None)).unwrap();
        assert_eq!(queued.state, "queued");
        assert_eq!(queued.value, "15800000022");
        let sent = contact_change_record(&submission(
            SubmissionState::Sent,
            Some(json!({"id": "r1", "status": "pending"})),
            None,
        ))
        .unwrap();
        assert_eq!(
            (sent.state.as_str(), sent.request_id.as_deref()),
            ("pending", Some("r1"))
        );
        let rejected = contact_change_record(&submission(
            SubmissionState::Rejected,
            None,
            Some(r#"{"code":"contact_change.pending_exists","message":"已有待审核的申请。"}"#),
        ))
        .unwrap();
        assert_eq!(rejected.error.as_deref(), Some("已有待审核的申请。"));
        let mut other = submission(SubmissionState::Sent, None, None);
        other.kind = "profile".into();
        assert_eq!(contact_change_record(&other), None);
    }
}
