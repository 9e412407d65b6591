use super::DocumentType;
use crate::error::Rule;
use crate::text::describe_char;

/// Reason a document number is rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    #[error("document number is missing")]
    Required,
    #[error("document number contains the invalid character U+{:04X}", *.character as u32)]
    InvalidCharacter { character: char },
    #[error("document number has {actual} characters, a {kind:?} number has {}", kind.number_length())]
    Length { kind: DocumentType, actual: usize },
    #[error("document number does not have the {kind:?} format")]
    Format { kind: DocumentType },
    #[error("document number includes the two renewal digits of the {kind:?}")]
    RenewalDigits { kind: DocumentType },
    #[error("document number starts with the unknown province prefix {prefix:02}")]
    UnknownRegion { prefix: u8 },
    #[error("document number has the region code of a {expected:?}")]
    ResidencePermitNumber { expected: DocumentType },
    #[error("document number does not have the region code of a {kind:?}")]
    PermitRegion { kind: DocumentType },
    #[error("document number contains an invalid birth date")]
    BirthDate,
    #[error("document number contains a birth date in the future")]
    BirthDateInFuture,
    #[error("document number check character does not match")]
    Checksum,
}

impl Rule for DocumentError {
    fn code(&self) -> &'static str {
        match self {
            DocumentError::Required => "document_number.required",
            DocumentError::InvalidCharacter { .. } => "document_number.character",
            DocumentError::Length { .. } => "document_number.length",
            DocumentError::Format { .. } => "document_number.format",
            DocumentError::RenewalDigits { .. } => "document_number.renewal_digits",
            DocumentError::UnknownRegion { .. } => "document_number.region",
            DocumentError::ResidencePermitNumber { .. } => "document_number.residence_permit",
            DocumentError::PermitRegion { .. } => "document_number.permit_region",
            DocumentError::BirthDate => "document_number.birth_date",
            DocumentError::BirthDateInFuture => "document_number.birth_date_future",
            DocumentError::Checksum => "document_number.checksum",
        }
    }

    fn field(&self) -> &'static str {
        "document_number"
    }

    fn message_zh(&self) -> String {
        match self {
            DocumentError::Required => "请输入身份证件号码。".to_owned(),
            DocumentError::InvalidCharacter { character } => format!(
                "身份证件号码中不能有{}，只能输入数字和字母，请删除后重新输入。",
                describe_char(*character)
            ),
            DocumentError::Length { kind, actual } => format!(
                "{}号码应为{}位，您输入了{}位，请核对证件后重新输入。",
                kind.label_zh(),
                kind.number_length(),
                actual
            ),
            DocumentError::Format { kind } => format!(
                "{}号码格式不正确：{}。",
                kind.label_zh(),
                format_hint(*kind)
            ),
            DocumentError::RenewalDigits { kind } => format!(
                "{}号码后面的 2 位换证次数不需要输入，请只输入前 {} 位。",
                kind.label_zh(),
                kind.number_length()
            ),
            DocumentError::UnknownRegion { prefix } => {
                format!("身份证件号码开头的地区代码“{prefix:02}”不存在，请核对证件后重新输入。")
            }
            DocumentError::ResidencePermitNumber { expected } => format!(
                "这是{}的号码，请把身份证件类型改选为“{}”。",
                expected.label_zh(),
                expected.label_zh()
            ),
            DocumentError::PermitRegion { kind } => format!(
                "{}号码应以{}开头，请核对证件类型和号码。",
                kind.label_zh(),
                permit_region_hint(*kind)
            ),
            DocumentError::BirthDate => {
                "身份证件号码第 7 至 14 位的出生日期不是有效日期，请核对后重新输入。".to_owned()
            }
            DocumentError::BirthDateInFuture => {
                "身份证件号码中的出生日期晚于今天，请核对后重新输入。".to_owned()
            }
            DocumentError::Checksum => {
                "身份证件号码校验位不正确，可能有数字输错，请逐位核对证件后重新输入。".to_owned()
            }
        }
    }
}

fn format_hint(kind: DocumentType) -> &'static str {
    match kind {
        DocumentType::HkMacaoTravelPermit => "应为字母 H 或 M 加 8 位数字",
        DocumentType::TaiwanTravelPermit => "应为 8 位数字",
        _ => "应为 17 位数字加 1 位数字或字母 X",
    }
}

fn permit_region_hint(kind: DocumentType) -> &'static str {
    match kind {
        DocumentType::TaiwanResidencePermit => "830000",
        _ => "810000（香港）或 820000（澳门）",
    }
}
