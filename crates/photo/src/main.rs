//! `jszg-photo check FILE` and `jszg-photo fit IN OUT`: print the report as JSON.

use std::process::ExitCode;

use clap::Parser;
use jszg_photo::cli::{run, PhotoCommand};

/// Checks photos against the upload rules and fits them under 190 KB.
#[derive(Debug, Parser)]
#[command(name = "jszg-photo", version)]
struct Arguments {
    #[command(subcommand)]
    command: PhotoCommand,
}

fn main() -> anyhow::Result<ExitCode> {
    let arguments = Arguments::parse();
    let output = run(&arguments.command)?;
    println!("{}", serde_json::to_string_pretty(&output.json)?);
    // Exit status 1 marks a photo that is not acceptable or could not be fitted.
    // A file error returns `Err` from `main`, which also exits with status 1.
    Ok(if output.success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
