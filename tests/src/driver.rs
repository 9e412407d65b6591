//! One tauri-driver per test, with its own ports and environment for the app.

use anyhow::{bail, Context, Result};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Returns a loopback port that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("binding a loopback port failed")
}

fn required_env(name: &str) -> Result<String> {
    std::env::var(name).with_context(|| {
        format!("{name} is not set; run the end-to-end tests through `cargo xtask test`")
    })
}

/// Locates the desktop binary: `JSZG_DESK_BIN`, else `jszg-desk` in the target folder
/// this test executable was built into.
fn desk_binary() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("JSZG_DESK_BIN") {
        return Ok(PathBuf::from(path));
    }
    let exe = std::env::current_exe()?;
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .context("test executable has no target folder")?;
    let binary = profile_dir.join("jszg-desk");
    if !binary.exists() {
        bail!(
            "{} is missing; build it with `cargo build -p jszg-desk` or run `cargo test --workspace`",
            binary.display()
        );
    }
    Ok(binary)
}

/// A running tauri-driver for one test, with the app's data and photo folders.
pub struct Harness {
    driver: Child,
    pub port: u16,
    pub app: PathBuf,
    pub data_dir: tempfile::TempDir,
}

impl Harness {
    /// Starts tauri-driver on free ports. The app it launches inherits `env` and
    /// `JSZG_DATA_DIR` pointing at a fresh temp folder.
    pub fn start(env: &[(&str, String)]) -> Result<Harness> {
        let driver_path = required_env("JSZG_TAURI_DRIVER")?;
        required_env("DISPLAY")?;
        let app = desk_binary()?;
        let data_dir = tempfile::Builder::new().prefix("jszg-e2e-").tempdir()?;
        let port = free_port();
        let native_port = free_port();
        let mut command = Command::new(&driver_path);
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("JSZG_DATA_DIR", data_dir.path())
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (name, value) in env {
            command.env(name, value);
        }
        let driver = command
            .spawn()
            .with_context(|| format!("starting {driver_path} failed"))?;
        let mut harness = Harness {
            driver,
            port,
            app,
            data_dir,
        };
        // tauri-driver starts WebKitWebDriver on the native port and forwards every
        // request to it, so a session can only start once both ports accept connections.
        harness.wait_for_port(port, Duration::from_secs(30))?;
        harness.wait_for_port(native_port, Duration::from_secs(30))?;
        Ok(harness)
    }

    fn wait_for_port(&mut self, port: u16, limit: Duration) -> Result<()> {
        let deadline = Instant::now() + limit;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = self.driver.try_wait()? {
                bail!("tauri-driver exited with {status} before listening");
            }
            if Instant::now() > deadline {
                bail!("tauri-driver did not listen on port {port} within {limit:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(())
    }

    /// Opens the app in a new WebDriver session.
    pub async fn open(&self) -> Result<crate::Window> {
        crate::Window::open(self.port, &self.app).await
    }

    /// Kills the app with SIGKILL, as a crash would, and waits until it is gone.
    pub fn kill_app(&self) -> Result<()> {
        let pids = self.app_pids()?;
        if pids.is_empty() {
            bail!(
                "no running app found for {}",
                self.data_dir.path().display()
            );
        }
        for pid in &pids {
            Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status()?;
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while pids
            .iter()
            .any(|pid| Path::new(&format!("/proc/{pid}")).exists())
        {
            if Instant::now() > deadline {
                bail!("app {pids:?} still running 10 s after SIGKILL");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(())
    }

    /// Finds the app processes of this test by their data folder.
    fn app_pids(&self) -> Result<Vec<u32>> {
        let marker = format!("JSZG_DATA_DIR={}", self.data_dir.path().display());
        let mut pids = Vec::new();
        for entry in std::fs::read_dir("/proc")? {
            let entry = entry?;
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            let exe = std::fs::read_link(entry.path().join("exe")).unwrap_or_default();
            if exe != self.app {
                continue;
            }
            let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
            if environ
                .split(|b| *b == 0)
                .any(|var| var == marker.as_bytes())
            {
                pids.push(pid);
            }
        }
        Ok(pids)
    }
}

impl Drop for Harness {
    /// Stops tauri-driver with SIGTERM so it also stops WebKitWebDriver; SIGKILL would
    /// orphan it and keep the test's output pipes open.
    fn drop(&mut self) {
        let pid = self.driver.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.driver.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        if let Ok(pids) = self.app_pids() {
            for pid in pids {
                let _ = Command::new("kill")
                    .args(["-TERM", &pid.to_string()])
                    .status();
            }
        }
    }
}
