//! `cargo xtask run` and `cargo xtask test`: install what is missing, build, start.

mod bench;
mod display;
mod packages;
mod postgres;
mod workspace;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "xtask", about = "Build, run and test jszg-desk")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the desktop app with an embedded local server.
    Run,
    /// Install what the tests need, start PostgreSQL and Xvfb, and run every test.
    Test {
        /// Extra arguments passed to `cargo test` (for example a test name filter).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        cargo_args: Vec<String>,
    },
    /// Run `cargo fmt --check` and `cargo clippy --all-targets -- -D warnings`.
    Lint,
    /// Build in release, measure the server and desktop app, update docs/benchmarks.md.
    Bench,
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Run => workspace::run_desktop(),
        Command::Test { cargo_args } => workspace::test_all(&cargo_args),
        Command::Lint => workspace::lint(),
        Command::Bench => bench::run(),
    }
}
