//! The staff session: kept in the OS keyring under its own entry, so a reviewer and an
//! applicant can be signed in on one machine without ending each other's session. The
//! entry is named after the app's data folder, so two copies of the app with their own
//! folders (two reviewers on one machine, or a test with two windows) keep their own
//! staff sessions.

use super::{client_error, UNAUTHORIZED};
use crate::session::SessionVault;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use jszg_api::client::{ApiClient, ClientError};
use jszg_api::staff::{StaffRole, StaffSession};
use jszg_api::ErrorBody;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Keyring service suffix of the staff session, appended to the applicant's service name
/// and followed by a tag of the data folder.
const STAFF_VAULT_SUFFIX: &str = ".staff";

/// Returns the keyring service suffix for the data folder `data_dir`: the first 16 hex
/// digits of the SHA-256 of its path, so the entry name says nothing about the folder.
fn vault_suffix(data_dir: &Path) -> String {
    let digest = Sha256::digest(data_dir.as_os_str().as_encoded_bytes());
    let tag: String = digest[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("{STAFF_VAULT_SUFFIX}.{tag}")
}

/// The signed-in staff member as the page sees it; the token never leaves Rust.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffIdentity {
    pub username: String,
    pub role: StaffRole,
    pub expires_at: DateTime<Utc>,
}

/// What the keyring entry contains: the token and who it belongs to.
#[derive(Serialize, Deserialize)]
struct StoredSession {
    token: String,
    identity: StaffIdentity,
}

/// State managed by Tauri for the staff screens.
pub struct StaffDesk {
    vault: SessionVault,
}

impl StaffDesk {
    /// Opens the staff keyring entry of the data folder `data_dir` (see
    /// [`SessionVault::open`] for the fallbacks).
    pub fn open(data_dir: &Path) -> StaffDesk {
        StaffDesk {
            vault: SessionVault::open(&vault_suffix(data_dir)),
        }
    }

    /// Creates a desk whose session lives in memory only.
    pub fn in_memory() -> StaffDesk {
        StaffDesk {
            vault: SessionVault::in_memory(),
        }
    }

    /// Stores a new session, replacing any earlier one.
    pub fn remember(&self, session: &StaffSession) -> StaffIdentity {
        let identity = StaffIdentity {
            username: session.username.clone(),
            role: session.role,
            expires_at: session.expires_at,
        };
        let stored = StoredSession {
            token: session.token.clone(),
            identity: identity.clone(),
        };
        let text = serde_json::to_string(&stored).expect("staff session serialises");
        self.vault.store(&text);
        identity
    }

    /// Returns the stored session unless it has expired at `now` or cannot be read.
    fn stored(&self, now: DateTime<Utc>) -> Option<StoredSession> {
        let text = self.vault.load()?;
        let stored: StoredSession = match serde_json::from_str(&text) {
            Ok(stored) => stored,
            Err(error) => {
                tracing::warn!(%error, "stored staff session unreadable; signing out");
                self.vault.clear();
                return None;
            }
        };
        if stored.identity.expires_at <= now {
            self.vault.clear();
            return None;
        }
        Some(stored)
    }

    /// Returns who is signed in at `now`, if anyone.
    pub fn identity(&self, now: DateTime<Utc>) -> Option<StaffIdentity> {
        self.stored(now).map(|stored| stored.identity)
    }

    /// Returns the stored token at `now`, if a session is running.
    pub fn token(&self, now: DateTime<Utc>) -> Option<String> {
        self.stored(now).map(|stored| stored.token)
    }

    pub fn forget(&self) {
        self.vault.clear();
    }

    /// Returns a client for the configured server without a session.
    pub async fn anonymous_client(&self, state: &AppState) -> Result<ApiClient, ErrorBody> {
        let link = state.link().await?;
        link.api(None).map_err(|error| {
            tracing::error!(%error, "API client setup failed");
            ErrorBody {
                code: "settings.client".into(),
                message: "无法建立与服务器的安全连接，请检查“服务器设置”中的证书。".into(),
                field: None,
            }
        })
    }

    /// Returns a client carrying the staff token, or `staff.unauthorized` when nobody
    /// is signed in.
    pub async fn client(&self, state: &AppState) -> Result<ApiClient, ErrorBody> {
        let token = self.token(Utc::now()).ok_or_else(signed_out)?;
        Ok(self.anonymous_client(state).await?.with_token(Some(token)))
    }

    /// Maps a failed staff call; a rejected session also ends the local one, so the
    /// page returns to the sign-in screen.
    pub fn fail(&self, error: ClientError) -> ErrorBody {
        let body = client_error(error);
        if body.code == UNAUTHORIZED {
            self.forget();
        }
        body
    }
}

fn signed_out() -> ErrorBody {
    ErrorBody {
        code: UNAUTHORIZED.into(),
        message: "审核人员登录已失效，请重新登录。".into(),
        field: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn session(expires_at: DateTime<Utc>) -> StaffSession {
        StaffSession {
            token: "secret-token".into(),
            username: "reviewer.li".into(),
            role: StaffRole::Reviewer,
            expires_at,
        }
    }

    #[test]
    fn session_kept_until_expiry() {
        let desk = StaffDesk::in_memory();
        let expiry = Utc.with_ymd_and_hms(2026, 10, 9, 8, 0, 0).unwrap();
        let identity = desk.remember(&session(expiry));
        assert_eq!(identity.username, "reviewer.li");
        let before = expiry - chrono::Duration::seconds(1);
        assert_eq!(desk.identity(before), Some(identity));
        assert_eq!(desk.token(before).as_deref(), Some("secret-token"));
        assert_eq!(desk.identity(expiry), None);
        assert_eq!(desk.token(before), None, "an expired session is deleted");
    }

    #[test]
    fn vault_suffix_per_folder() {
        let first = vault_suffix(Path::new("/home/li/.local/share/cn.jszg.desk"));
        let second = vault_suffix(Path::new("/tmp/jszg-e2e-2"));
        assert_ne!(first, second);
        assert_eq!(
            first,
            vault_suffix(Path::new("/home/li/.local/share/cn.jszg.desk"))
        );
        assert!(first.starts_with(".staff."));
        assert_eq!(first.len(), ".staff.".len() + 16);
        assert!(
            !first.contains("home"),
            "the folder name stays out of the keyring"
        );
    }

    #[test]
    fn forget_ends_session() {
        let desk = StaffDesk::in_memory();
        let expiry = Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
        desk.remember(&session(expiry));
        desk.forget();
        assert_eq!(desk.identity(expiry - chrono::Duration::days(1)), None);
    }
}
