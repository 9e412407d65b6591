//! The sync worker against real SQLite and a real in-process server over HTTPS.

use chrono::{SubsecRound, Utc};
use jszg_desk::remote::ServerLink;
use jszg_desk::session::SessionVault;
use jszg_desk::store::{Store, SubmissionState};
use jszg_desk::sync::{Outcome, SyncWorker};
use serde_json::json;
use std::sync::Arc;
use tokio::sync::{Notify, RwLock};

fn worker(store: Store, link: Option<ServerLink>) -> SyncWorker {
    SyncWorker {
        store,
        link: Arc::new(RwLock::new(link)),
        vault: Arc::new(SessionVault::in_memory()),
        wake: Arc::new(Notify::new()),
    }
}

fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreachable_server_schedules_retry() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let link = ServerLink::new(&format!("https://127.0.0.1:{}", closed_port()), None).unwrap();
    let worker = worker(store.clone(), Some(link));
    let now = Utc::now().trunc_subsecs(0);
    let queued = store
        .enqueue(
            "register",
            Some("register"),
            &json!({"name": "郝京"}),
            &[],
            now,
        )
        .await
        .unwrap();

    let (after, outcome) = worker.send_next(now).await.unwrap().unwrap();
    assert!(matches!(outcome, Outcome::Retry(_)), "{outcome:?}");
    assert_eq!(after.id, queued.id);
    assert_eq!(after.state, SubmissionState::Queued);
    assert_eq!(after.attempts, 1);
    assert_eq!(after.next_attempt_at, now + chrono::Duration::seconds(1));
    assert!(
        worker.send_next(now).await.unwrap().is_none(),
        "waits out the back-off"
    );

    let later = now + chrono::Duration::seconds(1);
    let (after, _) = worker.send_next(later).await.unwrap().unwrap();
    assert_eq!(after.attempts, 2);
    assert_eq!(after.next_attempt_at, later + chrono::Duration::seconds(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_server_configured_keeps_submission() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let worker = worker(store.clone(), None);
    store
        .enqueue(
            "profile",
            None,
            &json!({"ethnicity": "01"}),
            &[],
            Utc::now(),
        )
        .await
        .unwrap();
    let (after, outcome) = worker.send_next(Utc::now()).await.unwrap().unwrap();
    assert_eq!(outcome, Outcome::Retry("no server configured".into()));
    assert_eq!(after.state, SubmissionState::Queued);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_rejection_is_final_and_redacted() {
    let server_dir = tempfile::tempdir().unwrap();
    let server = jszg_server::start(jszg_server::Config::local(server_dir.path()))
        .await
        .unwrap();
    let link = ServerLink::new(&server.base_url, server.ca_pem.as_deref()).unwrap();
    assert!(link.is_reachable().await);

    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    store
        .save_draft("register", &json!({"name": ""}), Utc::now())
        .await
        .unwrap();
    let worker = worker(store.clone(), Some(link));
    let payload = json!({"document_number": "", "password": "Secret#123"});
    let queued = store
        .enqueue("register", Some("register"), &payload, &[], Utc::now())
        .await
        .unwrap();

    let (after, outcome) = worker.send_next(Utc::now()).await.unwrap().unwrap();
    assert!(matches!(outcome, Outcome::Rejected(_)), "{outcome:?}");
    assert_eq!(after.id, queued.id);
    assert_eq!(after.state, SubmissionState::Rejected);
    assert_eq!(after.payload["password"], "");
    assert!(after.last_error.unwrap().contains("\"code\""));
    assert!(
        store.load_draft("register").await.unwrap().is_some(),
        "a rejected submission keeps its draft for correction"
    );
    server.shutdown().await;
}
