//! Starting and stopping one server instance; used by the binary, the desktop app's
//! embedded server and the tests.

use crate::clock::{Clock, SystemClock};
use crate::config::{Config, MessengerKind};
use crate::crypto::{random_token, token_hash, Keys, PasswordHasher};
use crate::db::Db;
use crate::outbox::inbox::DevInbox;
use crate::outbox::{worker, Messengers};
use crate::shutdown::{self, ShutdownTrigger};
use crate::state::{AppState, Inner};
use crate::tls;
use anyhow::{Context, Result};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// A server running on its own tasks until [`RunningServer::shutdown`].
pub struct RunningServer {
    /// `https://127.0.0.1:PORT` (the bound address).
    pub base_url: String,
    pub addr: SocketAddr,
    /// PEM of the development CA the client must trust; `None` with a configured
    /// certificate.
    pub ca_pem: Option<String>,
    pub ca_path: Option<PathBuf>,
    /// Bearer token of the admin endpoints.
    pub admin_token: String,
    state: AppState,
    handle: axum_server::Handle,
    trigger: ShutdownTrigger,
    tasks: Vec<JoinHandle<()>>,
}

/// Options that only tests and embedders change.
pub struct StartOptions {
    pub clock: Arc<dyn Clock>,
    /// Identity register to use instead of the one the configuration describes; tests
    /// pass a simulator they keep a handle to.
    pub register: Option<Arc<dyn crate::register::IdentityRegister>>,
}

impl Default for StartOptions {
    fn default() -> Self {
        StartOptions {
            clock: Arc::new(SystemClock),
            register: None,
        }
    }
}

/// Starts a server with the system clock.
pub async fn start(config: Config) -> Result<RunningServer> {
    start_with(config, StartOptions::default()).await
}

/// Starts a server: opens and migrates the database, prepares the certificate, binds
/// the listener and starts the outbox worker and the housekeeping task.
pub async fn start_with(config: Config, options: StartOptions) -> Result<RunningServer> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("failed to create data folder {}", config.data_dir.display()))?;
    let keys = Keys::load(&config)?;
    let admin_token = load_admin_token(&config)?;
    let identity = tls::server_identity(
        config.tls_cert.as_deref(),
        config.tls_key.as_deref(),
        &config.data_dir,
    )?;
    let tls_config =
        axum_server::tls_rustls::RustlsConfig::from_config(tls::rustls_config(&identity)?);
    let db = Db::connect(&config.database_url(), config.database_max_connections).await?;

    let messengers = match config.messenger {
        MessengerKind::Inbox => {
            Messengers::all(Arc::new(DevInbox::new(db.clone(), options.clock.clone())))
        }
        MessengerKind::Outside => crate::channels::messengers::outside_messengers(&config)?,
    };
    let state = AppState::new(Inner {
        db,
        clock: options.clock,
        keys,
        hasher: PasswordHasher::new(),
        messengers,
        admin_token_hash: token_hash(&admin_token),
        outbox_wakeup: Arc::new(Notify::new()),
        register: match options.register {
            Some(register) => register,
            None => config.register.build()?,
        },
        config: config.clone(),
    });

    let listener = std::net::TcpListener::bind(config.listen)
        .with_context(|| format!("failed to listen on {}", config.listen))?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let handle = axum_server::Handle::new();
    let app = crate::http::app(state.clone());
    let server = axum_server::from_tcp_rustls(listener, tls_config)
        .handle(handle.clone())
        .serve(app.into_make_service());
    let (trigger, shutdown) = shutdown::channel();
    let tasks = vec![
        tokio::spawn(async move {
            if let Err(error) = server.await {
                tracing::error!(error = %error, "HTTPS server stopped with an error");
            }
        }),
        tokio::spawn(worker::run(state.clone(), shutdown.clone())),
        tokio::spawn(crate::housekeeping::run(state.clone(), shutdown)),
    ];
    let (ca_path, ca_pem) = match identity.dev_ca {
        Some((path, pem)) => (Some(path), Some(pem)),
        None => (None, None),
    };
    tracing::info!(%addr, "server listening");
    Ok(RunningServer {
        base_url: format!("https://{addr}"),
        addr,
        ca_pem,
        ca_path,
        admin_token,
        state,
        handle,
        trigger,
        tasks,
    })
}

/// The configured admin token, or a random one kept in the data folder across restarts.
fn load_admin_token(config: &Config) -> Result<String> {
    if let Some(token) = &config.admin_token {
        return Ok(token.clone());
    }
    let path = config.data_dir.join("admin-token");
    if let Ok(token) = std::fs::read_to_string(&path) {
        if !token.trim().is_empty() {
            return Ok(token.trim().to_string());
        }
    }
    let token = random_token();
    tls::write_private(&path, token.as_bytes())?;
    Ok(token)
}

impl RunningServer {
    /// The shared state, for tests and embedders that inspect the database directly.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Stops accepting connections, lets requests in flight finish (up to 10 s), stops
    /// the background tasks and closes the database pool.
    pub async fn shutdown(self) {
        self.handle.graceful_shutdown(Some(Duration::from_secs(10)));
        self.trigger.trigger();
        for task in self.tasks {
            let _ = task.await;
        }
        self.state.db.pool.close().await;
        tracing::info!(addr = %self.addr, "server stopped");
    }

    /// Waits until the server stops on its own (it does not, unless it fails).
    pub async fn wait(&mut self) {
        if let Some(task) = self.tasks.first_mut() {
            let _ = task.await;
        }
    }
}
