//! Logging set-up shared by the binary and anything else that embeds the server.

use tracing_subscriber::EnvFilter;

/// Installs the global tracing subscriber: human-readable lines, or one JSON object per
/// line with `json`. The level comes from `RUST_LOG` (default `info`).
pub fn init_logging(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let result = if json {
        builder.json().with_current_span(true).try_init()
    } else {
        builder.try_init()
    };
    if let Err(error) = result {
        eprintln!("jszg-server: logging was already set up: {error}");
    }
}
