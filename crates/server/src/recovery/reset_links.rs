//! Single-use password-reset links. The token travels only in the link; the table
//! keeps its SHA-256.

use chrono::Duration;
use sqlx::AnyConnection;

use crate::clock::Clock;
use crate::crypto::{random_token, token_hash};
use crate::error::{AppError, AppResult};

/// Where a link was sent from; stored with it for the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkOrigin {
    Email,
    Wechat,
    ContactChange,
}

impl LinkOrigin {
    fn as_str(self) -> &'static str {
        match self {
            LinkOrigin::Email => "email",
            LinkOrigin::Wechat => "wechat",
            LinkOrigin::ContactChange => "contact_change",
        }
    }

    /// How long a link of this origin stays valid: 24 hours for email links, as the
    /// applicant is told, and 30 minutes for the link shown in the WeChat chat.
    pub fn validity(self) -> Duration {
        match self {
            LinkOrigin::Email | LinkOrigin::ContactChange => Duration::hours(24),
            LinkOrigin::Wechat => Duration::minutes(30),
        }
    }
}

/// Creates a link token for `account_id` and returns it.
pub async fn create_link(
    connection: &mut AnyConnection,
    clock: &dyn Clock,
    account_id: &str,
    origin: LinkOrigin,
) -> Result<String, sqlx::Error> {
    let token = random_token();
    let now = clock.now();
    sqlx::query(
        "INSERT INTO password_reset_links (token_hash, account_id, origin, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash(&token))
    .bind(account_id)
    .bind(origin.as_str())
    .bind(now.timestamp_millis())
    .bind((now + origin.validity()).timestamp_millis())
    .execute(connection)
    .await?;
    Ok(token)
}

/// The full link the applicant opens: `{base}?token={token}`.
pub fn link_url(base: &str, token: &str) -> String {
    let separator = if base.contains('?') { '&' } else { '?' };
    format!("{base}{separator}token={token}")
}

fn invalid_link() -> AppError {
    AppError::bad_request(
        "password_reset.link_invalid",
        "重置链接无效、已使用或已过期（有效期24小时），请重新使用“忘记密码”发送。",
    )
    .with_field("token")
}

/// The account of a link that is unused and not expired; does not use it up.
pub async fn peek_link(
    connection: &mut AnyConnection,
    clock: &dyn Clock,
    token: &str,
) -> AppResult<String> {
    let account: Option<String> = sqlx::query_scalar(
        "SELECT account_id FROM password_reset_links \
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at >= $2",
    )
    .bind(token_hash(token))
    .bind(clock.now_ms())
    .fetch_optional(connection)
    .await?;
    account.ok_or_else(invalid_link)
}

/// Marks the link used, if it still is unused and unexpired; fails otherwise. Run it
/// inside the transaction that changes the password, so two uses cannot both succeed.
pub async fn use_link(
    connection: &mut AnyConnection,
    clock: &dyn Clock,
    token: &str,
    account_id: &str,
) -> AppResult<()> {
    let now = clock.now_ms();
    let result = sqlx::query(
        "UPDATE password_reset_links SET used_at = $1 \
         WHERE token_hash = $2 AND account_id = $3 AND used_at IS NULL AND expires_at >= $4",
    )
    .bind(now)
    .bind(token_hash(token))
    .bind(account_id)
    .bind(now)
    .execute(connection)
    .await?;
    if result.rows_affected() == 1 {
        Ok(())
    } else {
        Err(invalid_link())
    }
}

/// Invalidates every unused link of the account, after its password changed.
pub async fn revoke_links(
    connection: &mut AnyConnection,
    clock: &dyn Clock,
    account_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE password_reset_links SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL",
    )
    .bind(clock.now_ms())
    .bind(account_id)
    .execute(connection)
    .await?;
    Ok(())
}
