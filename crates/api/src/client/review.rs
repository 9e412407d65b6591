//! Client calls of real-name verification, manual review, and the reviewers' desk.

use super::{ApiClient, ClientError};
use crate::review::{PhotoSide, ReviewForm, ReviewSubmitted, ReviewSummary};
use crate::staff::{
    Claim, DecisionRecorded, DecisionRequest, QueueItem, QueueKind, ReasonPreset,
    StaffReviewDetail, StaffSession, StaffSignInRequest,
};
use crate::verification::{VerificationRequest, VerificationResponse, VerificationStatus};
use crate::IDEMPOTENCY_KEY_HEADER;

/// One JPEG of a manual review submission.
#[derive(Debug, Clone)]
pub struct ReviewPhoto {
    pub side: PhotoSide,
    pub jpeg: Vec<u8>,
}

impl ApiClient {
    pub async fn verification_status(&self) -> Result<VerificationStatus, ClientError> {
        self.get("/verification").await
    }

    /// Runs one verification attempt with the name the applicant confirmed.
    pub async fn verify_real_name(&self, name: &str) -> Result<VerificationResponse, ClientError> {
        let request = VerificationRequest {
            name: name.to_string(),
        };
        self.post("/verification", &request, None).await
    }

    /// Submits a manual review with its three photos as `multipart/form-data`.
    pub async fn submit_manual_review(
        &self,
        form: &ReviewForm,
        photos: &[ReviewPhoto],
        idempotency_key: Option<&str>,
    ) -> Result<ReviewSubmitted, ClientError> {
        let mut multipart = reqwest::multipart::Form::new()
            .text("name", form.name.clone())
            .text("validity_period", form.validity_period.clone())
            .text("validity_start", form.validity_start.to_string())
            .text("reason", form.reason.clone());
        for photo in photos {
            let part = reqwest::multipart::Part::bytes(photo.jpeg.clone())
                .file_name(format!("{}.jpg", photo.side.part_name()))
                .mime_str("image/jpeg")
                .map_err(|error| ClientError::Protocol(error.to_string()))?;
            multipart = multipart.part(photo.side.part_name(), part);
        }
        let mut request = self
            .http
            .post(self.url("/manual-reviews"))
            .multipart(multipart);
        if let Some(key) = idempotency_key {
            request = request.header(IDEMPOTENCY_KEY_HEADER, key);
        }
        self.send(request).await
    }

    pub async fn manual_reviews(&self) -> Result<Vec<ReviewSummary>, ClientError> {
        self.get("/manual-reviews").await
    }

    /// One photo of the applicant's own review.
    pub async fn manual_review_photo(
        &self,
        review_id: &str,
        side: PhotoSide,
    ) -> Result<Vec<u8>, ClientError> {
        let path = format!("/manual-reviews/{review_id}/photos/{}", side.part_name());
        self.get_bytes(&path).await
    }

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

    /// Undecided items of a queue, oldest deadline first.
    pub async fn staff_queue(&self, kind: QueueKind) -> Result<Vec<QueueItem>, ClientError> {
        self.get(&format!("/staff/{}", kind.path())).await
    }

    pub async fn claim(&self, kind: QueueKind, id: &str) -> Result<Claim, ClientError> {
        let path = format!("/staff/{}/{id}/claim", kind.path());
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

    pub async fn decide(
        &self,
        kind: QueueKind,
        id: &str,
        decision: &DecisionRequest,
    ) -> Result<DecisionRecorded, ClientError> {
        let path = format!("/staff/{}/{id}/decision", kind.path());
        self.post(&path, decision, None).await
    }

    /// GETs raw bytes, such as a photo.
    async fn get_bytes(&self, path: &str) -> Result<Vec<u8>, ClientError> {
        let mut request = self.http.get(self.url(path));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.map_err(ClientError::Unreachable)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(ClientError::Unreachable)?;
        if status.is_success() {
            return Ok(bytes.to_vec());
        }
        match serde_json::from_slice(&bytes) {
            Ok(body) => Err(ClientError::Api {
                status: status.as_u16(),
                body,
            }),
            Err(_) => Err(ClientError::Protocol(format!(
                "{status} without an error body"
            ))),
        }
    }
}
