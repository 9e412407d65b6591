//! What the service account replies to each kind of message.

use jszg_core::beijing::beijing_date;
use jszg_core::{DocumentNumber, DocumentType, Rule};

use crate::error::AppResult;
use crate::outbox::Channel;
use crate::recovery::account_store;
use crate::recovery::reset_links::{self, LinkOrigin};
use crate::state::AppState;

pub const ASK_FOR_DOCUMENT_NUMBER: &str =
    "请输入您注册时使用的证件号码，获取注册验证码。验证码5分钟内有效。";

pub const HELP: &str =
    "您好，这里是中国教师资格服务号。点击“取验证码”并输入证件号码可获取注册验证码；已绑定账号的用户点击“重置密码”可重置登录密码。";

/// Document types whose number could be `text`, tried in this order.
fn candidate_types(text: &str) -> &'static [DocumentType] {
    match text.chars().count() {
        18 => &[
            DocumentType::ResidentIdCard,
            DocumentType::HkMacaoResidencePermit,
            DocumentType::TaiwanResidencePermit,
        ],
        9 => &[DocumentType::HkMacaoTravelPermit],
        8 => &[DocumentType::TaiwanTravelPermit],
        _ => &[DocumentType::ResidentIdCard],
    }
}

/// Validates a document number typed in the chat, trying each type it could be.
fn parse_document_number(state: &AppState, text: &str) -> Result<DocumentNumber, String> {
    let today = beijing_date(state.clock.now());
    let mut first_error = None;
    for kind in candidate_types(text.trim()) {
        match DocumentNumber::parse(*kind, text, today) {
            Ok(document) => return Ok(document),
            Err(error) => {
                first_error.get_or_insert(error.message_zh());
            }
        }
    }
    Err(first_error.unwrap_or_default())
}

/// Issues a registration code for the document number and records which WeChat user
/// asked, so registration with that code binds the account to this user.
pub async fn registration_code(state: &AppState, open_id: &str, text: &str) -> AppResult<String> {
    let document = match parse_document_number(state, text) {
        Ok(document) => document,
        Err(message) => return Ok(format!("{message}\n请重新输入证件号码。")),
    };
    let hash = account_store::document_hash(&state.keys, &document);
    let mut connection = state.db.pool.acquire().await?;
    let existing =
        account_store::find_by_document_hash(&mut connection, &state.keys, &hash).await?;
    if existing.is_some_and(|account| !account.legacy) {
        return Ok("该证件号码已注册，请直接登录。如忘记密码，请使用“忘记密码”功能。".into());
    }
    drop(connection);

    let code = match super::registration_codes::issue(state, &hash, open_id).await? {
        super::registration_codes::Issued::Code(code) => code,
        super::registration_codes::Issued::TooSoon(seconds) => {
            return Ok(format!("验证码已发送，请 {seconds} 秒后再重新获取。"));
        }
    };
    tracing::info!(document = %document.masked(), "wechat registration code issued");
    Ok(format!(
        "您的注册验证码为：{code}，5分钟内有效。请在注册页面选择“微信扫码验证”并填写该验证码。证件号码：{}",
        document.masked()
    ))
}

/// Replies with a 30-minute reset link when this WeChat user is bound to an account.
pub async fn reset_password(state: &AppState, open_id: &str) -> AppResult<String> {
    let mut tx = state.db.begin_write().await?;
    let account = account_store::find_by_wechat_open_id(&mut tx, &state.keys, open_id).await?;
    let Some(account) = account else {
        return Ok("您的微信尚未绑定中国教师资格网账号，请使用邮箱或短信方式重置密码。".into());
    };
    let token = reset_links::create_link(
        &mut tx,
        state.clock.as_ref(),
        &account.id,
        LinkOrigin::Wechat,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(account_id = %account.id, "wechat reset link issued");
    let link = reset_links::link_url(&state.config.recovery.reset_link_base, &token);
    Ok(format!(
        "账号 {} 的密码重置链接：{link}\n请在30分钟内点击链接，输入新密码并确认后提交。",
        account.masked_document_number()
    ))
}

/// Copies a reply into the development inbox, so the local desktop shows what the
/// chat would show. Only the simulator calls it.
pub async fn record_reply(state: &AppState, open_id: &str, text: &str) {
    let message = crate::outbox::OutgoingMessage {
        id: uuid::Uuid::new_v4().to_string(),
        channel: Channel::Wechat,
        destination: open_id.to_owned(),
        subject: "中国教师资格服务号".into(),
        body: text.to_owned(),
    };
    if let Err(error) = state.messengers.wechat.deliver(&message).await {
        tracing::warn!(error = %error, "failed to record the wechat reply in the inbox");
    }
}
