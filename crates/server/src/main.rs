use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Central server of the jszg account system.
#[derive(Parser)]
#[command(name = "jszg-server", version)]
struct Cli {
    /// TOML configuration file; environment variables override it.
    #[arg(long, env = "JSZG_CONFIG", global = true)]
    config: Option<PathBuf>,
    /// Write logs as one JSON object per line.
    #[arg(long, global = true)]
    log_json: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the HTTPS API (the default).
    Serve,
    /// Print the OpenAPI document as JSON.
    Openapi,
}

#[tokio::main]
async fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.config, cli.log_json).await,
        Command::Openapi => {
            println!("{}", jszg_server::openapi::document_json());
            Ok(())
        }
    }
}

async fn serve(config_path: Option<PathBuf>, log_json: bool) -> Result<()> {
    jszg_server::cli::init_logging(log_json);
    let config = jszg_server::Config::load(config_path.as_deref())?;
    let mut server = jszg_server::start(config).await?;
    if let Some(path) = &server.ca_path {
        println!("development CA certificate: {}", path.display());
    }
    println!("listening on {}", server.base_url);
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = server.wait() => {}
    }
    tracing::info!("shutting down");
    server.shutdown().await;
    Ok(())
}
