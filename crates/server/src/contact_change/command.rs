//! The `contact-change decide` admin command, for use until the reviewer screens exist.

use anyhow::Result;
use clap::{Subcommand, ValueEnum};

use super::decide::{decide_contact_change, ContactChangeDecision, DecidedContactChange};
use super::DecisionContext;
use crate::clock::SystemClock;
use crate::config::Config;
use crate::crypto::Keys;
use crate::db::Db;

/// `jszg-server contact-change ...`.
#[derive(Debug, Subcommand)]
pub enum ContactChangeCommand {
    /// Approve or reject a pending request; the notices wait in the outbox until a
    /// running server delivers them.
    Decide {
        /// Id of the request.
        id: String,
        decision: DecisionArg,
        /// Reason shown to the applicant; required to reject.
        #[arg(long)]
        reason: Option<String>,
        /// Name recorded as the decider.
        #[arg(long, default_value = "admin-cli")]
        reviewer: String,
    },
}

/// The decision given on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DecisionArg {
    Approve,
    Reject,
}

/// Runs a `contact-change` subcommand and prints its outcome.
pub async fn run(config: &Config, command: ContactChangeCommand) -> Result<()> {
    match command {
        ContactChangeCommand::Decide {
            id,
            decision,
            reason,
            reviewer,
        } => {
            let decision = match (decision, reason) {
                (DecisionArg::Approve, _) => ContactChangeDecision::Approve,
                (DecisionArg::Reject, Some(reason)) => ContactChangeDecision::Reject { reason },
                (DecisionArg::Reject, None) => {
                    anyhow::bail!("rejecting needs --reason, which the applicant is shown")
                }
            };
            let decided = run_decide(config, &id, &decision, &reviewer).await?;
            println!(
                "contact change request {} is now {:?}",
                decided.id, decided.status
            );
            Ok(())
        }
    }
}

/// Decides request `id` as `decided_by`. The notices wait in the outbox until a running
/// server's worker delivers them.
pub async fn run_decide(
    config: &Config,
    id: &str,
    decision: &ContactChangeDecision,
    decided_by: &str,
) -> Result<DecidedContactChange> {
    let keys = Keys::load(config)?;
    let db = Db::connect(&config.database_url(), 2).await?;
    let context = DecisionContext {
        db: &db,
        keys: &keys,
        clock: &SystemClock,
        reset_link_base: &config.recovery.reset_link_base,
    };
    let result = decide_contact_change(&context, id, decision, decided_by).await;
    db.pool.close().await;
    result.map_err(|error| match error {
        crate::error::AppError::Rejected { body, .. } => {
            anyhow::anyhow!("{}: {}", body.code, body.message)
        }
        crate::error::AppError::Internal(error) => error,
    })
}
