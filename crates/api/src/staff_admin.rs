//! The administrators' pages of the reviewers' workstation: staff accounts, the audit
//! log and its hash-chain check. Reviewers are refused with `403 staff.admin_only`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::staff::StaffRole;

/// One staff account, without its password hash or TOTP secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub id: String,
    pub username: String,
    pub role: StaffRole,
    pub created_at: DateTime<Utc>,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    pub disabled: bool,
}

/// Query of `GET /api/v1/staff/admin/audit`. Dates are Beijing calendar days, both
/// ends included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct AuditQuery {
    /// Exact actor, such as `staff:<id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// Exact action, such as `review.decide`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// Page number, from 1 (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<i64>,
    /// Entries per page, 1 to 200 (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<i64>,
}

/// One audit log entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub subject: String,
    /// Further facts, as the JSON that was recorded.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub detail: serde_json::Value,
}

/// One page of the audit log, newest entry first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub page: i64,
    pub per_page: i64,
    /// Entries matching the filters, over all pages.
    pub total: i64,
}

/// Result of checking the audit log's hash chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditCheck {
    pub ok: bool,
    /// Entries that check out, from the first.
    pub entries: i64,
    /// Sequence number of the first broken entry, when `ok` is false.
    pub broken_seq: Option<i64>,
    /// `hash_mismatch`, `sequence_gap` or `entries_removed`, when `ok` is false.
    pub fault: Option<String>,
}
