//! One call to Stytch, the request helper every endpoint uses: [`Client::call`] names the route and
//! the repeat rule, the setters add path values, a JSON body and who the call is made as, and
//! [`Call::send`] sends it with the retry rules of its kind and decodes the answer.

use std::time::Duration;

use bytes::Bytes;
use reqwest::{
    header::{HeaderMap, AUTHORIZATION, RETRY_AFTER},
    Method, StatusCode,
};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::{
    api::check_path_segment,
    client::Client,
    config::Family,
    error::{Error, ErrorType, RawBody},
    routes::{Route, RouteCredentials},
    secret::SessionToken,
    validated::{InvalidInput, RequestId},
};

/// When a call may be sent again automatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Repeat {
    /// Safe to repeat: GETs, sessions/authenticate. Retries on 429, 5xx, transport, timeouts.
    Safe,
    /// Repeat only when nothing was sent (connect failure): SMS send, email send, revoke, update.
    IfNotSent,
    /// Never: single-use tokens and codes (magic_links/authenticate, otps/sms/authenticate).
    Never,
}

/// The Authorization to use for a call.
pub(crate) enum Auth<'a> {
    /// The configured credentials.
    Default,
    /// SDK family: `public_token:session_token`. (Backend: the configured credentials.)
    SdkSession(&'a SessionToken),
}

/// One call: a route from [`crate::routes::ROUTES`] with its placeholders filled, a body, the
/// Authorization, and the repeat rule of its kind. Nothing is sent until [`Call::send`].
#[must_use = "a call is sent only by `send`"]
pub(crate) struct Call<'a> {
    client: &'a Client,
    route: &'static Route,
    /// The route's path with its placeholders filled; `None` until [`Call::path`] fills them.
    path: Option<String>,
    /// Serialized JSON; `Bytes` so that a retry re-sends it without copying.
    body: Option<Bytes>,
    auth: Auth<'a>,
    repeat: Repeat,
}

impl Client {
    /// A call to `route` with no path values, no body and the configured credentials.
    pub(crate) fn call(&self, route: &'static Route, repeat: Repeat) -> Call<'_> {
        debug_assert!(
            route.credentials == RouteCredentials::None || route.family() == self.family(),
            "{} called on a {:?} client",
            route.path,
            self.family()
        );
        Call {
            client: self,
            route,
            path: None,
            body: None,
            auth: Auth::Default,
            repeat,
        }
    }

    /// This client's family's route among a backend/SDK pair.
    pub(crate) fn route(&self, backend: &'static Route, sdk: &'static Route) -> &'static Route {
        match self.family() {
            Family::Backend => backend,
            Family::Sdk => sdk,
        }
    }
}

impl<'a> Call<'a> {
    /// Fills the route's `{…}` placeholders in order with `(field, value)`s, refusing a value
    /// that could change the path (the field names it in the error).
    pub(crate) fn path(mut self, values: &[(&'static str, &str)]) -> Result<Self, InvalidInput> {
        for (field, value) in values {
            check_path_segment(field, value)?;
        }
        let values: Vec<&str> = values.iter().map(|(_, value)| *value).collect();
        self.path = Some(self.route.fill(&values));
        Ok(self)
    }

    /// A JSON body. Bodies are private structs that borrow exposed secrets, so a secret is
    /// serialized only here, on its way to Stytch.
    pub(crate) fn json(mut self, body: &impl Serialize) -> Self {
        let bytes = serde_json::to_vec(body)
            .expect("request bodies are plain structs of strings and numbers");
        self.body = Some(Bytes::from(bytes));
        self
    }

    /// Who the call is made as, where that is not the configured credentials.
    pub(crate) fn auth(mut self, auth: Auth<'a>) -> Self {
        self.auth = auth;
        self
    }

    /// Sends the call with the retry rules of its kind and decodes the success body into `T`.
    pub(crate) async fn send<T: DeserializeOwned>(self) -> Result<T, Error> {
        let route = self.route;
        let policy = self.client.retry_policy();
        let mut retry = 0u32;
        loop {
            let outcome = match self.exchange().await {
                Ok(resp) => read::<T>(route, resp).await,
                Err(e) => Err(e),
            };
            let err = match outcome {
                Ok(v) => return Ok(v),
                Err(e) => e,
            };
            let may_repeat = match self.repeat {
                Repeat::Safe => err.is_retryable(),
                Repeat::IfNotSent => err.is_before_send(),
                Repeat::Never => false,
            };
            if may_repeat && retry < policy.max_retries {
                if let Some(wait) = policy.delay(retry, err.retry_after()) {
                    tracing::debug!(
                        endpoint = route.name,
                        retry = retry + 1,
                        wait_ms = wait.as_millis() as u64,
                        error = %err,
                        "stytch call failed; retrying"
                    );
                    tokio::time::sleep(wait).await;
                    retry += 1;
                    continue;
                }
            }
            tracing::debug!(endpoint = route.name, error = %err, "stytch call failed");
            return Err(err);
        }
    }

    /// One attempt, never repeated: the request built and sent, the answer's head back and its
    /// body not yet read (for a caller that wants the headers; [`read`] the answer after).
    pub(crate) async fn exchange(&self) -> Result<reqwest::Response, Error> {
        let path = match &self.path {
            Some(filled) => filled.clone(),
            None => self.route.fill(&[]),
        };
        let method =
            Method::from_bytes(self.route.method.as_bytes()).expect("routes use plain methods");
        let mut req = self.client.http().request(method, self.client.url(&path));
        if let Some(auth) = self.client.authorization(self.route, &self.auth) {
            req = req.header(AUTHORIZATION, auth);
        }
        if let Some(b) = &self.body {
            req = req.body(b.clone());
        }
        req.send().await.map_err(Error::from_reqwest)
    }
}

#[derive(Deserialize)]
struct Envelope<T> {
    data: T,
}

/// The SDK API's answer to a request that fails its schema: `{body, params, query}`, no
/// `error_type` (stytch-android `common/extensions/HttpExceptionExt.kt` and `StytchSchemaError`
/// in `common/network/models/CommonResponses.kt`). Tried only when the body has no `error_type`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemaErrorBody {
    #[serde(default)]
    body: Option<serde_json::Value>,
    #[serde(default)]
    params: Option<serde_json::Value>,
    #[serde(default)]
    query: Option<serde_json::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    status_code: Option<u16>,
    #[serde(default)]
    #[allow(dead_code)]
    request_id: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    request_id: Option<RequestId>,
    error_type: ErrorType,
    #[serde(default)]
    error_message: String,
    #[serde(default)]
    error_url: Option<String>,
}

/// Reads an answer to `route`: a redirect is refused, the body capped, then decoded.
pub(crate) async fn read<T: DeserializeOwned>(
    route: &Route,
    resp: reqwest::Response,
) -> Result<T, Error> {
    let status = resp.status();
    if status.is_redirection() {
        return Err(Error::Redirect {
            status: status.as_u16(),
        });
    }
    let retry_after = parse_retry_after(resp.headers());
    let bytes = read_capped(resp).await?;
    decode_response(route.family(), status, retry_after, &bytes)
}

/// The largest answer the client reads; Stytch's are a few KiB.
pub const MAX_RESPONSE_BYTES: usize = 1024 * 1024;

/// The body, refused past [`MAX_RESPONSE_BYTES`]: on the declared length, and while streaming.
async fn read_capped(mut resp: reqwest::Response) -> Result<Vec<u8>, Error> {
    let too_large = || Error::TooLarge {
        limit: MAX_RESPONSE_BYTES,
    };
    if resp
        .content_length()
        .is_some_and(|n| n > MAX_RESPONSE_BYTES as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(Error::from_reqwest)? {
        if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Turns a status and body into `T` or an [`Error`]. Public for the benchmark (parse cost alone).
#[doc(hidden)]
pub fn decode_response<T: DeserializeOwned>(
    family: Family,
    status: StatusCode,
    retry_after: Option<Duration>,
    bytes: &[u8],
) -> Result<T, Error> {
    let code = status.as_u16();
    if status.is_success() {
        let parsed = match family {
            Family::Backend => serde_json::from_slice::<T>(bytes),
            Family::Sdk => serde_json::from_slice::<Envelope<T>>(bytes).map(|e| e.data),
        };
        return parsed.map_err(|source| Error::Decode {
            status: code,
            body: RawBody::new(bytes),
            source,
        });
    }
    if let Ok(schema) = serde_json::from_slice::<SchemaErrorBody>(bytes) {
        if schema.body.is_some() || schema.params.is_some() || schema.query.is_some() {
            return Err(Error::Schema {
                status: code,
                body: RawBody::new(bytes),
            });
        }
    }
    match serde_json::from_slice::<ErrorBody>(bytes) {
        Ok(e) => Err(Error::Stytch {
            status: code,
            error_type: e.error_type,
            error_message: e.error_message,
            request_id: e.request_id.filter(|r| !r.as_str().is_empty()),
            error_url: e.error_url.filter(|u| !u.is_empty()),
            retry_after,
        }),
        // stytch-browser `packages/core/src/NetworkClient.ts` (and its spec) handles a captcha
        // demand that is not JSON: a 403 whose text says "Captcha required".
        Err(_) if code == 403 && contains(bytes, CAPTCHA_REQUIRED_TEXT) => Err(Error::Stytch {
            status: code,
            error_type: ErrorType::CaptchaRequired,
            error_message: CAPTCHA_REQUIRED_TEXT.to_owned(),
            request_id: None,
            error_url: None,
            retry_after,
        }),
        Err(source) => Err(Error::Decode {
            status: code,
            body: RawBody::new(bytes),
            source,
        }),
    }
}

/// The text of a captcha demand that is not JSON.
const CAPTCHA_REQUIRED_TEXT: &str = "Captcha required";

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn parse_retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    // Seconds; an HTTP-date is rare for APIs and is ignored (the backoff applies instead).
    v.parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    #[test]
    fn a_captcha_demand_is_read_as_json_or_as_text() {
        let json = br#"{"status_code":403,"request_id":"r","error_type":"captcha_required","error_message":"Captcha required","error_url":"u"}"#;
        let text = b"<html><body>Captcha required</body></html>";
        for body in [&json[..], &text[..]] {
            let e = decode_response::<serde_json::Value>(
                Family::Sdk,
                StatusCode::FORBIDDEN,
                None,
                body,
            )
            .unwrap_err();
            assert_eq!(e.error_type(), Some(&ErrorType::CaptchaRequired), "{e}");
        }
        let other = decode_response::<serde_json::Value>(
            Family::Sdk,
            StatusCode::FORBIDDEN,
            None,
            b"<html>nope</html>",
        )
        .unwrap_err();
        assert!(matches!(other, Error::Decode { .. }), "{other}");
    }

    #[test]
    fn retry_after_seconds_are_read() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("1"));
        assert_eq!(parse_retry_after(&h), Some(Duration::from_secs(1)));
        h.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(parse_retry_after(&h), None);
    }

    #[test]
    fn non_json_and_wrong_shape_are_decode_errors_with_the_body() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct T {
            x: u32,
        }
        let e = decode_response::<T>(Family::Backend, StatusCode::OK, None, b"<html>oops</html>")
            .unwrap_err();
        match e {
            Error::Decode { status, body, .. } => {
                assert_eq!(status, 200);
                assert_eq!(body.as_str(), "<html>oops</html>");
            }
            other => panic!("{other:?}"),
        }
        let e = decode_response::<T>(Family::Sdk, StatusCode::OK, None, br#"{"x":1}"#).unwrap_err();
        assert!(matches!(e, Error::Decode { .. }), "no envelope: {e:?}");
        let e = decode_response::<T>(
            Family::Backend,
            StatusCode::BAD_GATEWAY,
            None,
            b"bad gateway",
        )
        .unwrap_err();
        assert!(matches!(e, Error::Decode { status: 502, .. }));
        assert!(e.is_retryable());
    }
}
