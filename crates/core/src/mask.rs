//! Masked forms of contact details and document numbers, for display and logs.
//!
//! Each mask hides the middle behind exactly five asterisks, whatever its length, so
//! the mask does not reveal how long the hidden part is.

const STARS: &str = "*****";

/// Keeps the first `head` and last `tail` characters. Input too short to hide anything
/// is replaced by the stars alone.
fn mask_middle(text: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= head + tail {
        return STARS.to_owned();
    }
    let start: String = chars[..head].iter().collect();
    let end: String = chars[chars.len() - tail..].iter().collect();
    format!("{start}{STARS}{end}")
}

/// `12345678@qq.com` becomes `1*****@qq.com`.
pub fn mask_email(email: &str) -> String {
    match email.rsplit_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}{STARS}@{domain}")
        }
        None => mask_middle(email, 1, 0),
    }
}

/// `15800000011` becomes `158*****11`.
pub fn mask_phone(phone: &str) -> String {
    mask_middle(phone, 3, 2)
}

/// `220102199003070047` becomes `22*****47`.
pub fn mask_document_number(number: &str) -> String {
    mask_middle(number, 2, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        let cases = [
            (mask_email("12345678@qq.com"), "1*****@qq.com"),
            (mask_email("a@b.cn"), "a*****@b.cn"),
            (mask_email("no-at-sign"), "n*****"),
            (mask_phone("15800000011"), "158*****11"),
            (mask_phone("123"), "*****"),
            (mask_document_number("220102199003070047"), "22*****47"),
            (mask_document_number("H12345678"), "H1*****78"),
            (mask_document_number("12345678"), "12*****78"),
            (mask_document_number("1234"), "*****"),
            (mask_document_number(""), "*****"),
        ];
        for (actual, expected) in cases {
            assert_eq!(actual, expected);
        }
    }
}
