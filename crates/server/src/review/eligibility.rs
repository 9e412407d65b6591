//! Who may ask for a manual review, and how many times.

use jszg_core::DocumentType;

/// Manual reviews per account and review period.
pub const REVIEWS_PER_PERIOD: i64 = 3;

/// A resident-ID holder may ask for a manual review only after at least one failed
/// verification; holders of the other document types at any time. Nobody may while a
/// review is pending.
pub fn review_open(document_type: DocumentType, failed_attempts: i64, pending: bool) -> bool {
    if pending {
        return false;
    }
    document_type != DocumentType::ResidentIdCard || failed_attempts > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resident_id_needs_a_failed_attempt() {
        assert!(!review_open(DocumentType::ResidentIdCard, 0, false));
        assert!(review_open(DocumentType::ResidentIdCard, 1, false));
        assert!(!review_open(DocumentType::ResidentIdCard, 1, true));
    }

    #[test]
    fn permits_are_open_at_once() {
        for kind in [
            DocumentType::HkMacaoResidencePermit,
            DocumentType::TaiwanResidencePermit,
            DocumentType::HkMacaoTravelPermit,
            DocumentType::TaiwanTravelPermit,
        ] {
            assert!(review_open(kind, 0, false), "{kind:?}");
        }
    }
}
