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
    /// Manage staff accounts.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Check a value by the rules the server applies and print the result as JSON; exits
    /// with status 1 when the value is invalid.
    #[command(subcommand)]
    Check(jszg_server::check::CheckCommand),
    /// Load legacy accounts (registered before 1 March 2019) from a CSV file and print
    /// the rows it rejected.
    ImportLegacy { file: PathBuf },
    /// Decide contact change requests.
    #[command(subcommand)]
    ContactChange(jszg_server::contact_change::command::ContactChangeCommand),
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Create a staff account; prints its password and TOTP secret once. The password
    /// is random unless JSZG_STAFF_PASSWORD is set.
    Add {
        #[arg(long, value_enum)]
        role: StaffRoleArg,
        username: String,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum StaffRoleArg {
    Reviewer,
    Admin,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the hash chain; exits with status 1 at the first broken entry.
    Verify,
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
        Command::Staff(StaffCommand::Add { role, username }) => {
            staff_add(cli.config, role, &username).await
        }
        Command::Audit(AuditCommand::Verify) => audit_verify(cli.config).await,
        Command::Check(check) => {
            let clock = jszg_server::clock::SystemClock;
            let today = jszg_core::beijing::beijing_date(jszg_server::clock::Clock::now(&clock));
            let result = jszg_server::check::run(&check, today);
            println!("{result}");
            if result["valid"] != true {
                std::process::exit(1);
            }
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

async fn staff_add(config_path: Option<PathBuf>, role: StaffRoleArg, username: &str) -> Result<()> {
    let config = jszg_server::Config::load(config_path.as_deref())?;
    let role = match role {
        StaffRoleArg::Reviewer => jszg_api::staff::StaffRole::Reviewer,
        StaffRoleArg::Admin => jszg_api::staff::StaffRole::Admin,
    };
    let password = std::env::var("JSZG_STAFF_PASSWORD").ok();
    let created =
        jszg_server::staff::command::run_staff_add(&config, username, role, password).await?;
    println!("staff account created: {}", created.username);
    println!("password: {}", created.password);
    println!("TOTP secret: {}", created.totp_secret);
    println!("otpauth URI: {}", created.otpauth_uri);
    println!("The password and secret are not shown again.");
    Ok(())
}

async fn audit_verify(config_path: Option<PathBuf>) -> Result<()> {
    let config = jszg_server::Config::load(config_path.as_deref())?;
    let report = jszg_server::audit::command::run_audit_verify(&config).await?;
    let (line, intact) = jszg_server::audit::command::describe(&report);
    println!("{line}");
    if !intact {
        std::process::exit(1);
    }
    Ok(())
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
