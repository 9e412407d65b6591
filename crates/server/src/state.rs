//! What every request handler can reach: database, clock, keys, hasher, messengers.

use crate::clock::Clock;
use crate::config::Config;
use crate::crypto::{Keys, PasswordHasher};
use crate::db::Db;
use crate::outbox::Messengers;
use std::sync::Arc;
use tokio::sync::Notify;

/// Shared state of one server instance; cloning is cheap.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub config: Config,
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub keys: Keys,
    pub hasher: PasswordHasher,
    pub messengers: Messengers,
    /// SHA-256 of the admin bearer token.
    pub admin_token_hash: String,
    /// Woken when a message is queued, so the outbox worker need not wait for its poll.
    pub outbox_wakeup: Arc<Notify>,
    /// The identity register real-name verification asks.
    pub register: Arc<dyn crate::register::IdentityRegister>,
}

impl AppState {
    pub fn new(inner: Inner) -> AppState {
        AppState(Arc::new(inner))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}
