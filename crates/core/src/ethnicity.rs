//! Ethnic groups of GB 3304-1991 (codes 01 to 56), plus "other" (97) and "foreign-born
//! Chinese citizen" (98), for completing the profile.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Rule;

/// Codes and Chinese names, in code order.
const ETHNICITIES: [(u8, &str); 58] = [
    (1, "汉族"),
    (2, "蒙古族"),
    (3, "回族"),
    (4, "藏族"),
    (5, "维吾尔族"),
    (6, "苗族"),
    (7, "彝族"),
    (8, "壮族"),
    (9, "布依族"),
    (10, "朝鲜族"),
    (11, "满族"),
    (12, "侗族"),
    (13, "瑶族"),
    (14, "白族"),
    (15, "土家族"),
    (16, "哈尼族"),
    (17, "哈萨克族"),
    (18, "傣族"),
    (19, "黎族"),
    (20, "傈僳族"),
    (21, "佤族"),
    (22, "畲族"),
    (23, "高山族"),
    (24, "拉祜族"),
    (25, "水族"),
    (26, "东乡族"),
    (27, "纳西族"),
    (28, "景颇族"),
    (29, "柯尔克孜族"),
    (30, "土族"),
    (31, "达斡尔族"),
    (32, "仫佬族"),
    (33, "羌族"),
    (34, "布朗族"),
    (35, "撒拉族"),
    (36, "毛南族"),
    (37, "仡佬族"),
    (38, "锡伯族"),
    (39, "阿昌族"),
    (40, "普米族"),
    (41, "塔吉克族"),
    (42, "怒族"),
    (43, "乌孜别克族"),
    (44, "俄罗斯族"),
    (45, "鄂温克族"),
    (46, "德昂族"),
    (47, "保安族"),
    (48, "裕固族"),
    (49, "京族"),
    (50, "塔塔尔族"),
    (51, "独龙族"),
    (52, "鄂伦春族"),
    (53, "赫哲族"),
    (54, "门巴族"),
    (55, "珞巴族"),
    (56, "基诺族"),
    (97, "其他"),
    (98, "外国血统中国籍人士"),
];

/// An ethnic group, serialised as its two-digit code such as `"01"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ethnicity(u8);

/// An ethnicity code outside the list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown ethnicity code {code:?}")]
pub struct EthnicityError {
    pub code: String,
}

impl Rule for EthnicityError {
    fn code(&self) -> &'static str {
        "ethnicity.unknown"
    }

    fn field(&self) -> &'static str {
        "ethnicity"
    }

    fn message_zh(&self) -> String {
        "请从列表中选择民族。".to_owned()
    }
}

impl Ethnicity {
    pub const HAN: Ethnicity = Ethnicity(1);
    pub const OTHER: Ethnicity = Ethnicity(97);
    pub const NATURALISED: Ethnicity = Ethnicity(98);

    /// Returns every selectable value, in code order.
    pub fn all() -> impl Iterator<Item = Ethnicity> {
        ETHNICITIES.iter().map(|(code, _)| Ethnicity(*code))
    }

    /// Looks up a two-digit code such as `"01"` or `"98"`, after trimming spaces and
    /// turning full-width digits into ASCII.
    pub fn from_code(code: &str) -> Result<Ethnicity, EthnicityError> {
        let error = || EthnicityError {
            code: code.to_owned(),
        };
        let code: String = code
            .trim()
            .chars()
            .map(crate::text::to_half_width)
            .collect();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(error());
        }
        let number: u8 = code.parse().map_err(|_| error())?;
        ETHNICITIES
            .iter()
            .find(|(known, _)| *known == number)
            .map(|(known, _)| Ethnicity(*known))
            .ok_or_else(error)
    }

    /// Returns the two-digit code, e.g. `"01"`.
    pub fn code(self) -> String {
        format!("{:02}", self.0)
    }

    /// Returns the Chinese name, e.g. `汉族`.
    pub fn name_zh(self) -> &'static str {
        ETHNICITIES
            .iter()
            .find(|(code, _)| *code == self.0)
            .map(|(_, name)| *name)
            .unwrap_or("")
    }
}

impl fmt::Display for Ethnicity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

impl Serialize for Ethnicity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for Ethnicity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Ethnicity::from_code(&code).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_has_56_groups_and_two_extra() {
        assert_eq!(Ethnicity::all().count(), 58);
        assert_eq!(
            Ethnicity::all()
                .filter(|e| e.code().as_str() <= "56")
                .count(),
            56
        );
        let names: std::collections::BTreeSet<_> =
            Ethnicity::all().map(Ethnicity::name_zh).collect();
        assert_eq!(names.len(), 58);
    }

    #[test]
    fn codes_and_names() {
        let cases = [
            ("01", "汉族"),
            ("05", "维吾尔族"),
            ("43", "乌孜别克族"),
            ("56", "基诺族"),
            ("97", "其他"),
            ("98", "外国血统中国籍人士"),
        ];
        for (code, name) in cases {
            let ethnicity = Ethnicity::from_code(code).unwrap();
            assert_eq!(ethnicity.name_zh(), name);
            assert_eq!(ethnicity.code(), code);
        }
        for bad in ["", "1", "00", "57", "96", "99", "001", "ab"] {
            assert!(Ethnicity::from_code(bad).is_err(), "{bad:?}");
        }
        assert_eq!(Ethnicity::NATURALISED.name_zh(), "外国血统中国籍人士");
    }

    #[test]
    fn full_width_code_accepted() {
        assert_eq!(Ethnicity::from_code("０１"), Ok(Ethnicity::HAN));
        assert_eq!(Ethnicity::from_code(" 98 "), Ok(Ethnicity::NATURALISED));
        assert!(Ethnicity::from_code("０").is_err());
    }

    #[test]
    fn serde_as_code() {
        assert_eq!(serde_json::to_string(&Ethnicity::HAN).unwrap(), "\"01\"");
        let parsed: Ethnicity = serde_json::from_str("\"97\"").unwrap();
        assert_eq!(parsed, Ethnicity::OTHER);
        assert!(serde_json::from_str::<Ethnicity>("\"57\"").is_err());
    }
}
