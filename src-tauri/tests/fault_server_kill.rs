//! The server process is killed with SIGKILL while the desktop's sync queue is sending a
//! burst of registrations, then restarted on the same data folder: after the queue
//! resyncs, every registration exists on the server exactly once.
//!
//! The server runs in a child process: this test binary started again with
//! `JSZG_FAULT_SERVER_DIR` set runs only [`child_server_process`], which serves until
//! it is killed.

use chrono::{DateTime, Utc};
use jszg_desk::remote::ServerLink;
use jszg_desk::session::SessionVault;
use jszg_desk::store::{Store, SubmissionState};
use jszg_desk::sync::{Outcome, SyncWorker};
use jszg_server::clock::Clock;
use serde_json::{json, Value};
use sqlx::sqlite::SqlitePool;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{Notify, RwLock};

const ADMIN_TOKEN: &str = "fault-test-admin-token";
const SUBMISSIONS: u32 = 24;
const KILL_AFTER_SENT: i64 = 8;

/// The system clock moved by a fixed offset, so a restarted server can stand for one
/// that came back later than it did.
struct OffsetClock(chrono::Duration);

impl Clock for OffsetClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.0
    }
}

/// Runs the server of the parent test; does nothing in a normal test run.
#[test]
fn child_server_process() {
    let Some(dir) = std::env::var_os("JSZG_FAULT_SERVER_DIR") else {
        return;
    };
    let port: u16 = std::env::var("JSZG_FAULT_SERVER_PORT")
        .unwrap()
        .parse()
        .unwrap();
    let offset_ms: i64 = std::env::var("JSZG_FAULT_CLOCK_OFFSET_MS")
        .unwrap()
        .parse()
        .unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async move {
        let mut config = jszg_server::Config::local(dir);
        config.listen = ([127, 0, 0, 1], port).into();
        config.admin_token = Some(ADMIN_TOKEN.into());
        let options = jszg_server::StartOptions {
            clock: Arc::new(OffsetClock(chrono::Duration::milliseconds(offset_ms))),
            register: None,
        };
        let server = jszg_server::start_with(config, options).await.unwrap();
        let ca_path = server.ca_path.clone().unwrap();
        println!(
            "fault-server-ready {} {}",
            server.base_url,
            ca_path.display()
        );
        std::future::pending::<()>().await;
    });
}

struct ChildServer {
    child: Child,
    base_url: String,
    ca_pem: String,
}

impl Drop for ChildServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts this test binary as a server on `port` with its data in `dir`.
fn start_server(dir: &Path, port: u16, clock_offset_ms: i64) -> ChildServer {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "child_server_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("JSZG_FAULT_SERVER_DIR", dir)
        .env("JSZG_FAULT_SERVER_PORT", port.to_string())
        .env("JSZG_FAULT_CLOCK_OFFSET_MS", clock_offset_ms.to_string())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    // The thread keeps draining the pipe after the ready line, so the child never blocks.
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            // libtest may print "test NAME ... " on the same line first.
            if let Some((_, rest)) = line.split_once("fault-server-ready ") {
                let _ = sender.send(rest.to_string());
            }
        }
    });
    let ready = receiver
        .recv_timeout(Duration::from_secs(60))
        .expect("child server starts within 60 s");
    let (base_url, ca_path) = ready.split_once(' ').unwrap();
    ChildServer {
        child,
        base_url: base_url.to_string(),
        ca_pem: std::fs::read_to_string(ca_path).unwrap(),
    }
}

fn resident_id(n: u32) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let first17 = format!("11010519800101{:03}", n % 1000);
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    format!("{first17}{}", CHECK[(sum % 11) as usize] as char)
}

/// Solves a captcha (answer read from the server's database) and requests a
/// registration code for `phone`; returns the code from the development inbox.
async fn registration_code(
    client: &reqwest::Client,
    base: &str,
    db: &SqlitePool,
    phone: &str,
) -> String {
    let api = |path: &str| format!("{base}/api/v1{path}");
    let puzzle: Value = client
        .post(api("/captcha"))
        .json(&json!({ "purpose": "send_code" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = puzzle["id"].as_str().unwrap();
    let answer: i64 = sqlx::query_scalar("SELECT answer_x FROM captcha_puzzles WHERE id = ?")
        .bind(id)
        .fetch_one(db)
        .await
        .unwrap();
    let target = answer as f64 + 1.0;
    let trail: Vec<Value> = (0..=24)
        .map(|i| {
            let progress = f64::from(i) / 24.0;
            let eased = 0.5 - 0.5 * (std::f64::consts::PI * progress).cos();
            json!({ "x": target * eased, "y": 2.0 * (progress * 7.0).sin(), "t": i * 35 + (i % 3) * 4 })
        })
        .collect();
    let pass: Value = client
        .post(api(&format!("/captcha/{id}/solution")))
        .json(&json!({ "offset_x": target, "trail": trail }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let request = json!({
        "channel": "sms", "destination": phone, "purpose": "register",
        "captcha_token": pass["pass_token"],
    });
    let response = client
        .post(api("/codes"))
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202, "{}", response.text().await.unwrap());
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let messages: Vec<jszg_api::InboxMessage> = client
            .get(api("/admin/inbox"))
            .query(&[("destination", phone)])
            .bearer_auth(ADMIN_TOKEN)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if let Some(message) = messages.first() {
            let start = message.body.find("验证码为 ").unwrap() + "验证码为 ".len();
            return message.body[start..start + 6].to_string();
        }
        assert!(Instant::now() < deadline, "no code for {phone} within 20 s");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn registration(n: u32, code: &str) -> Value {
    json!({
        "document_type": "resident_id_card", "document_number": resident_id(n),
        "name": "张三", "validity_period": "long_term", "validity_start": "2010-01-01",
        "password": "Abc#12345", "password_confirmation": "Abc#12345",
        "email": "12345@qq.com", "phone": format!("1580000{n:04}"), "code": code,
        "agreement_accepted": true,
    })
}

async fn sent_count(store: &Store) -> i64 {
    i64::from(SUBMISSIONS) - store.queued_count().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_killed_mid_sync_loses_nothing() {
    let server_dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = start_server(server_dir.path(), port, 0);
    let db_url = format!("sqlite://{}", server_dir.path().join("jszg.db").display());
    let db = SqlitePool::connect(&db_url).await.unwrap();
    let client = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(server.ca_pem.as_bytes()).unwrap())
        .build()
        .unwrap();

    let desk_dir = tempfile::tempdir().unwrap();
    let store = Store::open(desk_dir.path()).await.unwrap();
    for n in 0..SUBMISSIONS {
        let phone = format!("1580000{n:04}");
        let code = registration_code(&client, &server.base_url, &db, &phone).await;
        let form = format!("register-{n}");
        let payload = registration(n, &code);
        store.save_draft(&form, &payload, Utc::now()).await.unwrap();
        store
            .enqueue("register", Some(&form), &payload, &[], Utc::now())
            .await
            .unwrap();
    }
    let link = ServerLink::new(&server.base_url, Some(&server.ca_pem)).unwrap();
    let worker = SyncWorker {
        store: store.clone(),
        link: Arc::new(RwLock::new(Some(link))),
        vault: Arc::new(SessionVault::in_memory()),
        wake: Arc::new(Notify::new()),
    };

    // Send until the first attempt fails, which is the kill below.
    let burst = {
        let worker = worker.clone();
        tokio::spawn(async move {
            while let Some((_, outcome)) = worker.send_next(Utc::now()).await.unwrap() {
                if matches!(outcome, Outcome::Retry(_)) {
                    return true;
                }
            }
            false
        })
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while sent_count(&store).await < KILL_AFTER_SENT {
        assert!(
            Instant::now() < deadline,
            "sync made no progress within 60 s"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    assert!(burst.await.unwrap(), "the kill interrupted the burst");
    let sent_before_restart = sent_count(&store).await;
    assert!(
        sent_before_restart < i64::from(SUBMISSIONS),
        "kill came after the burst"
    );
    drop(server);

    // An unfinished request keeps its idempotency claim for 2 minutes, so the server
    // comes back with its clock 121 s on, as one restarted that much later would.
    let server = start_server(server_dir.path(), port, 121_000);
    store.make_queued_due(Utc::now()).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while store.queued_count().await.unwrap() > 0 {
        assert!(Instant::now() < deadline, "queue not drained within 120 s");
        if worker.send_next(Utc::now()).await.unwrap().is_none() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    let submissions = store.recent_submissions(1000).await.unwrap();
    assert_eq!(submissions.len(), SUBMISSIONS as usize);
    let mut rejected = Vec::new();
    for submission in &submissions {
        if submission.state != SubmissionState::Sent {
            rejected.push(submission.last_error.clone().unwrap_or_default());
        }
    }
    // NOTE: a registration committed just before the kill, whose response was never
    // stored, runs again after its claim lapses and is answered `account.exists`.
    assert!(rejected.len() <= 1, "rejected: {rejected:?}");
    for error in &rejected {
        assert!(error.contains("account.exists"), "{error}");
    }
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(&db)
        .await
        .unwrap();
    let distinct: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT document_lookup) FROM accounts")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(accounts, i64::from(SUBMISSIONS));
    assert_eq!(distinct, i64::from(SUBMISSIONS));
    drop(server);
}
