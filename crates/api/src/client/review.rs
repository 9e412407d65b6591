//! Client calls of real-name verification and manual review.

use super::{ApiClient, ClientError};
use crate::review::{PhotoSide, ReviewForm, ReviewSubmitted, ReviewSummary};
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

    /// GETs raw bytes, such as a photo.
    pub(super) async fn get_bytes(&self, path: &str) -> Result<Vec<u8>, ClientError> {
        self.send_for_bytes(self.http.get(self.url(path))).await
    }

    /// Sends `request` and returns the raw bytes of a successful answer.
    pub(super) async fn send_for_bytes(
        &self,
        mut request: reqwest::RequestBuilder,
    ) -> Result<Vec<u8>, ClientError> {
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
