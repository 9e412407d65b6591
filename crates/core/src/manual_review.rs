//! Manual review rules: eligibility, the limit per review period and the deadlines of
//! staff.

use crate::document::DocumentType;
use crate::error::Rule;
use crate::review_period::ReviewPeriod;

/// Manual reviews an applicant may submit per review period.
pub const MAX_MANUAL_REVIEWS_PER_PERIOD: u32 = 3;
/// Working days staff have to decide a manual review.
pub const MANUAL_REVIEW_WORKING_DAYS: u32 = 7;
/// Working days staff have to decide a contact change request.
pub const CONTACT_CHANGE_WORKING_DAYS: u32 = 1;

/// Reason a manual review cannot be submitted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ManualReviewError {
    #[error("resident ID holders need a failed real-name verification first")]
    VerificationNotTried,
    #[error("all manual reviews of period {period} are used")]
    PeriodLimit { period: ReviewPeriod },
}

impl Rule for ManualReviewError {
    fn code(&self) -> &'static str {
        match self {
            ManualReviewError::VerificationNotTried => "manual_review.verification_first",
            ManualReviewError::PeriodLimit { .. } => "manual_review.period_limit",
        }
    }

    fn field(&self) -> &'static str {
        "manual_review"
    }

    fn message_zh(&self) -> String {
        match self {
            ManualReviewError::VerificationNotTried => {
                "居民身份证持有人请先进行实名核验；核验未通过后才能申请人工审核。".to_owned()
            }
            ManualReviewError::PeriodLimit { period } => {
                let next = period.next().first_day();
                format!(
                    "{}期间的 {MAX_MANUAL_REVIEWS_PER_PERIOD} 次人工审核已用完，请在 {} 以后再申请。",
                    period.label_zh(),
                    next.format("%Y年%-m月%-d日")
                )
            }
        }
    }
}

/// Manual reviews still available in a period in which `submitted` were already sent.
pub fn remaining_reviews(submitted: u32) -> u32 {
    MAX_MANUAL_REVIEWS_PER_PERIOD.saturating_sub(submitted)
}

/// Checks that a manual review may be submitted: resident ID holders need at least one
/// failed real-name verification, holders of other documents may ask at any time, and
/// at most [`MAX_MANUAL_REVIEWS_PER_PERIOD`] per review period.
pub fn check_manual_review(
    kind: DocumentType,
    failed_verifications: u32,
    submitted_in_period: u32,
    period: ReviewPeriod,
) -> Result<(), ManualReviewError> {
    if kind == DocumentType::ResidentIdCard && failed_verifications == 0 {
        return Err(ManualReviewError::VerificationNotTried);
    }
    if remaining_reviews(submitted_in_period) == 0 {
        return Err(ManualReviewError::PeriodLimit { period });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eligibility_and_quota() {
        let period: ReviewPeriod = "2026-2".parse().unwrap();
        let id = DocumentType::ResidentIdCard;
        let permit = DocumentType::HkMacaoTravelPermit;
        let cases = [
            (id, 1, 0, Ok(())),
            (id, 3, 2, Ok(())),
            (permit, 0, 0, Ok(())),
            (id, 0, 0, Err(ManualReviewError::VerificationNotTried)),
            (id, 1, 3, Err(ManualReviewError::PeriodLimit { period })),
            (permit, 0, 4, Err(ManualReviewError::PeriodLimit { period })),
        ];
        for (kind, failed, submitted, expected) in cases {
            let result = check_manual_review(kind, failed, submitted, period);
            assert_eq!(
                result, expected,
                "{kind:?} failed {failed} submitted {submitted}"
            );
        }
    }

    #[test]
    fn remaining_counts_down() {
        let remaining: Vec<u32> = (0..5).map(remaining_reviews).collect();
        assert_eq!(remaining, vec![3, 2, 1, 0, 0]);
    }

    #[test]
    fn limit_message_names_next_period() {
        let period: ReviewPeriod = "2026-2".parse().unwrap();
        let message = ManualReviewError::PeriodLimit { period }.message_zh();
        assert!(message.contains("2027年1月1日"), "{message}");
        assert!(message.contains("2026年9月1日至12月31日"), "{message}");
    }
}
