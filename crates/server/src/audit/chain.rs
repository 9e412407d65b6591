//! The hash chain of the audit log.
//!
//! Each entry stores `SHA-256(previous entry's hash || canonical content)` as hex, so
//! changing, removing or reordering any entry breaks every hash after it.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// Hash that precedes the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The content of one audit entry, as it is hashed and stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditContent {
    /// Position in the log, starting at 1, without gaps.
    pub seq: i64,
    /// Time of the event, milliseconds since the Unix epoch (UTC).
    pub at_ms: i64,
    /// Who acted: `staff:<id>`, `account:<id>` or `system`.
    pub actor: String,
    /// What happened, such as `staff.sign_in` or `review.decide`.
    pub action: String,
    /// What it concerned, such as `review:<id>`; empty when nothing.
    pub subject: String,
    /// Further facts as compact JSON; never a secret or a full document number.
    pub detail: String,
}

impl AuditContent {
    /// Computes this entry's hash from the previous entry's hash.
    pub fn hash(&self, previous_hash: &str) -> String {
        // A JSON array is an unambiguous encoding: no field can spill into the next.
        let canonical = serde_json::to_vec(&(
            self.seq,
            self.at_ms,
            &self.actor,
            &self.action,
            &self.subject,
            &self.detail,
        ))
        .expect("serialising strings and integers cannot fail");
        let mut hasher = Sha256::new();
        hasher.update(previous_hash.as_bytes());
        hasher.update(&canonical);
        hex_lower(&hasher.finalize())
    }
}

/// A stored entry: content plus the hash the log recorded for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    pub content: AuditContent,
    pub hash: String,
}

/// Why an entry fails the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainFault {
    /// The stored hash does not match the content and the previous hash.
    HashMismatch,
    /// The sequence number is not one more than the previous entry's.
    SequenceGap,
}

/// The first entry that fails the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenEntry {
    pub seq: i64,
    pub fault: ChainFault,
}

/// Checks entries in sequence order, continuing from `previous_hash` and `previous_seq`,
/// and returns the hash and sequence number of the last entry, or the first broken one.
pub fn verify_entries<'a>(
    entries: impl IntoIterator<Item = &'a StoredEntry>,
    mut previous_hash: String,
    mut previous_seq: i64,
) -> Result<(String, i64), BrokenEntry> {
    for entry in entries {
        let seq = entry.content.seq;
        if seq != previous_seq + 1 {
            return Err(BrokenEntry {
                seq,
                fault: ChainFault::SequenceGap,
            });
        }
        if entry.content.hash(&previous_hash) != entry.hash {
            return Err(BrokenEntry {
                seq,
                fault: ChainFault::HashMismatch,
            });
        }
        previous_hash = entry.hash.clone();
        previous_seq = seq;
    }
    Ok((previous_hash, previous_seq))
}

fn hex_lower(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        write!(text, "{byte:02x}").expect("writing to a String cannot fail");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build_chain(count: i64) -> Vec<StoredEntry> {
        let mut previous = GENESIS_HASH.to_string();
        (1..=count)
            .map(|seq| {
                let content = AuditContent {
                    seq,
                    at_ms: 1_790_000_000_000 + seq,
                    actor: "staff:1".to_string(),
                    action: "review.claim".to_string(),
                    subject: format!("review:{seq}"),
                    detail: "{}".to_string(),
                };
                let hash = content.hash(&previous);
                previous = hash.clone();
                StoredEntry { content, hash }
            })
            .collect()
    }

    #[test]
    fn intact_chain_verifies() {
        let chain = build_chain(5);
        let (last_hash, last_seq) =
            verify_entries(&chain, GENESIS_HASH.to_string(), 0).expect("intact");
        assert_eq!(last_seq, 5);
        assert_eq!(last_hash, chain[4].hash);
    }

    #[test]
    fn changed_content_is_found() {
        let mut chain = build_chain(5);
        chain[2].content.action = "review.decide".to_string();
        let broken = verify_entries(&chain, GENESIS_HASH.to_string(), 0).unwrap_err();
        assert_eq!(broken.seq, 3);
        assert_eq!(broken.fault, ChainFault::HashMismatch);
    }

    #[test]
    fn removed_entry_is_found() {
        let mut chain = build_chain(5);
        chain.remove(1);
        let broken = verify_entries(&chain, GENESIS_HASH.to_string(), 0).unwrap_err();
        assert_eq!(broken.seq, 3);
        assert_eq!(broken.fault, ChainFault::SequenceGap);
    }

    #[test]
    fn field_boundaries_change_the_hash() {
        let first = AuditContent {
            seq: 1,
            at_ms: 0,
            actor: "ab".to_string(),
            action: "c".to_string(),
            subject: String::new(),
            detail: String::new(),
        };
        let second = AuditContent {
            actor: "a".to_string(),
            action: "bc".to_string(),
            ..first.clone()
        };
        assert_ne!(first.hash(GENESIS_HASH), second.hash(GENESIS_HASH));
    }
}
