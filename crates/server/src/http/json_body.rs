//! JSON request bodies whose rejections return the usual error body: a status, a
//! stable code, a Chinese message and, where serde names it, the field.

use axum::extract::rejection::JsonRejection;
use axum::extract::FromRequest;

use crate::error::AppError;

/// A JSON request body. A missing field, a value of the wrong type, broken JSON or a
/// missing `Content-Type` gets an [`AppError`] instead of axum's plain-text response.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct JsonBody<T>(pub T);

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        let detail = rejection.body_text();
        tracing::info!(status = %rejection.status(), detail, "request body rejected");
        match &rejection {
            JsonRejection::MissingJsonContentType(_) => AppError::new(
                rejection.status(),
                "request.content_type",
                "请求格式有误：请以 JSON 格式（Content-Type: application/json）提交。",
            ),
            JsonRejection::JsonSyntaxError(_) => AppError::new(
                rejection.status(),
                "request.json_syntax",
                "请求内容不是有效的 JSON，请检查后重新提交。",
            ),
            JsonRejection::JsonDataError(_) => match field_of(&detail) {
                Some(field) => AppError::new(
                    rejection.status(),
                    "request.field_invalid",
                    format!("请求中的“{field}”一项缺失或类型不正确，请检查后重新提交。"),
                )
                .with_field(&field),
                None => AppError::new(
                    rejection.status(),
                    "request.field_invalid",
                    "请求内容缺少必填项或类型不正确，请检查后重新提交。",
                ),
            },
            _ => AppError::new(
                rejection.status(),
                "request.body_unreadable",
                "无法读取请求内容，请重新提交。",
            ),
        }
    }
}

/// Returns the field a serde data error names: the missing field, or the path of the
/// value of the wrong type. `None` when the error concerns the whole body.
fn field_of(detail: &str) -> Option<String> {
    if let Some(start) = detail.find("missing field `") {
        let rest = &detail[start + "missing field `".len()..];
        return rest.find('`').map(|end| rest[..end].to_string());
    }
    let rest = detail.split_once("target type: ")?.1;
    let (path, _) = rest.split_once(": ")?;
    let is_path = !path.is_empty()
        && path != "."
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '[' || c == ']');
    is_path.then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::field_of;

    #[test]
    fn missing_field_named() {
        let detail = "Failed to deserialize the JSON body into the target type: missing field `name` at line 1 column 60";
        assert_eq!(field_of(detail).as_deref(), Some("name"));
    }

    #[test]
    fn wrong_type_named_by_path() {
        let detail = "Failed to deserialize the JSON body into the target type: name: invalid type: integer `5`, expected a string at line 1 column 9";
        assert_eq!(field_of(detail).as_deref(), Some("name"));
    }

    #[test]
    fn whole_body_has_no_field() {
        let detail = "Failed to deserialize the JSON body into the target type: invalid type: sequence, expected struct StartPasswordResetRequest at line 1 column 0";
        assert_eq!(field_of(detail), None);
    }
}
