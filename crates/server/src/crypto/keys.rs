//! The data-encryption key and the look-up HMAC key.

use crate::config::{Config, Mode};
use anyhow::{bail, Context, Result};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The two secret keys of an instance; every instance sharing a database needs the same.
#[derive(Clone)]
pub struct Keys {
    pub data_key: [u8; 32],
    pub hmac_key: [u8; 32],
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys { .. }")
    }
}

#[derive(Serialize, Deserialize)]
struct KeyFile {
    data_key: String,
    hmac_key: String,
}

const KEY_FILE: &str = "keys.toml";

impl Keys {
    pub fn generate() -> Keys {
        let mut keys = Keys {
            data_key: [0; 32],
            hmac_key: [0; 32],
        };
        rand::rngs::OsRng.fill_bytes(&mut keys.data_key);
        rand::rngs::OsRng.fill_bytes(&mut keys.hmac_key);
        keys
    }

    /// Takes the keys from the configuration. In development mode a missing pair is read
    /// from `keys.toml` in the data folder, or generated there on first start; in
    /// production mode both must be configured.
    pub fn load(config: &Config) -> Result<Keys> {
        match (&config.data_key, &config.hmac_key) {
            (Some(data), Some(hmac)) => Ok(Keys {
                data_key: decode_key("data_key", data)?,
                hmac_key: decode_key("hmac_key", hmac)?,
            }),
            (None, None) if config.mode == Mode::Development => {
                load_or_create_file(&config.data_dir.join(KEY_FILE))
            }
            _ => bail!(
                "data_key and hmac_key (JSZG_DATA_KEY, JSZG_HMAC_KEY) must both be set: \
                 base64 of 32 random bytes each"
            ),
        }
    }
}

fn decode_key(name: &str, value: &str) -> Result<[u8; 32]> {
    let bytes = STANDARD
        .decode(value.trim())
        .with_context(|| format!("{name} is not valid base64"))?;
    bytes
        .try_into()
        .map_err(|bytes: Vec<u8>| anyhow::anyhow!("{name} must be 32 bytes, not {}", bytes.len()))
}

fn load_or_create_file(path: &Path) -> Result<Keys> {
    if path.exists() {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("failed to read {}", path.display()))?;
        let file: KeyFile = toml::from_str(&text)
            .with_context(|| format!("invalid key file {}", path.display()))?;
        return Ok(Keys {
            data_key: decode_key("data_key", &file.data_key)?,
            hmac_key: decode_key("hmac_key", &file.hmac_key)?,
        });
    }
    let keys = Keys::generate();
    let file = KeyFile {
        data_key: STANDARD.encode(keys.data_key),
        hmac_key: STANDARD.encode(keys.hmac_key),
    };
    crate::tls::write_private(path, toml::to_string(&file)?.as_bytes())?;
    tracing::info!(path = %path.display(), "generated development keys");
    Ok(keys)
}
