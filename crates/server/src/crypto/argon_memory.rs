//! Argon2id computed in caller-provided work memory. The 19 MiB a hash needs is
//! allocated once per hashing permit and reused, instead of once per hash.
//!
//! With one allocation per hash, 200 concurrent sign-ins grew the server from 21 MiB to
//! 500 MiB although only one hash per core ran at a time (measured, see
//! `docs/benchmarks.md`). The likely cause is the allocator keeping freed blocks in one
//! arena per blocking-pool thread.

use anyhow::{anyhow, bail, Result};
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::{Mutex, PoisonError};

/// Length in bytes of the hash output stored in the PHC string.
const OUTPUT_LEN: usize = 32;

/// Parameters of every new hash: 19 MiB, 2 passes, 1 lane.
pub fn params() -> Params {
    Params::new(19 * 1024, 2, 1, Some(OUTPUT_LEN)).expect("argon2 parameters are valid")
}

/// Work memory sets for argon2id, each large enough for [`params`]. The pool holds at
/// most as many sets as hashes ever ran at once.
#[derive(Default)]
pub struct MemoryPool(Mutex<Vec<Vec<Block>>>);

impl MemoryPool {
    /// Runs `work` with a memory set from the pool (a new one when all are in use) and
    /// puts the set back afterwards.
    pub fn with_memory<T>(&self, work: impl FnOnce(&mut [Block]) -> T) -> T {
        let taken = self.lock().pop();
        let mut blocks = taken.unwrap_or_else(|| vec![Block::default(); params().block_count()]);
        let result = work(&mut blocks);
        self.lock().push(blocks);
        result
    }

    /// Number of memory sets allocated so far.
    #[cfg(test)]
    pub fn sets(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Vec<Block>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Hashes `password` with a fresh random salt into a PHC string
/// (`$argon2id$v=19$m=19456,t=2,p=1$SALT$HASH`).
pub fn hash_phc(password: &[u8], memory: &mut [Block]) -> Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    let mut salt_buffer = [0u8; 64];
    let raw_salt = salt
        .decode_b64(&mut salt_buffer)
        .map_err(|error| anyhow!("salt encoding failed: {error}"))?;
    let params = params();
    let mut out = [0u8; OUTPUT_LEN];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(password, raw_salt, &mut out, memory)
        .map_err(|error| anyhow!("argon2 hashing failed: {error}"))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params)
            .map_err(|error| anyhow!("argon2 parameters unencodable: {error}"))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|error| anyhow!("argon2 output: {error}"))?),
    };
    Ok(phc.to_string())
}

/// Checks `password` against the PHC string `stored`, with the algorithm, version and
/// parameters it names. The output is compared in constant time. A hash that needs more
/// memory than `memory` holds gets its own allocation.
pub fn verify_phc(password: &[u8], stored: &str, memory: &mut [Block]) -> Result<bool> {
    let invalid =
        |error: &dyn std::fmt::Display| anyhow!("stored password hash is invalid: {error}");
    let parsed = PasswordHash::new(stored).map_err(|e| invalid(&e))?;
    let algorithm = Algorithm::try_from(parsed.algorithm).map_err(|e| invalid(&e))?;
    let version = match parsed.version {
        Some(version) => Version::try_from(version).map_err(|e| invalid(&e))?,
        None => Version::default(),
    };
    let params = Params::try_from(&parsed).map_err(|e| invalid(&e))?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        bail!("stored password hash has no salt or no output");
    };
    let mut salt_buffer = [0u8; 64];
    let raw_salt = salt.decode_b64(&mut salt_buffer).map_err(|e| invalid(&e))?;
    let mut out = vec![0u8; expected.len()];
    let needed = params.block_count();
    let argon2 = Argon2::new(algorithm, version, params);
    let computed = match memory.get_mut(..needed) {
        Some(memory) => argon2.hash_password_into_with_memory(password, raw_salt, &mut out, memory),
        None => argon2.hash_password_into_with_memory(
            password,
            raw_salt,
            &mut out,
            vec![Block::default(); needed],
        ),
    };
    computed.map_err(|error| anyhow!("argon2 verification failed: {error}"))?;
    let computed = Output::new(&out).map_err(|e| invalid(&e))?;
    // `Output` compares in constant time.
    Ok(computed == expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    fn memory() -> Vec<Block> {
        vec![Block::default(); params().block_count()]
    }

    #[test]
    fn own_hash_is_a_standard_phc_string() {
        let phc = hash_phc(b"Abc#1234", &mut memory()).unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        let parsed = PasswordHash::new(&phc).unwrap();
        let standard = Argon2::new(Algorithm::Argon2id, Version::V0x13, params());
        assert!(standard.verify_password(b"Abc#1234", &parsed).is_ok());
        assert!(standard.verify_password(b"Abc#1235", &parsed).is_err());
    }

    #[test]
    fn standard_hash_verifies_with_reused_memory() {
        let mut memory = memory();
        let salt = SaltString::encode_b64(b"sixteen byte salt").unwrap();
        let standard = Argon2::new(Algorithm::Argon2id, Version::V0x13, params());
        let phc = standard
            .hash_password(b"Abc#1234", &salt)
            .unwrap()
            .to_string();
        // The memory holds the previous hash's blocks; the result must not depend on them.
        hash_phc(b"something else", &mut memory).unwrap();
        assert!(verify_phc(b"Abc#1234", &phc, &mut memory).unwrap());
        assert!(!verify_phc(b"Abc#1234 ", &phc, &mut memory).unwrap());
    }

    #[test]
    fn hash_with_more_memory_than_the_pool_set_verifies() {
        let bigger = Params::new(32 * 1024, 1, 1, None).unwrap();
        let salt = SaltString::encode_b64(b"sixteen byte salt").unwrap();
        let phc = Argon2::new(Algorithm::Argon2id, Version::V0x13, bigger)
            .hash_password(b"Abc#1234", &salt)
            .unwrap()
            .to_string();
        assert!(verify_phc(b"Abc#1234", &phc, &mut memory()).unwrap());
    }

    #[test]
    fn malformed_hash_is_an_error() {
        assert!(verify_phc(b"Abc#1234", "$argon2id$v=19$nonsense", &mut memory()).is_err());
    }

    #[test]
    fn pool_reuses_a_returned_set() {
        let pool = MemoryPool::default();
        pool.with_memory(|memory| hash_phc(b"one", memory).unwrap());
        pool.with_memory(|memory| hash_phc(b"two", memory).unwrap());
        assert_eq!(pool.sets(), 1);
    }
}
