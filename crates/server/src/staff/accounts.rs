//! Creating staff accounts (the `jszg-server staff add` command) and reading them.

use super::totp;
use crate::crypto::{encrypt, random_token, Keys, PasswordHasher};
use crate::db::{is_unique_violation, Db};
use anyhow::{bail, Context, Result};
use jszg_api::staff::StaffRole;

pub fn role_str(role: StaffRole) -> &'static str {
    match role {
        StaffRole::Reviewer => "reviewer",
        StaffRole::Admin => "admin",
    }
}

pub fn role_from_str(text: &str) -> Option<StaffRole> {
    match text {
        "reviewer" => Some(StaffRole::Reviewer),
        "admin" => Some(StaffRole::Admin),
        _ => None,
    }
}

/// What `staff add` prints once: the password and the TOTP secret are not shown again.
pub struct NewStaff {
    pub id: String,
    pub username: String,
    pub password: String,
    pub totp_secret: String,
    pub otpauth_uri: String,
}

/// Usernames: 3-32 characters of ASCII letters, digits, `.`, `_` and `-`.
pub fn check_username(username: &str) -> Result<()> {
    let valid_chars = username
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !(3..=32).contains(&username.len()) || !valid_chars {
        bail!("username {username:?} is invalid: use 3-32 ASCII letters, digits, '.', '_' or '-'");
    }
    Ok(())
}

/// Creates a staff account with a random password (unless `password` is given) and a
/// new TOTP secret, stored encrypted.
pub async fn add_staff(
    db: &Db,
    keys: &Keys,
    hasher: &PasswordHasher,
    username: &str,
    role: StaffRole,
    password: Option<String>,
    now_ms: i64,
) -> Result<NewStaff> {
    check_username(username)?;
    // A given password follows the applicants' composition rule; a generated one is a
    // longer random token.
    if let Some(given) = &password {
        if let Err(error) = jszg_core::password::check_password(given, None, None) {
            bail!("staff password rejected: {error}");
        }
    }
    let password = password.unwrap_or_else(random_token);
    let password_hash = hasher.hash(&password).await?;
    let secret = totp::generate_secret();
    let otpauth_uri = totp::provisioning_uri(&secret, username).map_err(anyhow::Error::msg)?;
    let id = uuid::Uuid::new_v4().to_string();
    let inserted = sqlx::query(
        "INSERT INTO staff (id, username, role, password_hash, totp_secret, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(username)
    .bind(role_str(role))
    .bind(&password_hash)
    .bind(encrypt(keys, secret.as_bytes()))
    .bind(now_ms)
    .execute(&db.pool)
    .await;
    match inserted {
        Err(error) if is_unique_violation(&error) => bail!("staff username {username:?} is taken"),
        other => other.context("storing the staff account failed")?,
    };
    tracing::info!(staff_id = %id, username, role = role_str(role), "staff account created");
    Ok(NewStaff {
        id,
        username: username.to_string(),
        password,
        totp_secret: secret,
        otpauth_uri,
    })
}
