//! Administrative region codes (GB/T 2260) at the start of 18-character document
//! numbers, and the home region of applicants from Hong Kong, Macao and Taiwan.

use serde::{Deserialize, Serialize};

/// Province-level prefixes that can start a resident ID card or residence permit number,
/// with the Chinese name of each.
///
/// These are the province codes of GB/T 2260 plus 81 (Hong Kong), 82 (Macao) and 83
/// (Taiwan residence permits, region code 830000). GB/T 2260 also lists 71 for Taiwan,
/// but no resident ID card or residence permit is issued with it, so it is left out.
pub const PROVINCES: [(u8, &str); 34] = [
    (11, "北京市"),
    (12, "天津市"),
    (13, "河北省"),
    (14, "山西省"),
    (15, "内蒙古自治区"),
    (21, "辽宁省"),
    (22, "吉林省"),
    (23, "黑龙江省"),
    (31, "上海市"),
    (32, "江苏省"),
    (33, "浙江省"),
    (34, "安徽省"),
    (35, "福建省"),
    (36, "江西省"),
    (37, "山东省"),
    (41, "河南省"),
    (42, "湖北省"),
    (43, "湖南省"),
    (44, "广东省"),
    (45, "广西壮族自治区"),
    (46, "海南省"),
    (50, "重庆市"),
    (51, "四川省"),
    (52, "贵州省"),
    (53, "云南省"),
    (54, "西藏自治区"),
    (61, "陕西省"),
    (62, "甘肃省"),
    (63, "青海省"),
    (64, "宁夏回族自治区"),
    (65, "新疆维吾尔自治区"),
    (81, "香港特别行政区"),
    (82, "澳门特别行政区"),
    (83, "台湾地区"),
];

/// Returns the Chinese name of a province-level prefix, or `None` for an unknown one.
pub fn province_name(prefix: u8) -> Option<&'static str> {
    PROVINCES
        .iter()
        .find(|(code, _)| *code == prefix)
        .map(|(_, name)| *name)
}

/// A six-digit administrative region code whose province prefix is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RegionCode(u32);

/// Reason a region code is rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegionCodeError {
    #[error("region code must be 6 digits")]
    Format,
    #[error("unknown province prefix {prefix:02}")]
    UnknownProvince { prefix: u8 },
}

impl RegionCode {
    /// Parses six ASCII digits and checks the province prefix against [`PROVINCES`].
    pub fn parse(code: &str) -> Result<RegionCode, RegionCodeError> {
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(RegionCodeError::Format);
        }
        let value: u32 = code.parse().map_err(|_| RegionCodeError::Format)?;
        let prefix = (value / 10_000) as u8;
        if province_name(prefix).is_none() {
            return Err(RegionCodeError::UnknownProvince { prefix });
        }
        Ok(RegionCode(value))
    }

    /// Returns the two-digit province prefix, e.g. 22 for Jilin.
    pub fn province(self) -> u8 {
        (self.0 / 10_000) as u8
    }

    /// Returns the Chinese name of the province, e.g. `吉林省`.
    pub fn province_name(self) -> &'static str {
        province_name(self.province()).unwrap_or("")
    }

    /// Returns the home region for the Hong Kong, Macao and Taiwan prefixes (81, 82, 83).
    pub fn home_region(self) -> Option<Region> {
        match self.province() {
            81 => Some(Region::HongKong),
            82 => Some(Region::Macao),
            83 => Some(Region::Taiwan),
            _ => None,
        }
    }

    /// Returns the six digits as a number.
    pub fn as_u32(self) -> u32 {
        self.0
    }
}

/// Home region of a permit holder, asked for when completing the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    HongKong,
    Macao,
    Taiwan,
}

impl Region {
    pub const ALL: [Region; 3] = [Region::HongKong, Region::Macao, Region::Taiwan];

    /// Chinese label shown in the profile form.
    pub fn label_zh(self) -> &'static str {
        match self {
            Region::HongKong => "香港",
            Region::Macao => "澳门",
            Region::Taiwan => "台湾",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_code_parse() {
        let cases: [(&str, Result<u8, RegionCodeError>); 8] = [
            ("220102", Ok(22)),
            ("110101", Ok(11)),
            ("810000", Ok(81)),
            ("830000", Ok(83)),
            (
                "710000",
                Err(RegionCodeError::UnknownProvince { prefix: 71 }),
            ),
            (
                "990000",
                Err(RegionCodeError::UnknownProvince { prefix: 99 }),
            ),
            ("22010", Err(RegionCodeError::Format)),
            ("22010x", Err(RegionCodeError::Format)),
        ];
        for (input, expected) in cases {
            assert_eq!(
                RegionCode::parse(input).map(RegionCode::province),
                expected,
                "input {input}"
            );
        }
    }

    #[test]
    fn home_region_of_prefix() {
        assert_eq!(
            RegionCode::parse("810000").unwrap().home_region(),
            Some(Region::HongKong)
        );
        assert_eq!(
            RegionCode::parse("820000").unwrap().home_region(),
            Some(Region::Macao)
        );
        assert_eq!(
            RegionCode::parse("830000").unwrap().home_region(),
            Some(Region::Taiwan)
        );
        assert_eq!(RegionCode::parse("220102").unwrap().home_region(), None);
        assert_eq!(
            RegionCode::parse("220102").unwrap().province_name(),
            "吉林省"
        );
    }

    #[test]
    fn region_serde_codes() {
        assert_eq!(
            serde_json::to_string(&Region::HongKong).unwrap(),
            "\"hong_kong\""
        );
        assert_eq!(Region::Macao.label_zh(), "澳门");
    }
}
