//! The app process is killed with SIGKILL at random points while it saves drafts,
//! queues submissions and its sync worker sends them, 20 times: every draft and
//! submission the store had confirmed before the kill is there afterwards.
//!
//! The app is this test binary started again with `JSZG_FAULT_STORE_DIR` set, which
//! runs only [`child_app_process`]: the desktop store and sync worker as a library,
//! without the window. It prints one line per confirmed write.

use chrono::Utc;
use jszg_desk::remote::ServerLink;
use jszg_desk::session::SessionVault;
use jszg_desk::store::Store;
use jszg_desk::sync::SyncWorker;
use serde_json::json;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use tokio::sync::{Notify, RwLock};

const ROUNDS: usize = 20;
const FORMS: u64 = 4;

/// Saves drafts and queues submissions until killed; does nothing in a normal run.
#[test]
fn child_app_process() {
    let Some(dir) = std::env::var_os("JSZG_FAULT_STORE_DIR") else {
        return;
    };
    let base_url = std::env::var("JSZG_FAULT_SERVER_URL").unwrap();
    let ca_pem = std::fs::read_to_string(std::env::var("JSZG_FAULT_SERVER_CA").unwrap()).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async move {
        let store = Store::open(std::path::Path::new(&dir)).await.unwrap();
        let link = ServerLink::new(&base_url, Some(&ca_pem)).unwrap();
        let worker = SyncWorker {
            store: store.clone(),
            link: Arc::new(RwLock::new(Some(link))),
            vault: Arc::new(SessionVault::in_memory()),
            wake: Arc::new(Notify::new()),
        };
        tokio::spawn(worker.run(|_, _| {}));
        for version in 1u64.. {
            let form = format!("form-{}", version % FORMS);
            let data = json!({ "version": version, "name": "张三" });
            store.save_draft(&form, &data, Utc::now()).await.unwrap();
            println!("draft {form} {version}");
            if version % 3 == 0 {
                // The server rejects this incomplete form, so the draft stays.
                store
                    .enqueue("register", Some(&form), &data, &[], Utc::now())
                    .await
                    .unwrap();
                println!("queued {version}");
            }
        }
    });
}

fn random_below(limit: u64) -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(limit);
    hasher.finish() % limit
}

/// What the child confirmed before it was killed.
#[derive(Default)]
struct Confirmed {
    drafts: HashMap<String, u64>,
    queued: Vec<u64>,
}

fn run_round(dir: &std::path::Path, base_url: &str, ca_path: &std::path::Path) -> Confirmed {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "child_app_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("JSZG_FAULT_STORE_DIR", dir)
        .env("JSZG_FAULT_SERVER_URL", base_url)
        .env("JSZG_FAULT_SERVER_CA", ca_path)
        .env("RUST_LOG", "off")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let kill_after = 1 + random_below(60);
    let mut confirmed = Confirmed::default();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = 0;
    while seen < kill_after {
        let line = lines.next().expect("child still writing").unwrap();
        // libtest may print "test NAME ... " before the first confirmed write.
        let line = line.rsplit(" ... ").next().unwrap_or_default();
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["draft", form, version] => {
                confirmed
                    .drafts
                    .insert(form.to_string(), version.parse().unwrap());
            }
            ["queued", version] => confirmed.queued.push(version.parse().unwrap()),
            _ => continue,
        }
        seen += 1;
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    confirmed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_killed_at_random_keeps_drafts() {
    let server_dir = tempfile::tempdir().unwrap();
    let server = jszg_server::start(jszg_server::Config::local(server_dir.path()))
        .await
        .unwrap();
    let ca_path = server.ca_path.clone().unwrap();
    for round in 0..ROUNDS {
        let dir = tempfile::tempdir().unwrap();
        let (path, url, ca) = (
            dir.path().to_path_buf(),
            server.base_url.clone(),
            ca_path.clone(),
        );
        let confirmed = tokio::task::spawn_blocking(move || run_round(&path, &url, &ca))
            .await
            .unwrap();

        let store = Store::open(dir.path()).await.unwrap();
        for (form, version) in &confirmed.drafts {
            let draft = store.load_draft(form).await.unwrap();
            let draft = draft.unwrap_or_else(|| panic!("round {round}: draft {form} lost"));
            let stored = draft["version"].as_u64().unwrap();
            assert!(
                stored >= *version,
                "round {round}: {form} has {stored}, confirmed {version}"
            );
        }
        let submissions = store.recent_submissions(10_000).await.unwrap();
        for version in &confirmed.queued {
            let copies = submissions
                .iter()
                .filter(|s| s.payload["version"].as_u64() == Some(*version))
                .count();
            assert_eq!(
                copies, 1,
                "round {round}: submission {version} stored {copies} times"
            );
        }
    }
    server.shutdown().await;
}
