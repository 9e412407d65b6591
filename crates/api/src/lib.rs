//! Wire types of the HTTP API under `/api/v1`, and the client the desktop uses.

use serde::{Deserialize, Serialize};

/// Error body of every failed request: a stable machine code, a Chinese message the
/// UI shows as is, and the field it concerns when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}
