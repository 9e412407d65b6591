//! Reading and validating the rows of a legacy-account CSV file.
//!
//! The file has a header line and the columns `document_type, document_number, name,
//! registered_at, email, phone` in any order (extra columns are ignored). The document
//! type is its code (`resident_id_card`) or its Chinese name (`居民身份证`);
//! `registered_at` is a Beijing-time date (`2016-05-04`) or date and time
//! (`2016-05-04 08:30:00`); email and phone may be empty.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use jszg_core::beijing::beijing_offset;
use jszg_core::mask::mask_document_number;
use jszg_core::{DocumentNumber, DocumentType, Email, PersonName, Phone, Rule};

/// First day (Beijing time) on which an account is no longer legacy: accounts
/// registered before 1 March 2019 cannot reset their password.
pub fn legacy_cutoff() -> DateTime<Utc> {
    beijing_offset()
        .with_ymd_and_hms(2019, 3, 1, 0, 0, 0)
        .single()
        .expect("1 March 2019 00:00 is a valid Beijing time")
        .with_timezone(&Utc)
}

/// One valid row.
#[derive(Debug, Clone)]
pub struct LegacyRow {
    /// Line number in the file; the header is line 1.
    pub line: u64,
    pub document: DocumentNumber,
    pub name: PersonName,
    pub registered_at: DateTime<Utc>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
}

/// A row that was not imported, with the reason. `masked_document_number` is all of the number a report
/// may show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRejection {
    pub line: u64,
    pub masked_document_number: String,
    pub code: String,
    pub message: String,
}

const COLUMNS: [&str; 6] = [
    "document_type",
    "document_number",
    "name",
    "registered_at",
    "email",
    "phone",
];

/// Positions of the known columns in the header.
pub struct ColumnMap([usize; 6]);

impl ColumnMap {
    /// Finds every required column in `header`; the error names the missing ones.
    pub fn from_header(header: &csv::StringRecord) -> Result<ColumnMap, String> {
        let mut positions = [0usize; 6];
        let mut missing = Vec::new();
        for (slot, column) in positions.iter_mut().zip(COLUMNS) {
            match header.iter().position(|name| name.trim() == column) {
                Some(position) => *slot = position,
                None => missing.push(column),
            }
        }
        if missing.is_empty() {
            Ok(ColumnMap(positions))
        } else {
            Err(format!(
                "the csv header lacks the column(s) {}; expected {}",
                missing.join(", "),
                COLUMNS.join(",")
            ))
        }
    }

    fn field<'r>(&self, record: &'r csv::StringRecord, index: usize) -> &'r str {
        record.get(self.0[index]).unwrap_or("").trim()
    }
}

/// Validates one record with the same rules as registration. `today` is the Beijing
/// date of the import, for the birth-date check.
pub fn parse_row(
    columns: &ColumnMap,
    record: &csv::StringRecord,
    line: u64,
    today: NaiveDate,
) -> Result<LegacyRow, RowRejection> {
    let raw_number = columns.field(record, 1);
    let reject = |code: &str, message: String| RowRejection {
        line,
        masked_document_number: mask_document_number(raw_number),
        code: code.to_owned(),
        message,
    };
    let rule = |violation: &dyn Rule| reject(violation.code(), violation.to_string());

    let type_text = columns.field(record, 0);
    let kind = parse_document_type(type_text).ok_or_else(|| {
        reject(
            "legacy.document_type",
            format!("unknown document type {type_text:?}"),
        )
    })?;
    let document = DocumentNumber::parse(kind, raw_number, today).map_err(|e| rule(&e))?;
    let name = PersonName::parse(columns.field(record, 2), kind).map_err(|e| rule(&e))?;
    let registered_text = columns.field(record, 3);
    let registered_at = parse_registered_at(registered_text).ok_or_else(|| {
        reject(
            "legacy.registered_at",
            format!("invalid registered_at {registered_text:?}; expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS"),
        )
    })?;
    if registered_at >= legacy_cutoff() {
        return Err(reject(
            "legacy.not_legacy",
            format!("registered_at {registered_text} is not before 2019-03-01, so the account is not legacy"),
        ));
    }
    let email = match columns.field(record, 4) {
        "" => None,
        text => Some(Email::parse(text).map_err(|e| rule(&e))?),
    };
    let phone = match columns.field(record, 5) {
        "" => None,
        text => Some(Phone::parse(text).map_err(|e| rule(&e))?),
    };
    Ok(LegacyRow {
        line,
        document,
        name,
        registered_at,
        email,
        phone,
    })
}

fn parse_document_type(text: &str) -> Option<DocumentType> {
    DocumentType::from_code(text).or_else(|| {
        DocumentType::ALL
            .into_iter()
            .find(|kind| kind.label_zh() == text)
    })
}

/// Reads a Beijing-time date or date and time.
fn parse_registered_at(text: &str) -> Option<DateTime<Utc>> {
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|date| date.and_hms_opt(0, 0, 0))
        })?;
    beijing_offset()
        .from_local_datetime(&local)
        .single()
        .map(|at| at.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<LegacyRow, RowRejection> {
        let header = csv::StringRecord::from(vec![
            "document_number",
            "document_type",
            "name",
            "registered_at",
            "email",
            "phone",
            "note",
        ]);
        let columns = ColumnMap::from_header(&header).unwrap();
        let record = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap();
        parse_row(
            &columns,
            &record,
            2,
            NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        )
    }

    #[test]
    fn row_with_valid_fields_parses() {
        let row = parse("11010519491231002X,居民身份证,张三,2016-05-04,12345@qq.com,13800138000,x")
            .unwrap();
        assert_eq!(row.document.as_str(), "11010519491231002X");
        assert_eq!(row.name.as_str(), "张三");
        assert_eq!(row.email.unwrap().as_str(), "12345@qq.com");
        assert_eq!(row.phone.unwrap().as_str(), "13800138000");
        assert_eq!(row.registered_at.to_rfc3339(), "2016-05-03T16:00:00+00:00");
    }

    #[test]
    fn row_after_cutoff_is_rejected() {
        let rejection =
            parse("11010519491231002X,resident_id_card,张三,2019-03-01,,,").unwrap_err();
        assert_eq!(rejection.code, "legacy.not_legacy");
        assert_eq!(rejection.line, 2);
        let last_moment = parse("11010519491231002X,resident_id_card,张三,2019-02-28 23:59:59,,,");
        assert!(last_moment.is_ok());
    }

    #[test]
    fn rejection_masks_document_number() {
        let rejection =
            parse("110105194912310021,resident_id_card,张三,2016-05-04,,,").unwrap_err();
        assert_eq!(rejection.code, "document_number.checksum");
        assert_eq!(rejection.masked_document_number, "11*****21");
        assert!(!rejection.message.contains("110105194912310021"));
    }

    #[test]
    fn unknown_type_and_bad_date_are_rejected() {
        let kind = parse("11010519491231002X,passport,张三,2016-05-04,,,").unwrap_err();
        assert_eq!(kind.code, "legacy.document_type");
        let date = parse("11010519491231002X,resident_id_card,张三,04/05/2016,,,").unwrap_err();
        assert_eq!(date.code, "legacy.registered_at");
    }

    #[test]
    fn header_without_phone_is_rejected() {
        let header = csv::StringRecord::from(vec!["document_type", "document_number", "name"]);
        let error = ColumnMap::from_header(&header).err().unwrap();
        assert!(error.contains("registered_at, email, phone"), "{error}");
    }
}
