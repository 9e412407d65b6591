//! The local store against a real SQLite file in a temp folder.

use chrono::{Duration, TimeZone, Utc};
use jszg_desk::store::{Store, StoredPhoto, SubmissionFile, SubmissionState};
use serde_json::json;

fn noon() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 4, 0, 0).unwrap()
}

#[tokio::test]
async fn draft_survives_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    store
        .save_draft("register", &json!({"name": "郝京"}), noon())
        .await
        .unwrap();
    store
        .save_draft("register", &json!({"name": "郝京", "phone": "158"}), noon())
        .await
        .unwrap();
    drop(store);

    let reopened = Store::open(dir.path()).await.unwrap();
    let draft = reopened.load_draft("register").await.unwrap().unwrap();
    assert_eq!(draft["name"], "郝京");
    assert_eq!(draft["phone"], "158");
    assert_eq!(reopened.load_draft("signin").await.unwrap(), None);
}

#[tokio::test]
async fn discard_removes_draft_and_photos() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let photo = StoredPhoto {
        file_name: "a.jpg".into(),
        bytes: vec![0xFF, 0xD8, 1, 2],
        original_size: 4,
        fitted: false,
    };
    store
        .save_draft("review", &json!({"reason": "x"}), noon())
        .await
        .unwrap();
    store
        .save_photo("review", "id_front", &photo)
        .await
        .unwrap();
    assert_eq!(
        store.photo("review", "id_front").await.unwrap(),
        Some(photo)
    );

    store.discard_draft("review").await.unwrap();
    assert_eq!(store.load_draft("review").await.unwrap(), None);
    assert_eq!(store.photo("review", "id_front").await.unwrap(), None);
}

#[tokio::test]
async fn queue_orders_and_backs_off() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let first = store
        .enqueue("register", Some("register"), &json!({"n": 1}), &[], noon())
        .await
        .unwrap();
    let second = store
        .enqueue("profile", None, &json!({"n": 2}), &[], noon())
        .await
        .unwrap();
    assert_ne!(first.idempotency_key, second.idempotency_key);
    assert_eq!(first.state, SubmissionState::Queued);
    assert_eq!(store.queued_count().await.unwrap(), 2);

    let due = store.next_due(noon()).await.unwrap().unwrap();
    assert_eq!(due.id, first.id);

    let later = noon() + Duration::seconds(4);
    store
        .mark_retry(first.id, "offline", later, noon())
        .await
        .unwrap();
    let due = store.next_due(noon()).await.unwrap().unwrap();
    assert_eq!(due.id, second.id, "the backed-off submission waits");
    assert_eq!(store.next_due_time().await.unwrap(), Some(noon()));

    store
        .mark_sent(second.id, &json!({"ok": true}), noon())
        .await
        .unwrap();
    assert!(store.next_due(noon()).await.unwrap().is_none());
    let due = store.next_due(later).await.unwrap().unwrap();
    assert_eq!(due.id, first.id);
    assert_eq!(due.attempts, 1);
    assert_eq!(due.last_error.as_deref(), Some("offline"));

    assert_eq!(store.make_queued_due(noon()).await.unwrap(), 1);
    assert_eq!(store.next_due(noon()).await.unwrap().unwrap().id, first.id);
}

#[tokio::test]
async fn finished_submission_drops_secrets_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let file = SubmissionFile {
        part: "holding".into(),
        file_name: "h.jpg".into(),
        bytes: vec![1, 2, 3],
    };
    let queued = store
        .enqueue(
            "register",
            Some("register"),
            &json!({"password": "Secret#123", "name": "郝京"}),
            std::slice::from_ref(&file),
            noon(),
        )
        .await
        .unwrap();
    assert_eq!(store.submission_files(queued.id).await.unwrap(), vec![file]);

    let error = json!({"code": "sms_code.wrong", "message": "验证码错误"});
    store
        .mark_rejected(queued.id, &error, noon())
        .await
        .unwrap();
    let done = store.submission(queued.id).await.unwrap();
    assert_eq!(done.state, SubmissionState::Rejected);
    assert_eq!(done.payload["password"], "");
    assert_eq!(done.payload["name"], "郝京");
    assert!(done.last_error.unwrap().contains("sms_code.wrong"));
    assert!(store.submission_files(queued.id).await.unwrap().is_empty());
    assert_eq!(store.queued_count().await.unwrap(), 0);
}

#[tokio::test]
async fn queued_submission_survives_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let queued = store
        .enqueue(
            "manual_review",
            Some("review"),
            &json!({"reason": "改名"}),
            &[],
            noon(),
        )
        .await
        .unwrap();
    drop(store);
    let reopened = Store::open(dir.path()).await.unwrap();
    let due = reopened.next_due(noon()).await.unwrap().unwrap();
    assert_eq!(due.idempotency_key, queued.idempotency_key);
    assert_eq!(due.form.as_deref(), Some("review"));
}
