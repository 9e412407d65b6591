//! Legacy accounts: the CSV import and its report, the forgot-password answer, and
//! registration replacing the legacy account.

mod applicant;
mod support;

use applicant::{register, zhang_san};
use jszg_server::legacy::import::import_legacy_csv;
use serde_json::json;
use support::{error_body, Backend, TestServer};

const CSV: &str = "\
document_type,document_number,name,registered_at,email,phone
resident_id_card,11010519491231002X,张三,2016-05-04,12345678@qq.com,13800138000
居民身份证,440524198501010036,李四,2018-12-01 09:30:00,,
resident_id_card,110105194912310021,王五,2016-05-04,,
resident_id_card,440524198501010036,李四,2019-03-01,,
passport,E12345678,赵六,2016-05-04,,
";

async fn import_reports_rejected_rows(backend: Backend) {
    let server = TestServer::start(backend).await;
    let state = server.server.state();
    let report = import_legacy_csv(&state.db, &state.keys, state.clock.as_ref(), CSV.as_bytes())
        .await
        .unwrap();
    assert_eq!(report.imported, 2, "{}", report.to_text());
    assert_eq!(report.updated, 0);
    let rejected: Vec<(u64, &str)> = report
        .rejected
        .iter()
        .map(|row| (row.line, row.code.as_str()))
        .collect();
    assert_eq!(
        rejected,
        vec![
            (4, "document_number.checksum"),
            (5, "legacy.not_legacy"),
            (6, "legacy.document_type"),
        ]
    );
    let text = report.to_text();
    assert!(
        text.starts_with("imported 2, updated 0, rejected 3\n"),
        "{text}"
    );
    assert!(
        text.contains("line 4\t11*****21\tdocument_number.checksum"),
        "{text}"
    );
    assert!(
        !text.contains("110105194912310021"),
        "no full document number: {text}"
    );

    let again = import_legacy_csv(&state.db, &state.keys, state.clock.as_ref(), CSV.as_bytes())
        .await
        .unwrap();
    assert_eq!((again.imported, again.updated), (0, 2));
    server.stop().await;
}
both_backends!(import_report, import_reports_rejected_rows);

async fn legacy_holder_told_to_register_again(backend: Backend) {
    let server = TestServer::start(backend).await;
    let state = server.server.state();
    import_legacy_csv(&state.db, &state.keys, state.clock.as_ref(), CSV.as_bytes())
        .await
        .unwrap();
    let (status, body) = server
        .start_reset(json!({"document_type": "resident_id_card", "document_number": "11010519491231002X", "name": "张三"}))
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(error_body(&body).code, "password_reset.legacy_account");

    let (status, body) = server
        .start_reset(json!({"document_type": "resident_id_card", "document_number": "11010519491231002X", "name": "张四"}))
        .await;
    assert_eq!(status, 400);
    assert_eq!(error_body(&body).code, "password_reset.no_match");

    register(&server, &zhang_san()).await;
    let live_legacy: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM accounts WHERE legacy = 1 AND document_lookup IS NOT NULL",
    )
    .fetch_one(&server.db().pool)
    .await
    .unwrap();
    assert_eq!(
        live_legacy, 1,
        "registration replaced the legacy account of 张三"
    );
    let (status, body) = server
        .start_reset(json!({"document_type": "resident_id_card", "document_number": "11010519491231002X", "name": "张三"}))
        .await;
    assert_eq!(status, 200, "{body}");
    server.stop().await;
}
both_backends!(legacy_reset, legacy_holder_told_to_register_again);
