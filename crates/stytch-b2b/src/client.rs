//! The HTTP client: one `Client` for both API families, holding a `reqwest::Client`, the
//! family's auth header and path prefix, and the retry policy. Calls go out through `call.rs`;
//! endpoint methods live in `api/`.

use std::{fmt, sync::Arc};

use base64::{engine::general_purpose::STANDARD, Engine as _};
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use url::Url;

use crate::{
    call::Auth,
    config::{ClientConfig, Credentials, Family, RetryPolicy},
    error::Error,
    routes::{Route, RouteCredentials},
    secret::PublicToken,
    validated::ProjectId,
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

    /// The HTTP client (TLS roots, timeouts, no redirects) that [`crate::call::Call`] sends with.
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The full URL of a route's filled path.
    pub(crate) fn url(&self, path: &str) -> String {
        let mut s = String::with_capacity(self.inner.base.len() + path.len());
        s.push_str(&self.inner.base);
        s.push_str(path);
        s
    }

    /// The retry policy calls follow.
    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The Authorization header of a call to `route` as `auth`; `None` for a route that takes
    /// no credentials.
    pub(crate) fn authorization(&self, route: &Route, auth: &Auth<'_>) -> Option<HeaderValue> {
        if route.credentials == RouteCredentials::None {
            return None;
        }
        Some(match (auth, &self.inner.public_token) {
            (Auth::SdkSession(token), Some(public)) => basic(public.expose(), token.expose()),
            _ => self.inner.auth.clone(),
        })
    }
}

/// Whether a URL's host is this computer: 127.0.0.0/8, ::1 or `localhost`.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
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
}
