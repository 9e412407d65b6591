//! Argon2id password hashing on the blocking pool, limited to one hash per core.

use super::argon_memory::{hash_phc, verify_phc, MemoryPool};
use anyhow::Result;
use argon2::Block;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Longer passwords are rejected before any hashing work is done.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// A password longer than [`MAX_PASSWORD_CHARS`].
#[derive(Debug, thiserror::Error)]
#[error("password is longer than {MAX_PASSWORD_CHARS} characters")]
pub struct PasswordTooLong;

/// Hashes and verifies passwords with argon2id (19 MiB, 2 passes, 1 lane). At most one
/// hash per CPU core runs at a time, so a burst of sign-ins waits in line instead of
/// allocating 19 MiB each at once, and each running hash reuses work memory from a pool
/// that never holds more sets than there are permits.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    memory: Arc<MemoryPool>,
    /// A hash of a random password, verified for unknown accounts so their answer takes
    /// as long as a real check.
    dummy_hash: Arc<str>,
}

impl PasswordHasher {
    pub fn new() -> PasswordHasher {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let memory = Arc::new(MemoryPool::default());
        let dummy = memory
            .with_memory(|blocks| hash_phc(crate::crypto::random_token().as_bytes(), blocks))
            .expect("hashing a random password succeeds");
        PasswordHasher {
            permits: Arc::new(Semaphore::new(cores)),
            memory,
            dummy_hash: dummy.into(),
        }
    }

    /// Hashes `password` into a PHC string.
    pub async fn hash(&self, password: &str) -> Result<String> {
        check_length(password)?;
        let password = password.to_owned();
        self.run(move |blocks| hash_phc(password.as_bytes(), blocks))
            .await
    }

    /// Checks `password` against `stored`; with no stored hash it checks against a dummy
    /// hash and returns false, taking the same time as a real check.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> Result<bool> {
        if check_length(password).is_err() {
            return Ok(false);
        }
        let known = stored.is_some();
        let stored = stored.map_or_else(|| self.dummy_hash.to_string(), str::to_owned);
        let password = password.to_owned();
        let matches = self
            .run(move |blocks| verify_phc(password.as_bytes(), &stored, blocks))
            .await?;
        Ok(known && matches)
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut [Block]) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let permit = self.permits.clone().acquire_owned().await?;
        let memory = self.memory.clone();
        // The permit moves into the closure, so it is released when the hash finishes,
        // even if the request that asked for it has been dropped meanwhile. The memory
        // set goes back to the pool before the permit is released, so the pool never
        // holds more sets than there are permits.
        tokio::task::spawn_blocking(move || {
            let result = memory.with_memory(work);
            drop(permit);
            result
        })
        .await?
    }
}

impl Default for PasswordHasher {
    fn default() -> Self {
        PasswordHasher::new()
    }
}

fn check_length(password: &str) -> Result<(), PasswordTooLong> {
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return Err(PasswordTooLong);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_verifies_only_the_same_password() {
        let hasher = PasswordHasher::new();
        let hash = hasher.hash("Abc#1234").await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hasher.verify("Abc#1234", Some(&hash)).await.unwrap());
        assert!(!hasher.verify("Abc#1235", Some(&hash)).await.unwrap());
        assert!(!hasher.verify("Abc#1234", None).await.unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_hashes_use_one_memory_set_per_permit() {
        let hasher = PasswordHasher::new();
        let permits = hasher.permits.available_permits();
        let checks = (0..3 * permits).map(|i| {
            let hasher = hasher.clone();
            tokio::spawn(async move { hasher.verify(&format!("Wrong#{i}"), None).await })
        });
        for check in futures::future::join_all(checks).await {
            assert!(!check.unwrap().unwrap());
        }
        assert!(
            hasher.memory.sets() <= permits,
            "{} sets",
            hasher.memory.sets()
        );
    }

    #[tokio::test]
    async fn overlong_password_is_rejected_before_hashing() {
        let hasher = PasswordHasher::new();
        let long = "a".repeat(MAX_PASSWORD_CHARS + 1);
        assert!(hasher.hash(&long).await.is_err());
        assert!(hasher.hash(&"a".repeat(MAX_PASSWORD_CHARS)).await.is_ok());
    }
}
