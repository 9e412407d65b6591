//! Registration codes handed out in the WeChat chat: 6 digits, valid 5 minutes, single
//! use, at most 5 wrong entries, 60 s before a new code for the same document number.
//! Registration redeems one with [`redeem`] and binds the account to the WeChat user.

use rand::Rng;
use sqlx::AnyConnection;

use crate::crypto::lookup_hash;
use crate::error::AppResult;
use crate::state::AppState;

pub const VALID_MS: i64 = 5 * 60 * 1000;
pub const RESEND_MS: i64 = 60 * 1000;
pub const MAX_WRONG_ATTEMPTS: i64 = 5;

fn code_hash(state: &AppState, code_id: &str, code: &str) -> String {
    lookup_hash(&state.keys, &format!("wechat-code:{code_id}:{code}"))
}

/// Outcome of a request for a code.
pub enum Issued {
    Code(String),
    /// A code for this number was issued less than 60 s ago; seconds to wait.
    TooSoon(i64),
}

/// Issues a code for the document number (by look-up hash) to `open_id`; earlier
/// unused codes for the number stop working.
pub async fn issue(state: &AppState, document_hash: &str, open_id: &str) -> AppResult<Issued> {
    let now = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let last: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(created_at) FROM wechat_registration_codes WHERE document_hash = $1",
    )
    .bind(document_hash)
    .fetch_one(&mut *tx)
    .await?;
    if let Some(last) = last.filter(|last| now - last < RESEND_MS) {
        return Ok(Issued::TooSoon((last + RESEND_MS - now + 999) / 1000));
    }
    sqlx::query(
        "UPDATE wechat_registration_codes SET used_at = $1 WHERE document_hash = $2 AND used_at IS NULL",
    )
    .bind(now)
    .bind(document_hash)
    .execute(&mut *tx)
    .await?;
    let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000u32));
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO wechat_registration_codes (id, document_hash, open_id, code_hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(document_hash)
    .bind(open_id)
    .bind(code_hash(state, &id, &code))
    .bind(now)
    .bind(now + VALID_MS)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(code_id = %id, "wechat registration code issued");
    Ok(Issued::Code(code))
}

/// Uses up the live WeChat code of the document number if `code` matches it, and
/// returns the OpenID to bind. Returns `None` when no live WeChat code matches, so
/// registration checks the SMS code instead; a mismatch counts as a wrong entry of the
/// WeChat code.
pub async fn redeem(
    state: &AppState,
    document_hash: &str,
    code: &str,
) -> AppResult<Option<String>> {
    let mut tx = state.db.begin_write().await?;
    let open_id = redeem_in(&mut tx, state, document_hash, code).await?;
    tx.commit().await?;
    Ok(open_id)
}

async fn redeem_in(
    connection: &mut AnyConnection,
    state: &AppState,
    document_hash: &str,
    code: &str,
) -> AppResult<Option<String>> {
    let now = state.clock.now_ms();
    let row: Option<(String, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT id, open_id, code_hash, wrong_attempts FROM wechat_registration_codes \
         WHERE document_hash = $1 AND used_at IS NULL AND expires_at >= $2 \
         ORDER BY created_at DESC LIMIT 1{}",
        state.db.for_update()
    ))
    .bind(document_hash)
    .bind(now)
    .fetch_optional(&mut *connection)
    .await?;
    let Some((id, open_id, stored_hash, wrong_attempts)) = row else {
        return Ok(None);
    };
    if wrong_attempts >= MAX_WRONG_ATTEMPTS {
        return Ok(None);
    }
    if stored_hash != code_hash(state, &id, code.trim()) {
        sqlx::query(
            "UPDATE wechat_registration_codes SET wrong_attempts = wrong_attempts + 1 WHERE id = $1",
        )
        .bind(&id)
        .execute(&mut *connection)
        .await?;
        return Ok(None);
    }
    sqlx::query("UPDATE wechat_registration_codes SET used_at = $1 WHERE id = $2")
        .bind(now)
        .bind(&id)
        .execute(&mut *connection)
        .await?;
    Ok(Some(open_id))
}

/// Binds a newly registered account to the WeChat user whose code it used.
pub async fn bind_account(
    connection: &mut AnyConnection,
    account_id: &str,
    open_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET wechat_openid = $1 WHERE id = $2")
        .bind(open_id)
        .bind(account_id)
        .execute(connection)
        .await?;
    tracing::info!(account_id, "account bound to a wechat user");
    Ok(())
}
