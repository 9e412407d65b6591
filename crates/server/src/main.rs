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
    /// Load legacy accounts (registered before 1 March 2019) from a CSV file and print
    /// the rows it rejected.
    ImportLegacy { file: PathBuf },
    /// Decide contact change requests.
    #[command(subcommand)]
    ContactChange(jszg_server::contact_change::command::ContactChangeCommand),
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
        Command::ImportLegacy { file } => {
            jszg_server::cli::init_logging(cli.log_json);
            let config = jszg_server::Config::load(cli.config.as_deref())?;
            let report = jszg_server::legacy::command::run_import_legacy(&config, &file).await?;
            print!("{}", report.to_text());
            Ok(())
        }
        Command::ContactChange(command) => {
            jszg_server::cli::init_logging(cli.log_json);
            let config = jszg_server::Config::load(cli.config.as_deref())?;
            jszg_server::contact_change::command::run(&config, command).await
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
