//! A throwaway PostgreSQL cluster in a temporary folder, on a free loopback port.

use anyhow::{bail, Context, Result};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// A running cluster; dropping it stops the server and deletes its folder.
pub struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    as_postgres_user: bool,
    _folder: TempDir,
    pub url: String,
}

impl Cluster {
    /// Creates and starts a cluster with trust authentication for the `postgres` user.
    pub fn start() -> Result<Cluster> {
        let bin = find_bin_dir()?;
        let folder = tempfile::Builder::new().prefix("jszg-pg-").tempdir()?;
        let data = folder.path().join("data");
        std::fs::create_dir(&data)?;
        // initdb refuses to run as root, so as root the cluster belongs to `postgres`.
        let as_postgres_user = crate::packages::is_root();
        if as_postgres_user {
            set_mode(folder.path(), 0o755)?;
            let status = Command::new("chown")
                .args(["postgres:postgres"])
                .arg(&data)
                .status()?;
            if !status.success() {
                bail!("chown postgres {} failed", data.display());
            }
        }
        let port = free_port()?;
        let cluster = Cluster {
            bin,
            data,
            as_postgres_user,
            _folder: folder,
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        };
        cluster.pg(
            "initdb",
            &[
                "-D",
                &cluster.data_str(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
            ],
        )?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off",
            cluster.data_str()
        );
        let log = cluster.data.join("server.log");
        cluster.pg(
            "pg_ctl",
            &[
                "-D",
                &cluster.data_str(),
                "-l",
                &log.to_string_lossy(),
                "-o",
                &options,
                "-w",
                "start",
            ],
        )?;
        Ok(cluster)
    }

    fn data_str(&self) -> String {
        self.data.to_string_lossy().into_owned()
    }

    fn pg(&self, program: &str, args: &[&str]) -> Result<()> {
        let path = self.bin.join(program);
        let mut command = if self.as_postgres_user {
            let mut runuser = Command::new("runuser");
            runuser.args(["-u", "postgres", "--"]).arg(&path);
            runuser
        } else {
            Command::new(&path)
        };
        command.args(args).stdout(std::process::Stdio::null());
        let status = command
            .status()
            .with_context(|| format!("failed to start {}", path.display()))?;
        if !status.success() {
            bail!("{} {} exited with {status}", path.display(), args.join(" "));
        }
        Ok(())
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data_str();
        if let Err(error) = self.pg("pg_ctl", &["-D", &data, "-m", "fast", "-w", "stop"]) {
            eprintln!("xtask: stopping PostgreSQL failed: {error:#}");
        }
    }
}

fn find_bin_dir() -> Result<PathBuf> {
    let root = Path::new("/usr/lib/postgresql");
    let mut versions: Vec<PathBuf> = std::fs::read_dir(root)
        .with_context(|| format!("PostgreSQL is not installed: {} is missing", root.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    versions.sort();
    versions
        .pop()
        .context("no PostgreSQL version with initdb under /usr/lib/postgresql")
}

fn set_mode(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    Ok(())
}

/// Returns a loopback port that was free a moment ago.
pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}
