//! Character normalisation shared by the parsers.

/// Converts a full-width ASCII variant (U+FF01..U+FF5E) or the ideographic space
/// (U+3000) to its half-width form, and leaves every other character as it is.
pub(crate) fn to_half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Describes a character for an error message: the character itself and its code point,
/// so that invisible or look-alike characters can be distinguished.
pub(crate) fn describe_char(c: char) -> String {
    if c == ' ' {
        "空格 (U+0020)".to_owned()
    } else if c.is_whitespace() {
        format!("空白字符 (U+{:04X})", c as u32)
    } else if c.is_control() {
        format!("控制字符 (U+{:04X})", c as u32)
    } else {
        format!("字符“{c}” (U+{:04X})", c as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_conversion() {
        let cases = [
            ('０', '0'),
            ('９', '9'),
            ('Ａ', 'A'),
            ('ｘ', 'x'),
            ('＃', '#'),
            ('\u{3000}', ' '),
            ('中', '中'),
            ('a', 'a'),
        ];
        for (input, expected) in cases {
            assert_eq!(to_half_width(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn describe_space_and_symbol() {
        assert_eq!(describe_char(' '), "空格 (U+0020)");
        assert_eq!(describe_char('＃'), "字符“＃” (U+FF03)");
        assert_eq!(describe_char('\u{3000}'), "空白字符 (U+3000)");
    }
}
