use clap::Parser;

/// Central server of the jszg account system.
#[derive(Parser)]
#[command(name = "jszg-server", version)]
struct Cli {}

fn main() -> anyhow::Result<()> {
    let _cli = Cli::parse();
    Ok(())
}
