//! The `check` and `fit` commands, shared by the `jszg-photo` binary and the server's
//! `photo` subcommand.

use std::fs;
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use serde_json::json;

use crate::{check, fit};

/// Commands on photo files. Each prints one JSON document on standard output.
#[derive(Debug, Clone, Subcommand)]
pub enum PhotoCommand {
    /// Check a photo against the upload rules and print the report.
    Check {
        /// Photo file, whose format is detected from the content, not the name.
        file: PathBuf,
    },
    /// Fit a photo under the upload rules and write the JPEG to OUTPUT.
    Fit {
        /// JPEG, PNG or WebP photo.
        input: PathBuf,
        /// Path of the JPEG to write, left untouched when the photo cannot be fitted.
        output: PathBuf,
    },
}

/// Result of a command: the JSON to print and whether the photo is usable.
#[derive(Debug, Clone)]
pub struct CommandOutput {
    pub json: serde_json::Value,
    /// For `check`, whether the photo is acceptable. For `fit`, whether OUTPUT was written.
    pub success: bool,
}

/// Runs `command`. Only file errors are returned as `Err`, because problems with the
/// photo are part of the JSON.
pub fn run(command: &PhotoCommand) -> anyhow::Result<CommandOutput> {
    match command {
        PhotoCommand::Check { file } => {
            let bytes = read(file)?;
            let report = check(&bytes);
            Ok(CommandOutput {
                success: report.acceptable,
                json: serde_json::to_value(&report)?,
            })
        }
        PhotoCommand::Fit { input, output } => {
            let bytes = read(input)?;
            match fit(&bytes) {
                Ok(fitted) => {
                    fs::write(output, &fitted.bytes)
                        .with_context(|| format!("failed to write {}", output.display()))?;
                    Ok(CommandOutput {
                        success: true,
                        json: json!({ "fitted": fitted }),
                    })
                }
                Err(error) => Ok(CommandOutput {
                    success: false,
                    json: json!({ "error": error }),
                }),
            }
        }
    }
}

fn read(path: &PathBuf) -> anyhow::Result<Vec<u8>> {
    fs::read(path).with_context(|| format!("failed to read {}", path.display()))
}
