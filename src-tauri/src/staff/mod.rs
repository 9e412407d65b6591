//! The reviewers' workstation: staff sign-in, the two queues, one item with its photos,
//! claims and decisions. Every call goes to the server through `jszg-api`'s client with
//! the staff session token, which is kept in its own keyring entry apart from the
//! applicant's.

pub mod admin;
pub mod board;
pub mod commands;
pub mod decision;
pub mod demo;
pub mod desk;
pub mod photos;

use jszg_api::client::ClientError;
use jszg_api::ErrorBody;

/// Error code the server returns for a missing, expired or ended staff session.
pub const UNAUTHORIZED: &str = "staff.unauthorized";

/// Maps a client failure to the page's error shape, logging what the page does not show.
pub fn client_error(error: ClientError) -> ErrorBody {
    match error {
        ClientError::Api { body, .. } => body,
        ClientError::Unreachable(cause) => {
            tracing::warn!(error = %cause, "staff request did not reach the server");
            ErrorBody {
                code: "network.unreachable".into(),
                message: "暂时无法连接服务器，请检查网络后重试。".into(),
                field: None,
            }
        }
        ClientError::Protocol(detail) => {
            tracing::error!(%detail, "staff request got an unexpected response");
            ErrorBody {
                code: "network.protocol".into(),
                message: "服务器的响应无法识别，请确认应用与服务器版本一致。".into(),
                field: None,
            }
        }
    }
}

/// Builds a field error with a stable code and a Chinese message.
pub fn field_error(code: &str, message: &str, field: &str) -> ErrorBody {
    ErrorBody {
        code: code.into(),
        message: message.into(),
        field: Some(field.into()),
    }
}
