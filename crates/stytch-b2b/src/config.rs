//! Client configuration: which API family (chosen by the credentials), where Stytch is, timeouts,
//! the retry policy, and what the app says about itself in `X-SDK-Client`.

use std::time::Duration;

use url::Url;

use crate::{
    error::Error,
    secret::{ProjectSecret, PublicToken},
    validated::ProjectId,
};

/// Stytch's test environment host.
pub const TEST_BASE_URL: &str = "https://test.stytch.com";
/// Stytch's live environment host.
pub const LIVE_BASE_URL: &str = "https://api.stytch.com";

/// The credentials, which also choose the API family.
#[derive(Debug, Clone)]
pub enum Credentials {
    /// The backend API (`/v1/b2b/…`, Basic `project_id:secret`). Development and the test
    /// environment only: the secret must never ship in an installer.
    Backend {
        /// `project-test-…` or `project-live-…`.
        project_id: ProjectId,
        /// The project secret.
        secret: ProjectSecret,
    },
    /// The client SDK API (`/sdk/v1/b2b/…`, Basic `public_token:public_token`, or
    /// `public_token:session_token` for the session endpoints; `{"data": …}` envelope).
    Sdk {
        /// `public-token-test-…` or `public-token-live-…`.
        public_token: PublicToken,
    },
}

/// The API family in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `/v1`, project id + secret.
    Backend,
    /// `/sdk/v1`, public token.
    Sdk,
}

impl Credentials {
    /// The family these credentials speak.
    pub fn family(&self) -> Family {
        match self {
            Credentials::Backend { .. } => Family::Backend,
            Credentials::Sdk { .. } => Family::Sdk,
        }
    }

    /// Stytch's test or live host for these credentials.
    pub fn default_base_url(&self) -> Result<Url, Error> {
        let live = match self {
            Credentials::Backend { project_id, .. } => {
                let id = project_id.as_str();
                if id.starts_with("project-live-") {
                    true
                } else if id.starts_with("project-test-") {
                    false
                } else {
                    return Err(Error::Config(
                        "the project id is neither project-test-… nor project-live-…; set base_url"
                            .into(),
                    ));
                }
            }
            Credentials::Sdk { public_token } => {
                let t = public_token.expose();
                if t.starts_with("public-token-live-") {
                    true
                } else if t.contains("public-token-test") {
                    false
                } else {
                    return Err(Error::Config(
                        "the public token is neither public-token-test-… nor public-token-live-…; set base_url"
                            .into(),
                    ));
                }
            }
        };
        Ok(Url::parse(if live { LIVE_BASE_URL } else { TEST_BASE_URL }).expect("constant URL"))
    }
}

/// What the app says about itself in the SDK family's `X-SDK-Client` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppInfo {
    /// The app identifier, e.g. the Tauri bundle identifier `com.example.gatehouse`.
    pub identifier: String,
    /// The app version.
    pub version: String,
}

/// Capped exponential backoff, honouring `Retry-After`, used only where a call is safe to repeat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 = never retry).
    pub max_retries: u32,
    /// The first backoff; doubled each retry.
    pub initial_backoff: Duration,
    /// The cap on one backoff.
    pub max_backoff: Duration,
    /// A `Retry-After` longer than this is not waited for: the error is returned instead.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// The wait before retry number `retry` (0-based): `Retry-After` if Stytch gave one,
    /// else `initial_backoff * 2^retry` capped at `max_backoff`, with up to 50 % jitter off.
    /// `None` means "do not retry" (Stytch asked for more than `max_retry_after`).
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if let Some(ra) = retry_after {
            return (ra <= self.max_retry_after).then_some(ra);
        }
        let exp = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry))
            .min(self.max_backoff);
        let jitter: f64 = rand::random::<f64>() * 0.5;
        Some(exp.mul_f64(1.0 - jitter))
    }
}

/// Everything a [`Client`](crate::Client) needs.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Credentials; they choose the API family.
    pub credentials: Credentials,
    /// Where Stytch is: the emulator, a custom domain, or `None` for the test/live host derived
    /// from the credentials. A path is kept (`https://login.example.com/stytch` works).
    pub base_url: Option<Url>,
    /// Timeout for establishing a connection.
    pub connect_timeout: Duration,
    /// Timeout for a whole attempt (connect, send, receive the body).
    pub request_timeout: Duration,
    /// Retry policy for the calls that are safe to repeat.
    pub retry: RetryPolicy,
    /// The app, for `X-SDK-Client`.
    pub app: AppInfo,
}

impl ClientConfig {
    /// A config with defaults: host from the credentials, 5 s connect, 20 s total, default retries.
    pub fn new(credentials: Credentials, app: AppInfo) -> Self {
        Self {
            credentials,
            base_url: None,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(20),
            retry: RetryPolicy::default(),
            app,
        }
    }

    /// Points the client at another base URL (the emulator, a custom domain).
    pub fn with_base_url(mut self, base_url: Url) -> Self {
        self.base_url = Some(base_url);
        self
    }

    /// Sets both timeouts.
    pub fn with_timeouts(mut self, connect: Duration, request: Duration) -> Self {
        self.connect_timeout = connect;
        self.request_timeout = request;
        self
    }

    /// Sets the retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backend(id: &str) -> Credentials {
        Credentials::Backend {
            project_id: ProjectId::new(id),
            secret: ProjectSecret::new("secret-test-x"),
        }
    }

    fn sdk(t: &str) -> Credentials {
        Credentials::Sdk {
            public_token: PublicToken::new(t),
        }
    }

    #[test]
    fn host_follows_the_project_id_or_public_token() {
        assert_eq!(
            backend("project-live-1")
                .default_base_url()
                .unwrap()
                .as_str(),
            "https://api.stytch.com/"
        );
        assert_eq!(
            backend("project-test-1")
                .default_base_url()
                .unwrap()
                .as_str(),
            "https://test.stytch.com/"
        );
        assert_eq!(
            sdk("public-token-live-1")
                .default_base_url()
                .unwrap()
                .as_str(),
            "https://api.stytch.com/"
        );
        assert_eq!(
            sdk("public-token-test-1")
                .default_base_url()
                .unwrap()
                .as_str(),
            "https://test.stytch.com/"
        );
        assert!(matches!(
            backend("weird").default_base_url(),
            Err(Error::Config(_))
        ));
        assert!(matches!(
            sdk("weird").default_base_url(),
            Err(Error::Config(_))
        ));
    }

    #[test]
    fn backoff_doubles_is_capped_and_honours_retry_after() {
        let p = RetryPolicy::default();
        for retry in 0..10 {
            let d = p.delay(retry, None).unwrap();
            let full = p
                .initial_backoff
                .saturating_mul(1 << retry)
                .min(p.max_backoff);
            assert!(d <= full && d >= full / 2, "{retry}: {d:?} vs {full:?}");
        }
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(1))),
            Some(Duration::from_secs(1))
        );
        assert_eq!(p.delay(0, Some(Duration::from_secs(3600))), None);
    }
}
