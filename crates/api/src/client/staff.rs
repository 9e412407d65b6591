//! Client calls of the reviewers' workstation: staff sign-in, the two queues, claims,
//! decisions, and the administrators' pages.

use super::{ApiClient, ClientError};
use crate::review::PhotoSide;
use crate::staff::{
    Claim, ClaimReleased, DecisionRecorded, DecisionRequest, QueueFilter, QueueItem, QueueKind,
    QueuePage, ReasonPreset, StaffContactChangeDetail, StaffReviewDetail, StaffSession,
    StaffSignInRequest,
};
use crate::staff_admin::{AuditCheck, AuditPage, AuditQuery, StaffMember};

/// `?a=1&b=2` from the set fields of a query struct, or nothing.
fn query_string<Q: serde::Serialize>(query: &Q) -> Result<String, ClientError> {
    let value =
        serde_json::to_value(query).map_err(|error| ClientError::Protocol(error.to_string()))?;
    let mut pairs = Vec::new();
    if let serde_json::Value::Object(fields) = value {
        for (name, value) in fields {
            let text = match value {
                serde_json::Value::String(text) => text,
                serde_json::Value::Null => continue,
                other => other.to_string(),
            };
            pairs.push(format!("{name}={}", percent_encode(&text)));
        }
    }
    Ok(if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    })
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

impl ApiClient {
    /// Signs a staff member in and keeps the staff session token for later calls.
    pub async fn staff_sign_in(
        &mut self,
        request: &StaffSignInRequest,
    ) -> Result<StaffSession, ClientError> {
        let session: StaffSession = self.post("/staff/sessions", request, None).await?;
        self.token = Some(session.token.clone());
        Ok(session)
    }

    /// Ends the staff session and forgets its token.
    pub async fn staff_sign_out(&mut self) -> Result<(), ClientError> {
        let request = self.http.delete(self.url("/staff/sessions/current"));
        let _: serde_json::Value = self.send(request).await?;
        self.token = None;
        Ok(())
    }

    pub async fn reason_presets(&self) -> Result<Vec<ReasonPreset>, ClientError> {
        self.get("/staff/reasons").await
    }

    /// Undecided items of a queue, oldest deadline first (the first page).
    pub async fn staff_queue(&self, kind: QueueKind) -> Result<Vec<QueueItem>, ClientError> {
        Ok(self
            .staff_queue_page(kind, &QueueFilter::default())
            .await?
            .items
            .into_iter()
            .map(|entry| entry.item)
            .collect())
    }

    /// Reads one page of a queue, filtered by state, with the queue's counts.
    pub async fn staff_queue_page(
        &self,
        kind: QueueKind,
        filter: &QueueFilter,
    ) -> Result<QueuePage, ClientError> {
        let query = query_string(filter)?;
        self.get(&format!("/staff/{}{query}", kind.path())).await
    }

    pub async fn claim(&self, kind: QueueKind, id: &str) -> Result<Claim, ClientError> {
        let path = format!("/staff/{}/{id}/claim", kind.path());
        self.post(&path, &serde_json::json!({}), None).await
    }

    /// Gives up the caller's claim. Releasing again returns `released: false`.
    pub async fn release_claim(
        &self,
        kind: QueueKind,
        id: &str,
    ) -> Result<ClaimReleased, ClientError> {
        let path = format!("/staff/{}/{id}/claim/release", kind.path());
        self.post(&path, &serde_json::json!({}), None).await
    }

    pub async fn staff_review_detail(&self, id: &str) -> Result<StaffReviewDetail, ClientError> {
        self.get(&format!("/staff/manual-reviews/{id}")).await
    }

    pub async fn staff_review_photo(
        &self,
        id: &str,
        side: PhotoSide,
    ) -> Result<Vec<u8>, ClientError> {
        let path = format!("/staff/manual-reviews/{id}/photos/{}", side.part_name());
        self.get_bytes(&path).await
    }

    pub async fn staff_contact_change_detail(
        &self,
        id: &str,
    ) -> Result<StaffContactChangeDetail, ClientError> {
        self.get(&format!("/staff/contact-changes/{id}")).await
    }

    /// Downloads the JPEG of the applicant holding the document.
    pub async fn staff_contact_change_photo(&self, id: &str) -> Result<Vec<u8>, ClientError> {
        self.get_bytes(&format!("/staff/contact-changes/{id}/photo"))
            .await
    }

    pub async fn decide(
        &self,
        kind: QueueKind,
        id: &str,
        decision: &DecisionRequest,
    ) -> Result<DecisionRecorded, ClientError> {
        let path = format!("/staff/{}/{id}/decision", kind.path());
        self.post(&path, decision, None).await
    }

    /// Staff accounts (administrators only).
    pub async fn staff_members(&self) -> Result<Vec<StaffMember>, ClientError> {
        self.get("/staff/admin/staff").await
    }

    /// Reads one page of the audit log (administrators only).
    pub async fn audit_page(&self, query: &AuditQuery) -> Result<AuditPage, ClientError> {
        let query = query_string(query)?;
        self.get(&format!("/staff/admin/audit{query}")).await
    }

    /// Checks the audit log's hash chain (administrators only).
    pub async fn audit_check(&self) -> Result<AuditCheck, ClientError> {
        self.post("/staff/admin/audit/check", &serde_json::json!({}), None)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::QueueState;

    #[test]
    fn query_string_keeps_set_fields_only() {
        let filter = QueueFilter {
            state: Some(QueueState::Claimed),
            limit: Some(20),
            offset: None,
        };
        let text = query_string(&filter).unwrap();
        let mut pairs: Vec<&str> = text.trim_start_matches('?').split('&').collect();
        pairs.sort();
        assert!(text.starts_with('?'), "{text}");
        assert_eq!(pairs, ["limit=20", "state=claimed"]);
        assert_eq!(query_string(&QueueFilter::default()).unwrap(), "");
        let audit = AuditQuery {
            actor: Some("staff:a b".into()),
            ..AuditQuery::default()
        };
        assert_eq!(query_string(&audit).unwrap(), "?actor=staff%3Aa%20b");
    }
}
