//! Staff sign-in: username, password and a TOTP code, all three or no session.

use super::accounts::role_from_str;
use super::totp::matching_step;
use crate::audit::{self, AuditEvent};
use crate::clock::from_ms;
use crate::crypto::decrypt_text;
use crate::db::get;
use crate::error::{AppError, AppResult};
use crate::sessions::{self, softlock, ROLE_STAFF};
use crate::state::AppState;
use jszg_api::staff::{StaffRole, StaffSession, StaffSignInRequest};
use serde_json::json;

fn sign_in_failed() -> AppError {
    AppError::unauthorized("staff.sign_in_failed", "用户名、密码或动态验证码不正确。")
}

/// A staff member whose password and TOTP code matched.
struct CheckedMember {
    id: String,
    role: StaffRole,
    /// TOTP time step of the code given, used up by the sign-in.
    step: u64,
}

/// Checks all three factors and opens a session. Every outcome is audited; the
/// answer never says which factor failed.
pub async fn sign_in(state: &AppState, request: &StaffSignInRequest) -> AppResult<StaffSession> {
    let username = request.username.trim();
    let throttle_key = begin_attempt(state, username).await?;
    let member = check_factors(state, username, request).await?;
    let now = state.clock.now();

    let mut tx = state.db.begin_write().await?;
    // A code counts once: the step must be later than the last one used.
    let claimed = sqlx::query(
        "UPDATE staff SET totp_last_step = $1, last_sign_in_at = $3 \
             WHERE id = $2 AND totp_last_step < $1",
    )
    .bind(member.step as i64)
    .bind(&member.id)
    .bind(now.timestamp_millis())
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        drop(tx);
        record_failure(state, username, "totp_replayed").await?;
        return Err(sign_in_failed());
    }
    softlock::clear_failures(&mut tx, &throttle_key).await?;
    let session = sessions::create(state, &mut tx, &member.id, ROLE_STAFF).await?;
    audit::append(
        &mut tx,
        now.timestamp_millis(),
        AuditEvent {
            actor: format!("staff:{}", member.id),
            action: "staff.sign_in",
            subject: format!("staff:{}", member.id),
            detail: json!({ "username": username }),
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(staff_id = member.id, "staff signed in");
    Ok(StaffSession {
        token: session.token,
        username: username.to_string(),
        role: member.role,
        expires_at: from_ms(session.expires_at),
    })
}

/// Checks the password, then the TOTP code, then that the member is not disabled.
/// Each failure is audited and returns the same error.
async fn check_factors(
    state: &AppState,
    username: &str,
    request: &StaffSignInRequest,
) -> AppResult<CheckedMember> {
    let row = sqlx::query(
        "SELECT id, role, password_hash, totp_secret, totp_last_step, disabled \
         FROM staff WHERE username = $1",
    )
    .bind(username)
    .fetch_optional(&state.db.pool)
    .await?;
    let stored_hash: Option<String> = row
        .as_ref()
        .map(|row| get(row, "password_hash"))
        .transpose()?;
    let password_ok = state
        .hasher
        .verify(&request.password, stored_hash.as_deref())
        .await?;
    let Some(row) = row.filter(|_| password_ok) else {
        record_failure(state, username, "password").await?;
        return Err(sign_in_failed());
    };

    let sealed_secret: Vec<u8> = get(&row, "totp_secret")?;
    let secret = decrypt_text(&state.keys, &sealed_secret)?;
    let unix_seconds = u64::try_from(state.clock.now().timestamp()).unwrap_or(0);
    let Some(step) = matching_step(&secret, &request.totp_code, unix_seconds) else {
        record_failure(state, username, "totp").await?;
        return Err(sign_in_failed());
    };
    let disabled: i64 = get(&row, "disabled")?;
    if disabled != 0 {
        record_failure(state, username, "disabled").await?;
        return Err(sign_in_failed());
    }
    let role_text: String = get(&row, "role")?;
    let role = role_from_str(&role_text)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("unknown staff role {role_text:?}")))?;
    Ok(CheckedMember {
        id: get(&row, "id")?,
        role,
        step,
    })
}

/// Applies the applicants' sign-in delay to a username: after 5 failures within 15
/// minutes each attempt waits 1, 2, 4 ... (at most 60) seconds after the last one. The
/// attempt is recorded as a failure before any factor is checked, so parallel guesses
/// cannot slip past the wait, and a successful sign-in removes the records. Returns the
/// key the records are stored under.
async fn begin_attempt(state: &AppState, username: &str) -> AppResult<String> {
    let key = format!("staff:{username}");
    let now = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let wait = softlock::begin_attempt(&mut tx, state.db.backend, &key, now).await?;
    tx.commit().await?;
    if wait > 0 {
        tracing::info!(
            username,
            wait_ms = wait,
            "staff sign-in rejected: wait after failures"
        );
        let seconds = (wait as u64).div_ceil(1000);
        return Err(AppError::too_many(
            "staff.sign_in_wait",
            format!("登录失败次数较多，请 {seconds} 秒后再试。"),
            seconds,
        ));
    }
    Ok(key)
}

async fn record_failure(state: &AppState, username: &str, factor: &str) -> AppResult<()> {
    tracing::info!(username, factor, "staff sign-in failed");
    let mut tx = state.db.begin_write().await?;
    audit::append(
        &mut tx,
        state.clock.now_ms(),
        AuditEvent {
            actor: "anonymous".to_string(),
            action: "staff.sign_in_failed",
            subject: format!("username:{username}"),
            detail: json!({ "factor": factor }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends the staff session whose token hashes to `token_hash`.
pub async fn sign_out(state: &AppState, token_hash: &str) -> AppResult<()> {
    sqlx::query("UPDATE sessions SET ended_at = $1 WHERE token_hash = $2 AND role = $3")
        .bind(state.clock.now_ms())
        .bind(token_hash)
        .bind(ROLE_STAFF)
        .execute(&state.db.pool)
        .await?;
    Ok(())
}
