//! Manual review (人工审核) as the applicant sees it.
//!
//! Submitted as `multipart/form-data` to `POST /api/v1/manual-reviews` with the text
//! fields of [`ReviewForm`] and three JPEG parts named by [`PhotoSide::part_name`].

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The three photos of a manual review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PhotoSide {
    /// Side A of the document (the side with the portrait).
    SideA,
    /// Side B of the document.
    SideB,
    /// The applicant holding the document.
    Handheld,
}

impl PhotoSide {
    pub const ALL: [PhotoSide; 3] = [PhotoSide::SideA, PhotoSide::SideB, PhotoSide::Handheld];

    /// Name of the multipart part and of the photo in URLs.
    pub fn part_name(self) -> &'static str {
        match self {
            PhotoSide::SideA => "side_a",
            PhotoSide::SideB => "side_b",
            PhotoSide::Handheld => "handheld",
        }
    }

    pub fn from_part_name(name: &str) -> Option<PhotoSide> {
        PhotoSide::ALL
            .into_iter()
            .find(|side| side.part_name() == name)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            PhotoSide::SideA => "身份证件A面照片",
            PhotoSide::SideB => "身份证件B面照片",
            PhotoSide::Handheld => "本人手持身份证件照片",
        }
    }
}

/// Text fields of a manual review submission. Document type and number are the
/// account's and cannot be changed here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewForm {
    pub name: String,
    /// `five_years`, `ten_years`, `twenty_years` or `long_term`.
    pub validity_period: String,
    pub validity_start: NaiveDate,
    pub reason: String,
}

/// State of a manual review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Pending,
    Approved,
    Rejected,
}

/// A manual review as its applicant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewSummary {
    pub id: String,
    pub status: ReviewStatus,
    pub name: String,
    pub validity_period: String,
    pub validity_start: NaiveDate,
    /// Computed end date; absent for long-term documents.
    pub validity_end: Option<NaiveDate>,
    pub reason: String,
    pub submitted_at: DateTime<Utc>,
    /// Staff decide by the end of this time (7 working days, Beijing calendar).
    pub due_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Reason given by the reviewer, shown to the applicant after a decision.
    pub decision_reason: Option<String>,
}

/// Answer to a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewSubmitted {
    pub review: ReviewSummary,
    pub reviews_left_this_period: u32,
}
