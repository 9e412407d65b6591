//! Desktop figures: binary size, cold start until the window is viewable under Xvfb,
//! idle memory, and the sync queue sending 500 submissions prepared offline.

use crate::client::Api;
use crate::server::{rss_bytes, ServerProcess};
use anyhow::{bail, Context, Result};
use jszg_desk::remote::ServerLink;
use jszg_desk::session::SessionVault;
use jszg_desk::store::{Store, SubmissionState};
use jszg_desk::sync::{Outcome, SyncWorker};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{Notify, RwLock};

/// Start-up and memory of one launch of the desktop binary.
pub struct Launch {
    pub window_seconds: f64,
    pub paint_seconds: f64,
    pub idle_rss: u64,
    pub idle_pss_tree: u64,
}

/// Starts `binary` on `display` against `server`, waits until its window is viewable,
/// lets it idle for `idle`, then measures its memory and kills it.
pub fn launch(
    binary: &Path,
    display: &str,
    server: &ServerProcess,
    idle: Duration,
) -> Result<Launch> {
    let folder = tempfile::Builder::new()
        .prefix("jszg-desk-bench-")
        .tempdir()?;
    let ca_path = folder.path().join("server-ca.pem");
    std::fs::write(&ca_path, &server.ca_pem)?;
    let started = Instant::now();
    let mut child = Command::new(binary)
        .env("DISPLAY", display)
        .env("JSZG_DATA_DIR", folder.path().join("data"))
        .env("JSZG_SERVER_URL", &server.base_url)
        .env("JSZG_SERVER_CA", &ca_path)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("failed to start {}", binary.display()))?;
    let measured = (|| {
        let (window, window_seconds) = wait_for_viewable_window(display, &mut child, started)?;
        let paint_seconds = wait_for_first_paint(display, &window, &mut child, started)?;
        std::thread::sleep(idle);
        let pid = child.id();
        Ok(Launch {
            window_seconds,
            paint_seconds,
            idle_rss: rss_bytes(pid)?,
            idle_pss_tree: pss_of_tree(pid),
        })
    })();
    let _ = child.kill();
    let _ = child.wait();
    measured
}

/// Polls the X window tree every 10 ms for a viewable window of class `jszg-desk`;
/// returns its id and the time since `started`.
fn wait_for_viewable_window(
    display: &str,
    child: &mut std::process::Child,
    started: Instant,
) -> Result<(String, f64)> {
    while started.elapsed() < Duration::from_secs(120) {
        if let Some(status) = child.try_wait()? {
            bail!("jszg-desk exited with {status} before showing a window");
        }
        let tree = xwininfo(display, &["-root", "-tree"])?;
        for line in tree.lines().filter(|line| line.contains("\"jszg-desk\"")) {
            let Some(id) = line.split_whitespace().next() else {
                continue;
            };
            let info = xwininfo(display, &["-id", id])?;
            if info.contains("Map State: IsViewable") {
                return Ok((id.to_string(), started.elapsed().as_secs_f64()));
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    bail!("no viewable jszg-desk window within 120 s")
}

/// A window counts as painted once its pixels hold at least this many colours: an
/// unpainted or blank window has one or two, anti-aliased text has hundreds.
const PAINTED_COLOURS: u64 = 32;

/// Grabs the contents of `window` until they show at least [`PAINTED_COLOURS`] colours
/// and returns the time since `started`. One grab takes tens of milliseconds, which is
/// the resolution of this figure.
fn wait_for_first_paint(
    display: &str,
    window: &str,
    child: &mut std::process::Child,
    started: Instant,
) -> Result<f64> {
    while started.elapsed() < Duration::from_secs(120) {
        if let Some(status) = child.try_wait()? {
            bail!("jszg-desk exited with {status} before painting its window");
        }
        let output = Command::new("import")
            .env("DISPLAY", display)
            .args(["-silent", "-window", window, "-format", "%k", "info:"])
            .output()
            .context("failed to run import (package imagemagick)")?;
        let colours: u64 = String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse()
            .unwrap_or(0);
        if colours >= PAINTED_COLOURS {
            return Ok(started.elapsed().as_secs_f64());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    bail!("the jszg-desk window showed no painted content within 120 s")
}

fn xwininfo(display: &str, args: &[&str]) -> Result<String> {
    let output = Command::new("xwininfo")
        .env("DISPLAY", display)
        .args(args)
        .output()
        .context("failed to run xwininfo (package x11-utils)")?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Sums the proportional set size of `pid` and every descendant (the WebKit web and
/// network processes), so shared libraries are counted once.
fn pss_of_tree(pid: u32) -> u64 {
    let mut family = vec![pid];
    let mut index = 0;
    while index < family.len() {
        let parent = family[index];
        family.extend(children_of(parent));
        index += 1;
    }
    family.iter().map(|pid| pss_bytes(*pid).unwrap_or(0)).sum()
}

fn children_of(parent: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // The parent id is the second field after the parenthesised command name.
            let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
            after_name.split_whitespace().nth(1) == Some(&parent.to_string())
        })
        .collect()
}

fn pss_bytes(pid: u32) -> Result<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))?;
    let line = rollup
        .lines()
        .find(|line| line.starts_with("Pss:"))
        .context("Pss missing from smaps_rollup")?;
    let kib: u64 = line
        .split_whitespace()
        .nth(1)
        .context("Pss value")?
        .parse()?;
    Ok(kib * 1024)
}

/// Result of sending an offline-prepared queue.
pub struct QueueSync {
    pub submissions: u32,
    pub seconds: f64,
    pub sent: u32,
    pub accounts_on_server: i64,
    pub distinct_on_server: i64,
}

/// Queues `count` registrations in a fresh desktop store while no server is set, then
/// connects the queue to `server` and times until every submission is sent.
pub async fn sync_offline_queue(
    server: &ServerProcess,
    api: &Api,
    count: u32,
) -> Result<QueueSync> {
    let forms = crate::registrations::forms(api, 100_000..100_000 + count).await?;
    let folder = tempfile::Builder::new()
        .prefix("jszg-queue-bench-")
        .tempdir()?;
    let store = Store::open(folder.path()).await?;
    for (i, form) in forms.iter().enumerate() {
        let draft = format!("register-{i}");
        let payload = serde_json::to_value(form)?;
        store
            .save_draft(&draft, &payload, chrono::Utc::now())
            .await?;
        store
            .enqueue("register", Some(&draft), &payload, &[], chrono::Utc::now())
            .await?;
    }
    let link =
        ServerLink::new(&server.base_url, Some(&server.ca_pem)).map_err(anyhow::Error::msg)?;
    let worker = SyncWorker {
        store: store.clone(),
        link: Arc::new(RwLock::new(Some(link))),
        vault: Arc::new(SessionVault::in_memory()),
        wake: Arc::new(Notify::new()),
    };
    let started = Instant::now();
    let mut sent = 0;
    while let Some((submission, outcome)) = worker.send_next(chrono::Utc::now()).await? {
        match outcome {
            Outcome::Sent(_) if submission.state == SubmissionState::Sent => sent += 1,
            other => bail!("submission {} was not sent: {other:?}", submission.id),
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let accounts_on_server: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(&server.db)
        .await?;
    let distinct_on_server: i64 =
        sqlx::query_scalar("SELECT COUNT(DISTINCT document_lookup) FROM accounts")
            .fetch_one(&server.db)
            .await?;
    Ok(QueueSync {
        submissions: count,
        seconds,
        sent,
        accounts_on_server,
        distinct_on_server,
    })
}
