//! The workspace commands: run the desktop app, run every test, lint.

use crate::{display::VirtualDisplay, packages, postgres::Cluster};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds and starts the desktop app; with no server configured it embeds one.
pub fn run_desktop() -> Result<()> {
    packages::ensure(&[packages::DESKTOP])?;
    let mut cargo = cargo_command();
    cargo.args(["run", "--package", "jszg-desk"]);
    run(cargo)
}

/// Installs what the tests need, starts PostgreSQL, Xvfb and a keyring, and runs
/// `cargo test` on the whole workspace.
pub fn test_all(extra_args: &[String]) -> Result<()> {
    packages::ensure(&[packages::DESKTOP, packages::TEST])?;
    let tauri_driver = packages::ensure_tauri_driver()?;
    let cluster = Cluster::start().context("starting a throwaway PostgreSQL failed")?;
    eprintln!("xtask: PostgreSQL for tests at {}", cluster.url);
    let display = VirtualDisplay::start()?;
    eprintln!("xtask: Xvfb on display {}", display.name);
    let keyring_home = tempfile::Builder::new().prefix("jszg-keyring-").tempdir()?;

    let mut cargo_args = vec!["test".to_string(), "--no-fail-fast".to_string()];
    let selects_packages = extra_args
        .iter()
        .any(|arg| arg == "-p" || arg.starts_with("--package") || arg.starts_with("-p"));
    if !selects_packages {
        cargo_args.push("--workspace".to_string());
    }
    cargo_args.extend(extra_args.iter().cloned());
    let mut command = with_keyring_session(&cargo_args);
    command
        .env("CARGO_TARGET_DIR", target_dir()?)
        .env("DISPLAY", &display.name)
        .env("XDG_DATA_HOME", keyring_home.path())
        .env("JSZG_TEST_DATABASE_URL", &cluster.url)
        .env("JSZG_REQUIRE_POSTGRES", "1")
        .env("JSZG_TAURI_DRIVER", &tauri_driver);
    run(command)
}

/// Checks formatting and lints, with warnings as errors.
pub fn lint() -> Result<()> {
    packages::ensure(&[packages::DESKTOP])?;
    let mut fmt = Command::new("cargo");
    fmt.args(["fmt", "--all", "--check"]);
    run(fmt)?;
    let mut clippy = cargo_command();
    clippy.args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]);
    run(clippy)
}

/// Wraps `cargo ARGS` in a private D-Bus session with an unlocked gnome-keyring, so the
/// desktop app under test finds a Secret Service. Without dbus-run-session it runs cargo
/// directly and the app falls back to its in-memory session store.
fn with_keyring_session(cargo_args: &[String]) -> Command {
    if !Path::new("/usr/bin/dbus-run-session").exists() {
        let mut command = Command::new("cargo");
        command.args(cargo_args);
        return command;
    }
    let mut command = Command::new("dbus-run-session");
    command.args([
        "--",
        "sh",
        "-c",
        "printf jszg-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; \
         exec \"$@\"",
        "sh",
        "cargo",
    ]);
    command.args(cargo_args);
    command
}

fn cargo_command() -> Command {
    let mut command = Command::new("cargo");
    if let Ok(dir) = target_dir() {
        command.env("CARGO_TARGET_DIR", dir);
    }
    command
}

/// Returns `CARGO_TARGET_DIR` when set, otherwise `~/.cache/jszg-desk/target`, which
/// keeps builds warm across checkouts.
pub fn target_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return Ok(PathBuf::from(dir));
    }
    let home = std::env::var_os("HOME").context("HOME is not set")?;
    Ok(Path::new(&home).join(".cache/jszg-desk/target"))
}

pub fn run(mut command: Command) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("failed to start {command:?}"))?;
    if !status.success() {
        bail!("{:?} exited with {status}", command.get_program());
    }
    Ok(())
}
