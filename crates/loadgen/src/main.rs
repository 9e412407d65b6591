//! `jszg-loadgen`: measures the server and the desktop app on servers it starts itself
//! on 127.0.0.1, and writes the results as Markdown tables.
//!
//! `cargo xtask bench` builds everything in release, starts PostgreSQL and Xvfb, runs
//! this binary and puts its output into `docs/benchmarks.md`.

mod client;
mod desktop;
mod machine;
mod reads;
mod registrations;
mod report;
mod server;
mod signin;

use anyhow::{Context, Result};
use clap::Parser;
use client::Api;
use report::Report;
use server::ServerProcess;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "jszg-loadgen",
    about = "Measure the jszg server and desktop app on this machine"
)]
struct Cli {
    /// The `jszg-server` binary to start (build it with `--release`).
    #[arg(long)]
    server_bin: PathBuf,
    /// The `jszg-desk` binary; without it the desktop figures are skipped.
    #[arg(long)]
    desk_bin: Option<PathBuf>,
    /// X display for the desktop app, such as `:99`.
    #[arg(long, env = "DISPLAY")]
    display: Option<String>,
    /// Superuser URL of a throwaway PostgreSQL on 127.0.0.1; without it the PostgreSQL
    /// registration figure is skipped.
    #[arg(long)]
    postgres_url: Option<String>,
    /// Markdown file the tables are written to (standard output when unset).
    #[arg(long)]
    output: Option<PathBuf>,
    /// The command line to print with the figures.
    #[arg(long, default_value = "cargo xtask bench")]
    command_line: String,
}

#[tokio::main]
async fn main() -> Result<()> {
    let cli = Cli::parse();
    let mut report = Report::new(&cli.command_line);

    progress("argon2id rate of one core");
    report
        .argon2_per_core
        .push(tokio::task::spawn_blocking(signin::argon2_rate).await??);
    report.sample_load();

    progress("wrong-password flood");
    report.flood = Some(signin::flood(&cli.server_bin, 200).await?);
    report.sample_load();

    let server = ServerProcess::start(&cli.server_bin, None).await?;
    let api = Api::new(&server)?;
    progress("argon2id rate of one core, again before the sign-ins");
    report
        .argon2_per_core
        .push(tokio::task::spawn_blocking(signin::argon2_rate).await??);
    progress("sign-in levels");
    report.sign_in = signin::sign_in_levels(&api, &[1, 2, 4, 8, 16]).await?;
    report.sample_load();

    progress("authenticated reads");
    let token = reads::session_token(&api).await?;
    report.profile_reads = Some(reads::signed_in_reads(&api, &token, "/profile", 4000, 16).await?);
    report.status_reads =
        Some(reads::signed_in_reads(&api, &token, "/verification", 4000, 16).await?);
    report.bare_reads = Some(reads::bare_reads(4000, 16).await?);
    report.sample_load();

    progress("registrations on SQLite");
    report.sqlite_registrations = Some(registrations::measure(&api, 1_000, 100, 8).await?);
    report.sample_load();
    drop(server);

    if let Some(admin_url) = &cli.postgres_url {
        progress("registrations on PostgreSQL");
        let url = fresh_postgres_database(admin_url).await?;
        let server = ServerProcess::start(&cli.server_bin, Some(&url)).await?;
        let api = Api::new(&server)?;
        report.postgres_registrations = Some(registrations::measure(&api, 2_000, 100, 8).await?);
        report.sample_load();
    }

    if let Some(desk_bin) = &cli.desk_bin {
        report.desk_binary_bytes = Some(std::fs::metadata(desk_bin)?.len());
        let server = ServerProcess::start(&cli.server_bin, None).await?;
        if let Some(display) = &cli.display {
            progress("desktop cold start and idle memory");
            let mut launches = Vec::new();
            for _ in 0..3 {
                let bin = desk_bin.clone();
                let display = display.clone();
                let started = desktop::launch(&bin, &display, &server, Duration::from_secs(5))?;
                launches.push(started);
            }
            report.launches = launches;
            report.sample_load();
        }
        progress("500 offline submissions synced");
        let api = Api::new(&server)?;
        report.queue_sync = Some(desktop::sync_offline_queue(&server, &api, 500).await?);
        report.sample_load();
    }

    progress("argon2id rate of one core, at the end");
    report
        .argon2_per_core
        .push(tokio::task::spawn_blocking(signin::argon2_rate).await??);
    report.sample_load();

    let markdown = report.render();
    match &cli.output {
        Some(path) => std::fs::write(path, &markdown)
            .with_context(|| format!("failed to write {}", path.display()))?,
        None => print!("{markdown}"),
    }
    Ok(())
}

fn progress(step: &str) {
    eprintln!("jszg-loadgen: {step}");
}

/// Creates a database on the cluster of `admin_url` and returns its URL.
async fn fresh_postgres_database(admin_url: &str) -> Result<String> {
    use sqlx::Connection;
    let name = format!("jszg_bench_{}", std::process::id());
    let mut connection = sqlx::PgConnection::connect(admin_url)
        .await
        .with_context(|| format!("failed to connect to {admin_url}"))?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut connection)
        .await?;
    connection.close().await?;
    let (server, _) = admin_url
        .rsplit_once('/')
        .context("PostgreSQL URL has no database path")?;
    Ok(format!("{server}/{name}"))
}
