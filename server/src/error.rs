//! The one error shape of the API: `{ "error": { "code", "message", "field"? } }`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// A refused request: status, stable code, a message a person can act on, the field at fault.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// A stable kebab-case code.
    pub code: &'static str,
    /// What is wrong and what to do.
    pub message: String,
    /// The request field at fault, when there is one.
    pub field: Option<String>,
    /// Extra members of the error object (the current value on a conflict, diagnostics).
    pub extra: Option<Value>,
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// A refusal with a status, code and message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            field: None,
            extra: None,
        }
    }

    /// Names the field at fault.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Adds members to the error object.
    pub fn extra(mut self, extra: Value) -> Self {
        self.extra = Some(extra);
        self
    }

    /// 400: the request itself is malformed.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 401: no link, an unknown one, or a revoked one.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// 403: a valid link that does not allow this.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404: nothing there for this link.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not-found", message)
    }

    /// 409: the session is not in a phase that allows this.
    pub fn wrong_phase(phase: &str, allowed: &str) -> Self {
        Self::new(
            StatusCode::CONFLICT,
            "wrong-phase",
            format!("the session is in phase `{phase}`; this is possible in phase {allowed} only"),
        )
    }

    /// 422: a value the engine refuses.
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "database error");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "storage",
            "the database could not complete the request; try again in a moment",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut error = json!({ "code": self.code, "message": self.message });
        if let Some(field) = self.field {
            error["field"] = json!(field);
        }
        if let Some(Value::Object(extra)) = self.extra {
            for (k, v) in extra {
                error[k] = v;
            }
        }
        (self.status, axum::Json(json!({ "error": error }))).into_response()
    }
}
