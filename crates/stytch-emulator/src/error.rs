//! Stytch's error body, `{status_code, request_id, error_type, error_message, error_url}`,
//! the same in both API families and always top level (never inside `{"data": …}`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::facts::ErrorKind;
use crate::ids;

/// A failure answered in Stytch's shape.
#[derive(Debug, Clone)]
pub struct StytchError {
    pub status: u16,
    pub error_type: String,
    pub message: String,
    /// Test or live, for the request id's prefix.
    pub live: bool,
    /// Seconds for a `Retry-After` header (429s).
    pub retry_after: Option<u32>,
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
        let retry_after = (status == 429).then_some(1);
        StytchError {
            status,
            error_type: error_type.to_string(),
            message: message.into(),
            live: false,
            retry_after,
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
