//! The HTTP client: one `Client` for both API families, holding a `reqwest::Client`, the
//! family's auth header and path prefix, and the retry policy. Endpoint methods live in `api/`.

use std::{fmt, sync::Arc, time::Duration};

use base64::{engine::general_purpose::STANDARD, Engine as _};
use reqwest::{
    header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER},
    Method, StatusCode,
};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use url::Url;

use crate::{
    config::{ClientConfig, Credentials, Family, RetryPolicy},
    error::{Error, ErrorType, RawBody},
    routes::{Route, RouteCredentials},
    secret::{PublicToken, SessionToken},
    validated::{ProjectId, RequestId},
};

/// Name and version this crate reports as the `sdk` in `X-SDK-Client`. **(inferred)**: Stytch
/// documents the header's shape, not which identifiers it accepts.
pub const SDK_IDENTIFIER: &str = "gatehouse-stytch-b2b-rust";

/// A Stytch B2B client. Cheap to clone (an `Arc` inside); share one per app.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    family: Family,
    base_url: Url,
    /// The base URL without a trailing slash; route paths start with `/`.
    base: String,
    /// Basic `project_id:secret` or `public_token:public_token`; marked sensitive.
    auth: HeaderValue,
    public_token: Option<PublicToken>,
    project_id: Option<ProjectId>,
    retry: RetryPolicy,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("family", &self.inner.family)
            .field("base_url", &self.inner.base_url.as_str())
            .field("project_id", &self.inner.project_id)
            .field("credentials", &"<redacted>")
            .field("retry", &self.inner.retry)
            .finish()
    }
}

impl fmt::Display for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Stytch B2B client ({:?} API at {})",
            self.inner.family, self.inner.base_url
        )
    }
}

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

/// One call, described for `Client::execute`: a route from [`crate::routes::ROUTES`], the
/// values of its path placeholders, a body, and the repeat rule of its kind.
pub(crate) struct Call<'a> {
    pub route: &'static Route,
    /// The values of the route's `{…}` placeholders, in order (checked path-safe by the caller).
    pub params: &'a [&'a str],
    /// Serialized JSON body, if any.
    pub body: Option<Vec<u8>>,
    pub auth: Auth<'a>,
    pub repeat: Repeat,
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

impl Client {
    /// Builds a client. Fails only on configuration that cannot work (test/live cannot be told
    /// from the credentials and no base URL is given; the TLS backend cannot start).
    pub fn new(config: ClientConfig) -> Result<Self, Error> {
        let family = config.credentials.family();
        let base_url = match config.base_url {
            Some(u) => u,
            None => config.credentials.default_base_url()?,
        };
        // Tokens go to Stytch over TLS only; plain http only to this computer (the emulator).
        match base_url.scheme() {
            "https" => {}
            "http" if is_loopback(&base_url) => {}
            "http" => {
                return Err(Error::Config(
                    "base URL must be https (plain http only to a loopback address)".into(),
                ))
            }
            other => {
                return Err(Error::Config(format!(
                    "base URL must be https, not {other}"
                )))
            }
        }
        let base = base_url.as_str().trim_end_matches('/').to_owned();
        let (auth, public_token, project_id) = match &config.credentials {
            Credentials::Backend { project_id, secret } => (
                basic(project_id.as_str(), secret.expose()),
                None,
                Some(project_id.clone()),
            ),
            Credentials::Sdk { public_token } => (
                basic(public_token.expose(), public_token.expose()),
                Some(public_token.clone()),
                None,
            ),
        };
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if family == Family::Sdk {
            headers.insert("X-SDK-Client", sdk_client_header(&config.app)?);
        }
        // No redirect is followed: a 3xx would re-send a body holding tokens to another place.
        // Roots: the bundled Mozilla set and the OS's store (a company's TLS-inspection root).
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .https_only(!is_loopback(&base_url))
            .default_headers(headers)
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .user_agent(concat!(
                env!("CARGO_PKG_NAME"),
                "/",
                env!("CARGO_PKG_VERSION")
            ))
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                family,
                base_url,
                base,
                auth,
                public_token,
                project_id,
                retry: config.retry,
            }),
        })
    }

    /// The API family in use.
    pub fn family(&self) -> Family {
        self.inner.family
    }

    /// `Err(Unsupported)` unless the client speaks `family`: for endpoints one family lacks.
    pub(crate) fn require(&self, family: Family, endpoint: &'static str) -> Result<(), Error> {
        if self.inner.family == family {
            Ok(())
        } else {
            Err(Error::Unsupported {
                endpoint,
                family: self.inner.family,
            })
        }
    }

    /// The base URL in use.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The project id, when configured with backend credentials.
    pub fn project_id(&self) -> Option<&ProjectId> {
        self.inner.project_id.as_ref()
    }

    /// The HTTP client (TLS roots, timeouts, no redirects), for calls outside [`Client::execute`].
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    pub(crate) fn url(&self, path: &str) -> String {
        let mut s = String::with_capacity(self.inner.base.len() + path.len());
        s.push_str(&self.inner.base);
        s.push_str(path);
        s
    }

    fn auth_header(&self, route: &Route, auth: &Auth<'_>) -> Option<HeaderValue> {
        if route.credentials == RouteCredentials::None {
            return None;
        }
        Some(match (auth, &self.inner.public_token) {
            (Auth::SdkSession(token), Some(public)) => basic(public.expose(), token.expose()),
            _ => self.inner.auth.clone(),
        })
    }

    /// Sends a call with the retry rules of its kind and decodes the success body into `T`.
    pub(crate) async fn execute<T: DeserializeOwned>(&self, call: Call<'_>) -> Result<T, Error> {
        let route = call.route;
        debug_assert!(
            route.credentials == RouteCredentials::None || route.family() == self.inner.family,
            "{} called on a {:?} client",
            route.path,
            self.inner.family
        );
        let url = self.url(&route.fill(call.params));
        let auth = self.auth_header(route, &call.auth);
        let method = Method::from_bytes(route.method.as_bytes()).expect("routes use plain methods");
        let body = call.body.map(bytes::Bytes::from);
        let mut retry = 0u32;
        loop {
            let mut req = self.inner.http.request(method.clone(), &url);
            if let Some(auth) = &auth {
                req = req.header(AUTHORIZATION, auth.clone());
            }
            if let Some(b) = &body {
                req = req.body(b.clone());
            }
            let outcome = match req.send().await {
                Ok(resp) => read::<T>(route, resp).await,
                Err(e) => Err(Error::from_reqwest(e)),
            };
            let err = match outcome {
                Ok(v) => return Ok(v),
                Err(e) => e,
            };
            let may_repeat = match call.repeat {
                Repeat::Safe => err.is_retryable(),
                Repeat::IfNotSent => err.is_before_send(),
                Repeat::Never => false,
            };
            if may_repeat && retry < self.inner.retry.max_retries {
                if let Some(wait) = self.inner.retry.delay(retry, err.retry_after()) {
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
}

async fn read<T: DeserializeOwned>(route: &Route, resp: reqwest::Response) -> Result<T, Error> {
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

/// The largest answer the client reads; Stytch's are a few KiB.
pub const MAX_RESPONSE_BYTES: usize = 1024 * 1024;

/// Whether a URL's host is this computer: 127.0.0.0/8, ::1 or `localhost`.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
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
        Err(source) => Err(Error::Decode {
            status: code,
            body: RawBody::new(bytes),
            source,
        }),
    }
}

/// Serializes a request body. Bodies are private structs that borrow exposed secrets, so a
/// secret is serialized only here, on its way to Stytch.
pub(crate) fn to_body<B: Serialize>(body: &B) -> Vec<u8> {
    serde_json::to_vec(body).expect("request bodies are plain structs of strings and numbers")
}

fn basic(user: &str, password: &str) -> HeaderValue {
    let mut v = HeaderValue::try_from(format!(
        "Basic {}",
        STANDARD.encode(format!("{user}:{password}"))
    ))
    .expect("base64 is a valid header value");
    v.set_sensitive(true);
    v
}

fn parse_retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    // Seconds; an HTTP-date is rare for APIs and is ignored (the backoff applies instead).
    v.parse::<u64>().ok().map(Duration::from_secs)
}

/// The `X-SDK-Client` header: base64 of `{sdk, app, os, device}` as Stytch's SDKs send it.
fn sdk_client_header(app: &crate::config::AppInfo) -> Result<HeaderValue, Error> {
    let json = serde_json::json!({
        "sdk": {"identifier": SDK_IDENTIFIER, "version": env!("CARGO_PKG_VERSION")},
        "app": {"identifier": app.identifier, "version": app.version},
        "os": {"identifier": std::env::consts::OS, "version": ""},
        "device": {"model": std::env::consts::ARCH, "screen_size": ""},
    });
    HeaderValue::try_from(STANDARD.encode(json.to_string()))
        .map_err(|e| Error::Config(format!("X-SDK-Client: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_client_header_describes_the_app() {
        let h = sdk_client_header(&crate::config::AppInfo {
            identifier: "com.example.gatehouse".into(),
            version: "1.2.3".into(),
        })
        .unwrap();
        let json: serde_json::Value =
            serde_json::from_slice(&STANDARD.decode(h.as_bytes()).unwrap()).unwrap();
        assert_eq!(json["app"]["identifier"], "com.example.gatehouse");
        assert_eq!(json["app"]["version"], "1.2.3");
        assert_eq!(json["sdk"]["identifier"], SDK_IDENTIFIER);
        assert!(json["os"]["identifier"].is_string());
        assert!(json["device"].is_object());
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
