//! The session token, kept in the OS keyring and never in a file.
//!
//! On Linux the Secret Service (gnome-keyring, KWallet) is tried first, then the kernel
//! keyring (keyutils). Either can be missing: no D-Bus session or no unlocked collection
//! for the first, no session keyring for the second. When both fail the token lives in
//! memory only, the applicant signs in again after a restart, and the page shows a notice.

use keyring::Entry;
use serde::Serialize;
use std::sync::Mutex;

const SERVICE: &str = "cn.jszg.desk";
const ACCOUNT: &str = "session-token";

/// Storage location of the session token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VaultBackend {
    SecretService,
    KernelKeyring,
    Memory,
}

/// The session token holder chosen at start-up.
pub struct SessionVault {
    backend: VaultBackend,
    entry: Option<Entry>,
    memory: Mutex<Option<String>>,
}

impl SessionVault {
    /// Probes the keyrings in order and keeps the first that can store, read and
    /// delete a value. `service` lets tests use their own entry.
    pub fn open(service_suffix: &str) -> SessionVault {
        let service = format!("{SERVICE}{service_suffix}");
        let candidates: [(VaultBackend, EntryMaker); 2] = [
            (VaultBackend::SecretService, secret_service_entry),
            (VaultBackend::KernelKeyring, kernel_entry),
        ];
        for (backend, make_entry) in candidates {
            let opened = probe(&service, make_entry).and_then(|()| make_entry(&service, ACCOUNT));
            match opened {
                Ok(entry) => {
                    tracing::info!(backend = ?backend, "session token store opened");
                    return SessionVault {
                        backend,
                        entry: Some(entry),
                        memory: Mutex::new(None),
                    };
                }
                Err(error) => {
                    tracing::warn!(backend = ?backend, %error, "keyring unavailable");
                }
            }
        }
        SessionVault::in_memory()
    }

    /// Creates a vault that keeps the token in memory only.
    pub fn in_memory() -> SessionVault {
        SessionVault {
            backend: VaultBackend::Memory,
            entry: None,
            memory: Mutex::new(None),
        }
    }

    pub fn backend(&self) -> VaultBackend {
        self.backend
    }

    /// Stores `token`, replacing any earlier one. A keyring failure falls back to memory.
    pub fn store(&self, token: &str) {
        if let Some(entry) = &self.entry {
            match entry.set_password(token) {
                Ok(()) => return,
                Err(error) => tracing::warn!(%error, "storing the session token failed"),
            }
        }
        *self.memory.lock().expect("session lock poisoned") = Some(token.to_string());
    }

    /// Returns the stored token.
    pub fn load(&self) -> Option<String> {
        if let Some(token) = self.memory.lock().expect("session lock poisoned").clone() {
            return Some(token);
        }
        let entry = self.entry.as_ref()?;
        match entry.get_password() {
            Ok(token) => Some(token),
            Err(keyring::Error::NoEntry) => None,
            Err(error) => {
                tracing::warn!(%error, "reading the session token failed");
                None
            }
        }
    }

    /// Deletes the token everywhere it may be kept.
    pub fn clear(&self) {
        self.memory.lock().expect("session lock poisoned").take();
        if let Some(entry) = &self.entry {
            match entry.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => {}
                Err(error) => tracing::warn!(%error, "deleting the session token failed"),
            }
        }
    }
}

type EntryMaker = fn(&str, &str) -> keyring::Result<Entry>;

fn secret_service_entry(service: &str, account: &str) -> keyring::Result<Entry> {
    let credential =
        keyring::secret_service::SsCredential::new_with_target(None, service, account)?;
    Ok(Entry::new_with_credential(Box::new(credential)))
}

fn kernel_entry(service: &str, account: &str) -> keyring::Result<Entry> {
    let credential =
        keyring::keyutils::KeyutilsCredential::new_with_target(None, service, account)?;
    Ok(Entry::new_with_credential(Box::new(credential)))
}

/// Checks that a store works by writing, reading and deleting a throwaway entry. Reading
/// alone is not enough because a locked Secret Service collection reads as empty.
fn probe(service: &str, make_entry: EntryMaker) -> keyring::Result<()> {
    let entry = make_entry(service, "probe")?;
    entry.set_password("probe")?;
    let read = entry.get_password()?;
    entry.delete_credential()?;
    if read != "probe" {
        return Err(keyring::Error::Invalid(
            "probe".into(),
            "read back a different value".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vault_round_trip_and_clear() {
        let vault = SessionVault::open(&format!(".test.{}", uuid::Uuid::new_v4()));
        vault.store("token-one");
        assert_eq!(vault.load().as_deref(), Some("token-one"));
        vault.store("token-two");
        assert_eq!(vault.load().as_deref(), Some("token-two"));
        vault.clear();
        assert_eq!(vault.load(), None);
    }

    #[test]
    fn memory_vault_keeps_token_until_cleared() {
        let vault = SessionVault::in_memory();
        assert_eq!(vault.backend(), VaultBackend::Memory);
        vault.store("abc");
        assert_eq!(vault.load().as_deref(), Some("abc"));
        vault.clear();
        assert_eq!(vault.load(), None);
    }
}
