//! The `[staff]` and `[hooks]` sections of the configuration.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StaffSettings {
    /// Minutes a reviewer's claim on a queue item lasts.
    pub claim_minutes: i64,
}

impl Default for StaffSettings {
    fn default() -> Self {
        StaffSettings {
            claim_minutes: super::claims::DEFAULT_CLAIM_MINUTES,
        }
    }
}

impl StaffSettings {
    pub fn apply_env(&mut self, var: &impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        if let Some(minutes) = var("JSZG_STAFF_CLAIM_MINUTES") {
            self.claim_minutes = minutes.parse().map_err(|_| {
                anyhow::anyhow!(
                    "JSZG_STAFF_CLAIM_MINUTES must be a number of minutes, not {minutes:?}"
                )
            })?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HookSettings {
    /// Shared key the certification systems send in `X-Hook-Key`; unset disables the
    /// hooks.
    pub key: Option<String>,
}

impl HookSettings {
    pub fn apply_env(&mut self, var: &impl Fn(&str) -> Option<String>) {
        if let Some(key) = var("JSZG_HOOK_KEY") {
            self.key = Some(key);
        }
    }
}
