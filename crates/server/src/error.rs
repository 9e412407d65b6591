//! The error every handler returns, mapped to an HTTP status and an [`ErrorBody`].

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use jszg_api::ErrorBody;

/// A request that failed: either a rule the applicant can act on, or an internal fault.
#[derive(Debug)]
pub enum AppError {
    /// A rejected request: the status, a stable code, a Chinese message and the field.
    Rejected {
        status: StatusCode,
        body: ErrorBody,
        /// Seconds after which a retry may succeed, sent as `Retry-After`.
        retry_after: Option<u64>,
    },
    /// A fault inside the server. It is logged with its cause and returned as a generic 500.
    Internal(anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> AppError {
        AppError::Rejected {
            status,
            body: ErrorBody {
                code: code.to_string(),
                message: message.into(),
                field: None,
            },
            retry_after: None,
        }
    }

    pub fn bad_request(code: &str, message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn unauthorized(code: &str, message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::UNAUTHORIZED, code, message)
    }

    pub fn forbidden(code: &str, message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::FORBIDDEN, code, message)
    }

    pub fn conflict(code: &str, message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::CONFLICT, code, message)
    }

    pub fn too_many(code: &str, message: impl Into<String>, retry_after: u64) -> AppError {
        match AppError::new(StatusCode::TOO_MANY_REQUESTS, code, message) {
            AppError::Rejected { status, body, .. } => AppError::Rejected {
                status,
                body,
                retry_after: Some(retry_after),
            },
            internal => internal,
        }
    }

    /// Converts a domain rule violation from `jszg-core` into a 400 with its code, field
    /// and Chinese message.
    pub fn rule(rule: &dyn jszg_core::Rule) -> AppError {
        AppError::bad_request(rule.code(), rule.message_zh()).with_field(rule.field())
    }

    /// Converts a domain rule violation into an error with `status` instead of 400,
    /// optionally with `Retry-After`.
    pub fn rule_with_status(
        rule: &dyn jszg_core::Rule,
        status: StatusCode,
        retry_after: Option<u64>,
    ) -> AppError {
        AppError::Rejected {
            status,
            body: ErrorBody {
                code: rule.code().to_string(),
                message: rule.message_zh(),
                field: Some(rule.field().to_string()),
            },
            retry_after,
        }
    }

    /// Names the request field the error concerns.
    pub fn with_field(mut self, name: &str) -> AppError {
        if let AppError::Rejected { body, .. } = &mut self {
            body.field = Some(name.to_string());
        }
        self
    }

    /// Returns the machine code, or `internal` for a fault.
    pub fn code(&self) -> &str {
        match self {
            AppError::Rejected { body, .. } => &body.code,
            AppError::Internal(_) => "internal",
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(error: anyhow::Error) -> Self {
        AppError::Internal(error)
    }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        AppError::Internal(anyhow::Error::new(error).context("database query failed"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::Rejected {
                status,
                body,
                retry_after,
            } => {
                let mut response = (status, Json(body)).into_response();
                if let Some(seconds) = retry_after {
                    response
                        .headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                }
                response
            }
            AppError::Internal(error) => {
                tracing::error!(
                    error = format!("{error:#}"),
                    "request failed with an internal error"
                );
                let body = ErrorBody {
                    code: "internal".into(),
                    message: "服务器内部错误，请稍后再试。".into(),
                    field: None,
                };
                (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
            }
        }
    }
}
