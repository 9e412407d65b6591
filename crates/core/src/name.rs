//! Personal names as printed on the identity document.

use crate::document::DocumentType;
use crate::error::Rule;
use crate::text::{describe_char, to_half_width};

/// The only stored interpunct, U+00B7 MIDDLE DOT.
pub const INTERPUNCT: char = '\u{00B7}';

/// Characters people type in place of the interpunct; all are stored as U+00B7.
pub const INTERPUNCT_LOOK_ALIKES: [char; 5] = [
    '\u{2022}', // • BULLET
    '\u{30FB}', // ・ KATAKANA MIDDLE DOT
    '\u{2027}', // ‧ HYPHENATION POINT
    '\u{FF0E}', // ． FULLWIDTH FULL STOP
    '\u{2219}', // ∙ BULLET OPERATOR
];

/// Maximum length in characters (Unicode scalar values) after normalisation.
pub const MAX_NAME_CHARS: usize = 50;

/// Code point ranges of every CJK Unified Ideographs block (the basic block and
/// Extensions A to J) and of both CJK Compatibility Ideographs blocks.
const IDEOGRAPH_RANGES: [(u32, u32); 13] = [
    (0x3400, 0x4DBF),   // Extension A
    (0x4E00, 0x9FFF),   // CJK Unified Ideographs
    (0xF900, 0xFAFF),   // CJK Compatibility Ideographs
    (0x20000, 0x2A6DF), // Extension B
    (0x2A700, 0x2B73F), // Extension C
    (0x2B740, 0x2B81F), // Extension D
    (0x2B820, 0x2CEAF), // Extension E
    (0x2CEB0, 0x2EBEF), // Extension F
    (0x2EBF0, 0x2EE5F), // Extension I
    (0x2F800, 0x2FA1F), // CJK Compatibility Ideographs Supplement
    (0x30000, 0x3134F), // Extension G
    (0x31350, 0x323AF), // Extension H
    (0x323B0, 0x3347F), // Extension J
];

/// Returns whether `c` lies in one of the CJK ideograph blocks accepted in names.
pub fn is_cjk_ideograph(c: char) -> bool {
    let code = c as u32;
    IDEOGRAPH_RANGES
        .iter()
        .any(|&(first, last)| (first..=last).contains(&code))
}

/// A normalised personal name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonName {
    name: String,
    changed: bool,
}

/// Reason a name is rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("name is missing")]
    Required,
    #[error("name has {actual} characters, more than {MAX_NAME_CHARS}")]
    TooLong { actual: usize },
    #[error("name contains the digit {digit:?}")]
    Digit { digit: char },
    #[error("name contains the invalid character U+{:04X}", *.character as u32)]
    InvalidCharacter { character: char },
    #[error("name contains Latin letters, allowed only for permit holders")]
    LatinNotAllowed,
    #[error("name contains a space, allowed only for permit holders")]
    SpaceNotAllowed,
    #[error("name contains two spaces in a row")]
    DoubleSpace,
    #[error("name starts or ends with an interpunct")]
    InterpunctAtEdge,
    #[error("name contains two interpuncts in a row")]
    DoubleInterpunct,
}

impl Rule for NameError {
    fn code(&self) -> &'static str {
        match self {
            NameError::Required => "name.required",
            NameError::TooLong { .. } => "name.too_long",
            NameError::Digit { .. } => "name.digit",
            NameError::InvalidCharacter { .. } => "name.character",
            NameError::LatinNotAllowed => "name.latin_not_allowed",
            NameError::SpaceNotAllowed => "name.space_not_allowed",
            NameError::DoubleSpace => "name.double_space",
            NameError::InterpunctAtEdge => "name.interpunct_edge",
            NameError::DoubleInterpunct => "name.interpunct_double",
        }
    }

    fn field(&self) -> &'static str {
        "name"
    }

    fn message_zh(&self) -> String {
        match self {
            NameError::Required => "请输入姓名。".to_owned(),
            NameError::TooLong { actual } => format!(
                "姓名最多 {MAX_NAME_CHARS} 个字，您输入了 {actual} 个字，请按证件上的姓名输入。"
            ),
            NameError::Digit { digit } => {
                format!("姓名中不能有数字“{digit}”，请按证件上的姓名输入。")
            }
            NameError::InvalidCharacter { character } => format!(
                "姓名中不能有{}，请按证件上的姓名输入；少数民族姓名中的间隔号请输入“·”。",
                describe_char(*character)
            ),
            NameError::LatinNotAllowed => {
                "居民身份证持有人的姓名不能有英文字母，请按身份证上的中文姓名输入。".to_owned()
            }
            NameError::SpaceNotAllowed => {
                "居民身份证持有人的姓名中不能有空格，请删除空格。".to_owned()
            }
            NameError::DoubleSpace => "姓名中不能有连续的空格，请只保留一个。".to_owned(),
            NameError::InterpunctAtEdge => {
                "间隔号“·”不能出现在姓名的开头或结尾，请删除。".to_owned()
            }
            NameError::DoubleInterpunct => "姓名中不能有连续的间隔号“·”，请只保留一个。".to_owned(),
        }
    }
}

impl PersonName {
    /// Normalises and validates a name entered for a document of type `kind`.
    ///
    /// Surrounding white space is removed, interpunct look-alikes become U+00B7, and
    /// full-width Latin letters, full-width spaces and no-break spaces become half-width. Latin letters and single
    /// spaces are accepted only for permit holders.
    pub fn parse(input: &str, kind: DocumentType) -> Result<PersonName, NameError> {
        let trimmed = input.trim();
        let name: String = trimmed.chars().map(normalise_char).collect();
        if name.is_empty() {
            return Err(NameError::Required);
        }
        let length = name.chars().count();
        if length > MAX_NAME_CHARS {
            return Err(NameError::TooLong { actual: length });
        }
        check_characters(&name, kind.is_permit())?;
        check_separators(&name)?;
        Ok(PersonName {
            changed: name != trimmed,
            name,
        })
    }

    /// Returns the stored form.
    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// Whether normalisation replaced any character, so that the form must show the
    /// stored name to the applicant before it is used for verification.
    pub fn was_changed(&self) -> bool {
        self.changed
    }
}

fn normalise_char(c: char) -> char {
    if INTERPUNCT_LOOK_ALIKES.contains(&c) {
        return INTERPUNCT;
    }
    // Names copied from documents or web pages often carry no-break spaces.
    if c == '\u{00A0}' {
        return ' ';
    }
    let half = to_half_width(c);
    if half.is_ascii_alphabetic() || half == ' ' {
        half
    } else {
        c
    }
}

fn check_characters(name: &str, latin_allowed: bool) -> Result<(), NameError> {
    for c in name.chars() {
        if is_cjk_ideograph(c) || c == INTERPUNCT {
            continue;
        }
        let digit = to_half_width(c);
        if digit.is_ascii_digit() || c.is_numeric() {
            return Err(NameError::Digit { digit: c });
        }
        if c.is_ascii_alphabetic() {
            if latin_allowed {
                continue;
            }
            return Err(NameError::LatinNotAllowed);
        }
        if c == ' ' {
            if latin_allowed {
                continue;
            }
            return Err(NameError::SpaceNotAllowed);
        }
        return Err(NameError::InvalidCharacter { character: c });
    }
    Ok(())
}

fn check_separators(name: &str) -> Result<(), NameError> {
    if name.starts_with(INTERPUNCT) || name.ends_with(INTERPUNCT) {
        return Err(NameError::InterpunctAtEdge);
    }
    if name.contains("\u{00B7}\u{00B7}") {
        return Err(NameError::DoubleInterpunct);
    }
    if name.contains("  ") {
        return Err(NameError::DoubleSpace);
    }
    Ok(())
}

#[cfg(test)]
#[path = "name_tests.rs"]
mod tests;
