//! System packages the desktop build and the tests need, installed with apt on Debian.

use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::Command;

/// Packages to build and run the Tauri app (WebKitGTK) and to see Chinese text in it.
pub const DESKTOP: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "libsoup-3.0-dev",
    "libjavascriptcoregtk-4.1-dev",
    "librsvg2-dev",
    "build-essential",
    "pkg-config",
    "libssl-dev",
    "file",
    "fonts-wqy-microhei",
];

/// Packages the tests add: a virtual display, WebDriver, a keyring and PostgreSQL.
pub const TEST: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "dbus",
    "dbus-bin",
    "gnome-keyring",
    "keyutils",
    "imagemagick",
    "postgresql",
];

/// Installs the packages of `groups` that are missing. On a system without apt it names
/// what is missing and leaves the installation to the user.
pub fn ensure(groups: &[&[&str]]) -> Result<()> {
    let wanted: Vec<&str> = groups
        .iter()
        .flat_map(|group| group.iter().copied())
        .collect();
    if !cfg!(target_os = "linux") {
        return Ok(());
    }
    if !Path::new("/usr/bin/dpkg-query").exists() {
        eprintln!(
            "xtask: not a Debian system; install the equivalents of these packages \
             if the build or tests fail: {}",
            wanted.join(" ")
        );
        return Ok(());
    }
    let missing: Vec<&str> = wanted.into_iter().filter(|p| !is_installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing {}", missing.join(" "));
    let as_root = is_root();
    let mut update = apt_command(as_root);
    update.args(["update", "-qq"]);
    run(update).context("apt-get update failed")?;
    let mut install = apt_command(as_root);
    install.args(["install", "-y", "-qq"]);
    install.args(&missing);
    run(install).context("apt-get install failed")?;
    Ok(())
}

fn is_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
        .unwrap_or(false)
}

fn apt_command(as_root: bool) -> Command {
    let mut command = if as_root {
        Command::new("apt-get")
    } else {
        let mut sudo = Command::new("sudo");
        sudo.arg("apt-get");
        sudo
    };
    command.env("DEBIAN_FRONTEND", "noninteractive");
    command
}

fn run(mut command: Command) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("failed to start {command:?}"))?;
    if !status.success() {
        bail!("{command:?} exited with {status}");
    }
    Ok(())
}

/// Installs tauri-driver with cargo when it is not on the PATH or in `~/.cargo/bin`.
pub fn ensure_tauri_driver() -> Result<std::path::PathBuf> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .context("neither CARGO_HOME nor HOME is set")?;
    let installed = cargo_home.join("bin").join("tauri-driver");
    if installed.exists() {
        return Ok(installed);
    }
    eprintln!("xtask: installing tauri-driver");
    let mut install = Command::new("cargo");
    install.args(["install", "tauri-driver", "--version", "^2", "--locked"]);
    run(install).context("cargo install tauri-driver failed")?;
    Ok(installed)
}
