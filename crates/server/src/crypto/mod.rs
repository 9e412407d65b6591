//! Encryption at rest, keyed look-up hashes, random tokens and password hashing.

mod argon_memory;
mod keys;
mod password;

pub use keys::Keys;
pub use password::{PasswordHasher, PasswordTooLong, MAX_PASSWORD_CHARS};

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use anyhow::{anyhow, bail, Result};
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

const NONCE_LEN: usize = 12;

/// Encrypts `plaintext` with AES-256-GCM under a fresh random nonce; the result is the
/// nonce followed by the ciphertext and tag.
pub fn encrypt(keys: &Keys, plaintext: &[u8]) -> Vec<u8> {
    let cipher = Aes256Gcm::new_from_slice(&keys.data_key).expect("data key is 32 bytes");
    let mut nonce = [0u8; NONCE_LEN];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let sealed = cipher
        .encrypt(Nonce::from_slice(&nonce), plaintext)
        .expect("AES-GCM encryption of an in-memory buffer cannot fail");
    let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

/// Decrypts what [`encrypt`] produced; fails on a wrong key or altered data.
pub fn decrypt(keys: &Keys, sealed: &[u8]) -> Result<Vec<u8>> {
    if sealed.len() < NONCE_LEN + 16 {
        bail!("encrypted value is {} bytes, too short", sealed.len());
    }
    let cipher = Aes256Gcm::new_from_slice(&keys.data_key).expect("data key is 32 bytes");
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    cipher
        .decrypt(Nonce::from_slice(nonce), body)
        .map_err(|_| anyhow!("decryption failed: wrong key or altered data"))
}

/// Decrypts a value that was stored as encrypted UTF-8 text.
pub fn decrypt_text(keys: &Keys, sealed: &[u8]) -> Result<String> {
    Ok(String::from_utf8(decrypt(keys, sealed)?)?)
}

/// HMAC-SHA-256 of `value` under the look-up key, as lower-case hex. Equal inputs give
/// equal hashes, so a unique index on it finds duplicates without storing the value.
pub fn lookup_hash(keys: &Keys, value: &str) -> String {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(&keys.hmac_key).expect("HMAC takes any key");
    mac.update(value.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A random 256-bit token, URL-safe base64 without padding.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 of a token as hex: the only form in which tokens are stored.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encryption_round_trips_and_detects_tampering() {
        let keys = Keys::generate();
        let mut sealed = encrypt(&keys, b"110101199003070012");
        assert_eq!(decrypt(&keys, &sealed).unwrap(), b"110101199003070012");
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert!(decrypt(&keys, &sealed).is_err());
    }

    #[test]
    fn encryption_uses_fresh_nonces() {
        let keys = Keys::generate();
        assert_ne!(encrypt(&keys, b"same"), encrypt(&keys, b"same"));
    }

    #[test]
    fn lookup_hash_depends_on_key() {
        let first = Keys::generate();
        let second = Keys::generate();
        assert_eq!(lookup_hash(&first, "a"), lookup_hash(&first, "a"));
        assert_ne!(lookup_hash(&first, "a"), lookup_hash(&second, "a"));
    }

    #[test]
    fn tokens_are_long_and_distinct() {
        let token = random_token();
        assert_eq!(token.len(), 43);
        assert_ne!(token, random_token());
        assert_eq!(token_hash(&token).len(), 64);
    }
}
