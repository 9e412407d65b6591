//! The WeChat simulator of the local server, which stands in for the applicant's phone.

use serde::{Deserialize, Serialize};

/// `POST /api/v1/dev/wechat/messages`: a text or menu click as a WeChat user sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SimulatedWechatMessage {
    /// The simulated user's OpenID; any stable string.
    pub open_id: String,
    /// Text typed in the chat (a document number, `取验证码`, `重置密码`). Ignored when
    /// `menu_key` is set.
    #[serde(default)]
    pub text: String,
    /// Menu button pressed instead of typing: `GET_CODE` or `RESET_PASSWORD`.
    #[serde(default)]
    pub menu_key: Option<String>,
}

/// What the service account replied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SimulatedWechatReply {
    pub text: String,
}
