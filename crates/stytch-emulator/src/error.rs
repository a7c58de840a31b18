//! Stytch's error body, `{status_code, request_id, error_type, error_message, error_url}`,
//! the same in both API families and always top level (never inside `{"data": …}`); and the SDK
//! API's schema-error body `{"body": [...]}` (see [`facts::SCHEMA_ERROR_STATUS`]).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;

use crate::facts::{self, ErrorKind};
use crate::ids;

/// A failure answered in Stytch's shape.
#[derive(Debug, Clone)]
pub struct StytchError {
    pub status: u16,
    pub error_type: String,
    pub message: String,
    /// Test or live, for the request id's prefix.
    pub live: bool,
    /// Seconds for a `Retry-After` header (rate-limit 429s only; never for a lock).
    pub retry_after: Option<u32>,
    /// SDK schema errors: the ajv-style errors answered as `{"body": [...]}`, no `error_type`.
    pub(crate) schema: Option<Vec<Value>>,
}

#[derive(Serialize)]
struct Body<'a> {
    status_code: u16,
    request_id: String,
    error_type: &'a str,
    error_message: &'a str,
    error_url: String,
}

impl StytchError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self::raw(kind.status, kind.error_type, message)
    }

    pub fn raw(status: u16, error_type: &str, message: impl Into<String>) -> Self {
        let retry_after =
            (status == 429 && error_type != facts::USER_LOCK_LIMIT_REACHED.error_type).then_some(1);
        StytchError {
            status,
            error_type: error_type.to_string(),
            message: message.into(),
            live: false,
            retry_after,
            schema: None,
        }
    }

    /// The SDK API's answer to a request that does not match its schema.
    pub fn schema(errors: Vec<Value>) -> Self {
        let message = errors
            .iter()
            .filter_map(|e| e["message"].as_str())
            .collect::<Vec<_>>()
            .join("; ");
        StytchError {
            status: facts::SCHEMA_ERROR_STATUS,
            error_type: String::new(),
            message,
            live: false,
            retry_after: None,
            schema: Some(errors),
        }
    }

    pub fn live(mut self, live: bool) -> Self {
        self.live = live;
        self
    }
}

impl IntoResponse for StytchError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let Some(errors) = self.schema {
            let bytes =
                serde_json::to_vec(&serde_json::json!({ "body": errors })).unwrap_or_default();
            let mut response = (status, bytes).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            return response;
        }
        let body = Body {
            status_code: status.as_u16(),
            request_id: ids::request_id(self.live),
            error_type: &self.error_type,
            error_message: &self.message,
            error_url: format!(
                "https://stytch.com/docs/api/errors/{}#{}",
                status.as_u16(),
                self.error_type
            ),
        };
        let bytes = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = (status, bytes).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

pub type ApiResult<T> = Result<T, StytchError>;
