//! A `jszg-server` child process on a free 127.0.0.1 port with its own data folder,
//! plus the database connection the load generator uses to read captcha answers.

use anyhow::{bail, Context, Result};
use sqlx::AnyPool;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Bearer token of the admin endpoints of every server the load generator starts.
pub const ADMIN_TOKEN: &str = "loadgen-admin-token";

/// A running server process; dropping it kills the process and deletes its folder.
pub struct ServerProcess {
    child: Child,
    pub base_url: String,
    pub ca_pem: String,
    pub db: AnyPool,
    _folder: TempDir,
}

impl ServerProcess {
    /// Starts `binary` with SQLite in a fresh folder, or on `database_url` when given,
    /// and waits until it prints its address.
    pub async fn start(binary: &Path, database_url: Option<&str>) -> Result<ServerProcess> {
        let folder = tempfile::Builder::new().prefix("jszg-loadgen-").tempdir()?;
        let database_url = match database_url {
            Some(url) => url.to_string(),
            None => format!("sqlite://{}", folder.path().join("jszg.db").display()),
        };
        let log_path = folder.path().join("server.log");
        let log = std::fs::File::create(&log_path)?;
        let mut child = Command::new(binary)
            .env("JSZG_DATA_DIR", folder.path())
            .env("JSZG_LISTEN", "127.0.0.1:0")
            .env("DATABASE_URL", &database_url)
            .env("JSZG_ADMIN_TOKEN", ADMIN_TOKEN)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(log.try_clone()?)
            .spawn()
            .with_context(|| format!("failed to start {}", binary.display()))?;
        let stdout = child.stdout.take().context("server stdout is piped")?;
        let (ca_path, base_url) = read_announcement(stdout, log)
            .with_context(|| format!("server log: {}", log_path.display()))?;
        let ca_pem = std::fs::read_to_string(&ca_path)
            .with_context(|| format!("failed to read CA {}", ca_path.display()))?;
        sqlx::any::install_default_drivers();
        let db = AnyPool::connect(&database_url)
            .await
            .with_context(|| format!("failed to open {database_url}"))?;
        Ok(ServerProcess {
            child,
            base_url,
            ca_pem,
            db,
            _folder: folder,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads the server's output on a thread that copies every line to `log`, and returns
/// the CA path and the URL from its start-up lines (`development CA certificate: PATH`,
/// then `listening on URL`). The thread keeps draining the pipe, so logging never blocks.
fn read_announcement(
    stdout: std::process::ChildStdout,
    mut log: std::fs::File,
) -> Result<(PathBuf, String)> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut ca_path = None;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let _ = writeln!(log, "{line}");
            if let Some(path) = line.strip_prefix("development CA certificate: ") {
                ca_path = Some(PathBuf::from(path.trim()));
            } else if let Some(url) = line.strip_prefix("listening on ") {
                let _ = sender.send((ca_path.clone(), url.trim().to_string()));
            }
        }
    });
    match receiver.recv_timeout(Duration::from_secs(120)) {
        Ok((Some(ca_path), url)) => Ok((ca_path, url)),
        Ok((None, _)) => bail!("server printed no development CA path"),
        Err(_) => bail!("server did not print its address within 120 s"),
    }
}

/// Resident set size of process `pid` in bytes, from `/proc/PID/status`.
pub fn rss_bytes(pid: u32) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status
        .lines()
        .find(|line| line.starts_with("VmRSS:"))
        .context("VmRSS missing from /proc status")?;
    let kib: u64 = line
        .split_whitespace()
        .nth(1)
        .context("VmRSS has no value")?
        .parse()?;
    Ok(kib * 1024)
}

/// Samples the RSS of `pid` every 5 ms until `stop` is set; returns the peak.
pub fn sample_peak_rss(pid: u32, stop: &std::sync::atomic::AtomicBool) -> u64 {
    let mut peak = 0;
    let started = Instant::now();
    while !stop.load(std::sync::atomic::Ordering::Relaxed)
        && started.elapsed() < Duration::from_secs(600)
    {
        if let Ok(rss) = rss_bytes(pid) {
            peak = peak.max(rss);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    peak
}
