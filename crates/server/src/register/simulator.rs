//! A stand-in for the identity register, answering from a list of people.
//!
//! It behaves like the real register where the rules depend on it: a person whose
//! details changed recently fails every check until that person refreshes their record
//! through a CTID online credential, and the register can be slow or down.

use super::{
    IdentityRegister, RegisterDocument, RegisterError, RegisterFuture, RegisterQuery,
    RegisterVerdict,
};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// The sample list shipped for the local demo; `docs/operations.md` lists its people.
pub const SAMPLE_CSV: &str = include_str!("../../data/register-sample.csv");

/// One row of the simulator's list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct SimulatedPerson {
    pub document_type: RegisterDocument,
    pub document_number: String,
    pub name: String,
    /// The register has not caught up with a recent change of this person's details.
    pub changed_recently: bool,
}

/// The simulated register; shared behind an `Arc` so tests can switch its faults.
pub struct RegisterSimulator {
    people: Mutex<HashMap<(RegisterDocument, String), SimulatedPerson>>,
    down: AtomicBool,
    delay_ms: AtomicU64,
    queries: AtomicU64,
}

#[derive(Debug, thiserror::Error)]
pub enum SimulatorLoadError {
    #[error("reading the register list {path} failed: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("line {line} of the register list is invalid: {message}")]
    Row { line: u64, message: String },
}

impl RegisterSimulator {
    /// Builds a simulator from CSV text with the header
    /// `document_type,document_number,name,changed_recently`.
    pub fn from_csv(text: &str) -> Result<RegisterSimulator, SimulatorLoadError> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut people = HashMap::new();
        for row in reader.deserialize::<SimulatedPerson>() {
            let person = row.map_err(|error| SimulatorLoadError::Row {
                line: error.position().map(|p| p.line()).unwrap_or(0),
                message: error.to_string(),
            })?;
            let key = (person.document_type, person.document_number.to_uppercase());
            people.insert(key, person);
        }
        Ok(RegisterSimulator {
            people: Mutex::new(people),
            down: AtomicBool::new(false),
            delay_ms: AtomicU64::new(0),
            queries: AtomicU64::new(0),
        })
    }

    /// Reads the list from a CSV file.
    pub fn from_csv_file(path: &Path) -> Result<RegisterSimulator, SimulatorLoadError> {
        let text = std::fs::read_to_string(path).map_err(|source| SimulatorLoadError::Read {
            path: path.display().to_string(),
            source,
        })?;
        RegisterSimulator::from_csv(&text)
    }

    /// The simulator with the shipped sample list.
    pub fn sample() -> RegisterSimulator {
        RegisterSimulator::from_csv(SAMPLE_CSV).expect("the shipped sample list is valid")
    }

    /// Adds or replaces a person.
    pub fn add_person(&self, person: SimulatedPerson) {
        let key = (person.document_type, person.document_number.to_uppercase());
        self.lock_people().insert(key, person);
    }

    /// Marks a person's record as out of date, so every check of it fails until
    /// [`RegisterSimulator::refresh_ctid`]. Returns false when the person is unknown.
    pub fn mark_changed_recently(&self, document: RegisterDocument, number: &str) -> bool {
        self.set_changed_recently(document, number, true)
    }

    /// Simulates the person opening a CTID online credential, which brings their
    /// register record up to date. Returns false when the person is unknown.
    pub fn refresh_ctid(&self, document: RegisterDocument, number: &str) -> bool {
        self.set_changed_recently(document, number, false)
    }

    /// Makes every query fail as if the register were unreachable.
    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }

    /// Delays every answer, like a slow register.
    pub fn set_delay(&self, delay: Duration) {
        let millis = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
        self.delay_ms.store(millis, Ordering::SeqCst);
    }

    /// Number of queries that reached the simulator, answered or not.
    pub fn query_count(&self) -> u64 {
        self.queries.load(Ordering::SeqCst)
    }

    fn set_changed_recently(&self, document: RegisterDocument, number: &str, value: bool) -> bool {
        let mut people = self.lock_people();
        match people.get_mut(&(document, number.to_uppercase())) {
            Some(person) => {
                person.changed_recently = value;
                true
            }
            None => false,
        }
    }

    fn lock_people(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<(RegisterDocument, String), SimulatedPerson>> {
        self.people
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn judge(&self, query: &RegisterQuery) -> RegisterVerdict {
        let people = self.lock_people();
        let Some(person) = people.get(&(query.document, query.number.to_uppercase())) else {
            return RegisterVerdict::NoRecord;
        };
        if person.changed_recently || person.name != query.name {
            RegisterVerdict::Mismatch
        } else {
            RegisterVerdict::Match
        }
    }
}

impl IdentityRegister for RegisterSimulator {
    fn verify<'a>(&'a self, query: &'a RegisterQuery) -> RegisterFuture<'a> {
        Box::pin(async move {
            self.queries.fetch_add(1, Ordering::SeqCst);
            let delay = self.delay_ms.load(Ordering::SeqCst);
            if delay > 0 {
                tokio::time::sleep(Duration::from_millis(delay)).await;
            }
            if self.down.load(Ordering::SeqCst) {
                return Err(RegisterError::Unavailable(
                    "the simulated register is switched off".to_string(),
                ));
            }
            Ok(self.judge(query))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(document: RegisterDocument, number: &str, name: &str) -> RegisterQuery {
        RegisterQuery {
            document,
            number: number.to_string(),
            name: name.to_string(),
        }
    }

    #[tokio::test]
    async fn sample_list_answers_each_verdict() {
        let register = RegisterSimulator::sample();
        let id = RegisterDocument::ResidentIdCard;
        let matching = query(id, "11010519491231002x", "王秀英");
        assert_eq!(
            register.verify(&matching).await.unwrap(),
            RegisterVerdict::Match
        );
        let wrong_name = query(id, "11010519491231002X", "王秀");
        assert_eq!(
            register.verify(&wrong_name).await.unwrap(),
            RegisterVerdict::Mismatch
        );
        let unknown = query(id, "110105194912310000", "王秀英");
        assert_eq!(
            register.verify(&unknown).await.unwrap(),
            RegisterVerdict::NoRecord
        );
        let permit = query(RegisterDocument::HkMacaoTravelPermit, "H12345678", "陈嘉欣");
        assert_eq!(
            register.verify(&permit).await.unwrap(),
            RegisterVerdict::Match
        );
        assert_eq!(register.query_count(), 4);
    }

    #[tokio::test]
    async fn changed_recently_fails_until_ctid_refresh() {
        let register = RegisterSimulator::sample();
        let id = RegisterDocument::ResidentIdCard;
        let stale = query(id, "31011519851122062X", "李娜");
        assert_eq!(
            register.verify(&stale).await.unwrap(),
            RegisterVerdict::Mismatch
        );
        assert!(register.refresh_ctid(id, "31011519851122062X"));
        assert_eq!(
            register.verify(&stale).await.unwrap(),
            RegisterVerdict::Match
        );
        assert!(register.mark_changed_recently(id, "31011519851122062X"));
        assert_eq!(
            register.verify(&stale).await.unwrap(),
            RegisterVerdict::Mismatch
        );
        assert!(!register.refresh_ctid(id, "999999999999999999"));
    }

    #[tokio::test]
    async fn down_register_returns_unavailable() {
        let register = RegisterSimulator::sample();
        register.set_down(true);
        let matching = query(
            RegisterDocument::ResidentIdCard,
            "11010519491231002X",
            "王秀英",
        );
        let outcome = register.verify(&matching).await;
        assert!(matches!(outcome, Err(RegisterError::Unavailable(_))));
        register.set_down(false);
        assert!(register.verify(&matching).await.is_ok());
    }

    #[test]
    fn invalid_row_names_its_line() {
        let text = "document_type,document_number,name,changed_recently\n\
                    resident_id_card,11010519491231002X,王秀英,false\n\
                    passport,E1234567,Someone,false\n";
        let error = RegisterSimulator::from_csv(text).err().expect("rejected");
        assert!(
            matches!(error, SimulatorLoadError::Row { line: 3, .. }),
            "{error}"
        );
    }
}
