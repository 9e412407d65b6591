//! The jszg desktop app: Tauri commands over the local store, the sync queue, the
//! session vault and the link to the central server.

pub mod commands;
pub mod embedded;
pub mod monitor;
pub mod photo_rules;
pub mod remote;
pub mod routes;
pub mod rules;
pub mod session;
pub mod staff;
pub mod state;
pub mod store;
pub mod sync;

use state::AppState;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use tauri::{Emitter, Manager};
use tokio::sync::{Notify, RwLock};

/// Returns the data folder: `JSZG_DATA_DIR` when set (tests use temp folders),
/// otherwise the platform's app data folder.
fn data_dir(app: &tauri::App) -> anyhow::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("JSZG_DATA_DIR") {
        return Ok(PathBuf::from(dir));
    }
    Ok(app.path().app_data_dir()?)
}

async fn build_state(data_dir: PathBuf) -> anyhow::Result<AppState> {
    let store = store::Store::open(&data_dir).await?;
    let vault = Arc::new(session::SessionVault::open(""));
    let link = monitor::initial_link(&store).await;
    Ok(AppState {
        store,
        vault,
        link: Arc::new(RwLock::new(link)),
        wake: Arc::new(Notify::new()),
        data_dir,
        reachable: AtomicBool::new(false),
        test_photo_dir: std::env::var_os("JSZG_TEST_PHOTO_DIR").map(PathBuf::from),
        embedded: tokio::sync::Mutex::new(None),
    })
}

/// Starts the app and blocks until its window closes.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,jszg_server::http=warn".into()),
        )
        .init();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let folder = data_dir(app)?;
            let staff_desk = staff::desk::StaffDesk::open(&folder);
            let state = tauri::async_runtime::block_on(build_state(folder))?;
            let worker = sync::SyncWorker {
                store: state.store.clone(),
                link: state.link.clone(),
                vault: state.vault.clone(),
                wake: state.wake.clone(),
            };
            app.manage(state);
            app.manage(staff_desk);
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(worker.run(move |submission, _outcome| {
                let _ = handle.emit("submission-updated", submission);
            }));
            tauri::async_runtime::spawn(monitor::watch(app.handle().clone()));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::account::captcha_new,
            commands::account::captcha_verify,
            commands::account::code_request,
            commands::account::sign_in,
            commands::account::sign_out,
            commands::account::profile_get,
            commands::account::inbox_list,
            commands::drafts::draft_load,
            commands::drafts::draft_save,
            commands::drafts::draft_discard,
            commands::photo::photo_pick,
            commands::photo::photo_get,
            commands::photo::photo_fit,
            commands::queue::submit,
            commands::queue::submission_get,
            commands::queue::queue_overview,
            commands::settings::app_info,
            commands::settings::settings_load,
            commands::settings::settings_save,
            commands::validate::validate_field,
            commands::validate::validity_end_date,
            commands::validate::form_options,
            commands::validate::name_stored_form,
            commands::verification::verification_status,
            commands::verification::verification_run,
            commands::verification::account_status,
            commands::recovery::reset_start,
            commands::recovery::reset_email,
            commands::recovery::reset_sms_code,
            commands::recovery::reset_wechat,
            commands::recovery::reset_complete,
            commands::recovery::reset_complete_link,
            commands::recovery::contact_change_code,
            commands::recovery::contact_change_requests,
            commands::recovery::contact_code,
            commands::recovery::wechat_send,
            staff::commands::staff_sign_in,
            staff::commands::staff_session,
            staff::commands::staff_sign_out,
            staff::commands::staff_reasons,
            staff::commands::staff_board,
            staff::commands::staff_item_open,
            staff::commands::staff_item_claim,
            staff::commands::staff_item_release,
            staff::photos::staff_photo,
            staff::commands::staff_decide,
            staff::admin::staff_admin_members,
            staff::admin::staff_audit_page,
            staff::admin::staff_audit_check,
            staff::demo::staff_demo_reviewer,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("failed to start the desktop app");
}
