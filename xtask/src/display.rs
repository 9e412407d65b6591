//! A virtual X display (Xvfb) for the desktop app under test.

use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running Xvfb; dropping it stops the server.
pub struct VirtualDisplay {
    child: Child,
    pub name: String,
}

impl VirtualDisplay {
    /// Starts Xvfb on the first free display number from 90 and waits for its socket.
    pub fn start() -> Result<VirtualDisplay> {
        let number = (90..200)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                    && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .context("no free X display number between 90 and 199")?;
        let name = format!(":{number}");
        let child = Command::new("Xvfb")
            .args([&name, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("failed to start Xvfb")?;
        let mut display = VirtualDisplay { child, name };
        let socket = format!("/tmp/.X11-unix/X{number}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while !Path::new(&socket).exists() {
            if let Some(status) = display.child.try_wait()? {
                bail!("Xvfb {} exited with {status}", display.name);
            }
            if Instant::now() > deadline {
                bail!("Xvfb {} did not create {socket} within 20 s", display.name);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(display)
    }
}

impl Drop for VirtualDisplay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
