//! `jszg-server staff add`: creates a staff account against the configured database.

use super::accounts::{add_staff, NewStaff};
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::crypto::{Keys, PasswordHasher};
use crate::db::Db;
use anyhow::Result;
use jszg_api::staff::StaffRole;

/// Opens the database of `config` and creates the account.
pub async fn run_staff_add(
    config: &Config,
    username: &str,
    role: StaffRole,
    password: Option<String>,
) -> Result<NewStaff> {
    let keys = Keys::load(config)?;
    let db = Db::connect(&config.database_url(), 2).await?;
    let created = add_staff(
        &db,
        &keys,
        &PasswordHasher::new(),
        username,
        role,
        password,
        SystemClock.now_ms(),
    )
    .await;
    db.pool.close().await;
    created
}
