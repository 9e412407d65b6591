//! Tauri commands of the reviewer screens. Each checks what it can locally, calls the
//! server through `jszg-api`'s client with the staff token, and returns the page's
//! `{code, message, field}` error shape on failure.

use super::board::{build_board, Board, BoardFilter};
use super::decision::decision_request;
use super::desk::{StaffDesk, StaffIdentity};
use super::field_error;
use crate::commands::CommandResult;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use jszg_api::staff::{
    Claim, Decision, DecisionRecorded, QueueKind, ReasonPreset, StaffContactChangeDetail,
    StaffReviewDetail, StaffSignInRequest,
};
use jszg_api::ErrorBody;
use serde::Serialize;
use tauri::State;

/// Error code of a claim rejected because another reviewer has claimed the item.
const CLAIM_TAKEN: &str = "claim.taken";

/// Checks the sign-in form before anything is sent. The TOTP code may be typed with
/// spaces (`123 456`), as authenticator apps show it.
fn sign_in_request(
    username: &str,
    password: String,
    totp_code: &str,
) -> Result<StaffSignInRequest, ErrorBody> {
    let username = username.trim();
    if username.is_empty() {
        return Err(field_error(
            "staff.username_missing",
            "请输入审核人员用户名。",
            "username",
        ));
    }
    if password.is_empty() {
        return Err(field_error(
            "staff.password_missing",
            "请输入密码。",
            "password",
        ));
    }
    let code: String = totp_code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(field_error(
            "staff.totp_format",
            "动态验证码为身份验证器应用中显示的 6 位数字。",
            "totp_code",
        ));
    }
    Ok(StaffSignInRequest {
        username: username.to_string(),
        password,
        totp_code: code,
    })
}

/// Signs a reviewer or administrator in with username, password and TOTP code.
#[tauri::command]
pub async fn staff_sign_in(
    state: State<'_, AppState>,
    desk: State<'_, StaffDesk>,
    username: String,
    password: String,
    totp_code: String,
) -> CommandResult<StaffIdentity> {
    let request = sign_in_request(&username, password, &totp_code)?;
    let mut client = desk.anonymous_client(&state).await?;
    let session = client
        .staff_sign_in(&request)
        .await
        .map_err(super::client_error)?;
    tracing::info!(username = %session.username, role = ?session.role, "staff signed in");
    Ok(desk.remember(&session))
}

/// Returns the signed-in staff member, if any.
#[tauri::command]
pub async fn staff_session(desk: State<'_, StaffDesk>) -> CommandResult<Option<StaffIdentity>> {
    Ok(desk.identity(Utc::now()))
}

/// Ends the staff session on the server when reachable, and always locally.
#[tauri::command]
pub async fn staff_sign_out(
    state: State<'_, AppState>,
    desk: State<'_, StaffDesk>,
) -> CommandResult<()> {
    if let Ok(mut client) = desk.client(&state).await {
        if let Err(error) = client.staff_sign_out().await {
            tracing::warn!(%error, "server staff sign-out failed; the local session ends anyway");
        }
    }
    desk.forget();
    Ok(())
}

/// Returns the preset reasons for rejections.
#[tauri::command]
pub async fn staff_reasons(
    state: State<'_, AppState>,
    desk: State<'_, StaffDesk>,
) -> CommandResult<Vec<ReasonPreset>> {
    let client = desk.client(&state).await?;
    client.reason_presets().await.map_err(|e| desk.fail(e))
}

/// Returns both queues merged, oldest deadline first, filtered and counted.
#[tauri::command]
pub async fn staff_board(
    state: State<'_, AppState>,
    desk: State<'_, StaffDesk>,
    filter: Option<BoardFilter>,
) -> CommandResult<Board> {
    let client = desk.client(&state).await?;
    let me = desk
        .identity(Utc::now())
        .map(|identity| identity.username)
        .unwrap_or_default();
    let (reviews, changes) = tokio::join!(
        client.staff_queue(QueueKind::ManualReview),
        client.staff_queue(QueueKind::ContactChange)
    );
    let mut items = reviews.map_err(|e| desk.fail(e))?;
    items.extend(changes.map_err(|e| desk.fail(e))?);
    Ok(build_board(
        items,
        &me,
        &filter.unwrap_or_default(),
        Utc::now(),
    ))
}

/// An item as the item screen opens it.
#[derive(Serialize)]
pub struct OpenedItem {
    pub kind: QueueKind,
    pub id: String,
    /// The claim of this reviewer, or `None` when it was rejected.
    pub claim: Option<Claim>,
    /// Error of a rejected claim (claimed by another reviewer, already decided).
    pub claim_refused: Option<ErrorBody>,
    pub held_by: Option<String>,
    pub held_until: Option<DateTime<Utc>>,
    /// Applicant data and photo list of a manual review.
    pub review: Option<StaffReviewDetail>,
    /// Applicant data and the new contact of a contact change request.
    pub contact_change: Option<StaffContactChangeDetail>,
}

/// Claims an item and reads it. A claim rejected because another reviewer has the item
/// is not an error, because the page then shows the item read-only with the claimant.
#[tauri::command]
pub async fn staff_item_open(
    state: State<'_, AppState>,
    desk: State<'_, StaffDesk>,
    kind: QueueKind,
    id: String,
) -> CommandResult<OpenedItem> {
    let client = desk.client(&state).await?;
    let (claim, claim_refused) = match client.claim(kind, &id).await {
        Ok(claim) => (Some(claim), None),
        Err(error) => {
            let body = desk.fail(error);
            if body.code == super::UNAUTHORIZED || body.code.starts_with("network.") {
                return Err(body);
            }
            (None, Some(body))
        }
    };
    let mut opened = OpenedItem {
        kind,
        id,
        claim,
        claim_refused,
        held_by: None,
        held_until: None,
        review: None,
        contact_change: None,
    };
    match kind {
        QueueKind::ManualReview => {
            let detail = client
                .staff_review_detail(&opened.id)
                .await
                .map_err(|e| desk.fail(e))?;
            opened.held_by = detail.claimed_by.clone();
            opened.held_until = detail.claim_expires_at;
            opened.review = Some(detail);
        }
        QueueKind::ContactChange => {
            let detail = client
                .staff_contact_change_detail(&opened.id)
                .await
                .map_err(|e| desk.fail(e))?;
            opened.held_by = detail.claimed_by.clone();
            opened.held_until = detail.claim_expires_at;
            opened.contact_change = Some(detail);
        }
    }
    if opened
        .claim_refused
        .as_ref()
        .is_some_and(|body| body.code == CLAIM_TAKEN)
    {
        tracing::info!(?kind, item_id = %opened.id, holder = ?opened.held_by, "item held by another reviewer");
    }
    Ok(opened)
}

/// Extends this reviewer's claim while the item stays open.
#[tauri::command]
pub async fn staff_item_claim(
    state: State<'_, AppState>,
    desk: State<'_, StaffDesk>,
    kind: QueueKind,
    id: String,
) -> CommandResult<Claim> {
    let client = desk.client(&state).await?;
    client.claim(kind, &id).await.map_err(|e| desk.fail(e))
}

/// Gives the item back when the reviewer leaves it undecided, so others need not wait
/// for the claim to run out.
#[tauri::command]
pub async fn staff_item_release(
    state: State<'_, AppState>,
    desk: State<'_, StaffDesk>,
    kind: QueueKind,
    id: String,
) -> CommandResult<()> {
    let client = desk.client(&state).await?;
    match client.release_claim(kind, &id).await {
        Ok(released) => {
            tracing::info!(?kind, item_id = %id, released = released.released, "claim released");
            Ok(())
        }
        Err(error) => {
            // The claim lapses by itself, so a failed release only delays other reviewers.
            let body = desk.fail(error);
            tracing::warn!(code = %body.code, ?kind, item_id = %id, "claim release failed");
            Err(body)
        }
    }
}

/// Approves, or rejects with a preset or written reason.
#[tauri::command]
pub async fn staff_decide(
    state: State<'_, AppState>,
    desk: State<'_, StaffDesk>,
    kind: QueueKind,
    id: String,
    decision: Decision,
    reason_code: Option<String>,
    reason_text: Option<String>,
) -> CommandResult<DecisionRecorded> {
    let request = decision_request(decision, reason_code, reason_text)?;
    let client = desk.client(&state).await?;
    let recorded = client
        .decide(kind, &id, &request)
        .await
        .map_err(|e| desk.fail(e))?;
    tracing::info!(?kind, item_id = %id, decision = ?recorded.decision, "decision recorded");
    Ok(recorded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_form_checked() {
        let error = sign_in_request("  ", "pw".into(), "123456").unwrap_err();
        assert_eq!(error.field.as_deref(), Some("username"));
        let error = sign_in_request("li", String::new(), "123456").unwrap_err();
        assert_eq!(error.code, "staff.password_missing");
        for code in ["12345", "1234567", "12a456", "１２３４５６"] {
            let error = sign_in_request("li", "pw".into(), code).unwrap_err();
            assert_eq!(error.code, "staff.totp_format", "{code}");
        }
        let request = sign_in_request(" li ", "pw".into(), "123 456").unwrap();
        assert_eq!(request.username, "li");
        assert_eq!(request.totp_code, "123456");
    }
}
