//! A client for Stytch's Management API ("Programmatic Workspace Actions", v3): the dashboard's
//! project settings over HTTP. Only the six calls `stytch-setup` makes.
//!
//! Traced to stytchauth/stytch-management-go v3: `pkg/api/client.go` (the host),
//! `pkg/api/internal/stytch.go` (Basic authentication with the workspace management key, 200 and
//! 201 the only successes, the error body of `pkg/stytcherror/stytcherror.go`), `pkg/api/sdk.go`,
//! `pkg/api/redirecturls.go`, `pkg/api/environments.go` (the routes); Stytch docs
//! <https://stytch.com/docs/api-reference/pwa/api/v3/overview.md> (authentication).

mod model;

pub use model::{
    B2bSdkConfig, DfppaOnChallenge, DfppaSetting, HttpOnly, MemberLock, RedirectType, RedirectUrl,
    UrlType,
};

use std::{fmt, time::Duration};

use reqwest::{header, Method, StatusCode};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use url::Url;

/// Where the Management API lives (stytch-management-go `pkg/api/client.go`, `defaultBaseURI`).
pub const DEFAULT_BASE: &str = "https://management.stytch.com";

/// The environment variables holding the workspace management key: there is no option for
/// either, so the key never lands in shell history or in the process list.
pub const KEY_ID_VAR: &str = "STYTCH_WORKSPACE_KEY_ID";
pub const KEY_SECRET_VAR: &str = "STYTCH_WORKSPACE_KEY_SECRET";

/// Where IT creates a workspace management key (Stytch docs
/// <https://stytch.com/docs/workspace-management/pwa/overview>).
pub const WHERE_KEYS_ARE_MADE: &str =
    "Stytch dashboard → Workspace settings → Management API → + Add new";

/// A workspace management key: "HTTP Basic Authentication with a Workspace Management Key ID as
/// the username and a Workspace Management Secret as the password" (Stytch docs, Programmatic
/// Workspace Actions overview). It can change every project of the workspace.
pub struct WorkspaceKey {
    id: String,
    secret: KeySecret,
}

/// The key's secret: printed as a redaction, never serialized, wiped when dropped.
struct KeySecret(String);

impl Drop for KeySecret {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl fmt::Debug for WorkspaceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WorkspaceKey(<redacted>)")
    }
}

impl WorkspaceKey {
    /// The key from [`KEY_ID_VAR`] and [`KEY_SECRET_VAR`]; the error names each one missing.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let read = |name| var(name).filter(|v: &String| !v.trim().is_empty());
        match (read(KEY_ID_VAR), read(KEY_SECRET_VAR)) {
            (Some(id), Some(secret)) => Ok(Self {
                id,
                secret: KeySecret(secret),
            }),
            (id, secret) => Err(Error::MissingKey {
                missing: [
                    (KEY_ID_VAR, id.is_none()),
                    (KEY_SECRET_VAR, secret.is_none()),
                ]
                .into_iter()
                .filter_map(|(name, missing)| missing.then_some(name))
                .collect(),
            }),
        }
    }
}

/// Which project environment the calls are about: the slugs of stytch-management-go's
/// `ProjectSlug` and `EnvironmentSlug` (terraform-provider-stytch `docs/resources/environment.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub project_slug: String,
    pub environment_slug: String,
}

/// What went wrong talking to the Management API. Display texts never contain the key.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "set the workspace management key in {} (it is never taken on the command line; \
         create one in {WHERE_KEYS_ARE_MADE})",
        missing.join(" and ")
    )]
    MissingKey { missing: Vec<&'static str> },
    #[error("{0}")]
    Config(String),
    #[error("could not reach Stytch's Management API ({0})")]
    Transport(#[source] reqwest::Error),
    #[error("{0}")]
    Stytch(StytchError),
    #[error("Stytch's Management API answered {call} with HTTP {status} and a body this tool cannot read ({reason}): {body}")]
    Undecodable {
        call: &'static str,
        status: u16,
        reason: String,
        body: String,
    },
}

/// Stytch's error body (stytch-management-go `pkg/stytcherror/stytcherror.go`), as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct StytchError {
    pub status_code: u16,
    pub request_id: String,
    pub error_type: String,
    pub error_message: String,
    pub error_url: String,
}

impl fmt::Display for StytchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stytch's Management API answered {}", self.status_code)?;
        if !self.error_type.is_empty() {
            write!(f, " {}", self.error_type)?;
        }
        if !self.error_message.is_empty() {
            write!(f, ": {}", self.error_message.trim_end())?;
        }
        if !self.request_id.is_empty() {
            write!(f, " (request {})", self.request_id)?;
        }
        if let Some(hint) = self.hint() {
            write!(f, "\n{hint}")?;
        }
        Ok(())
    }
}

impl StytchError {
    /// What IT does about it, for the answers whose cause is clear.
    fn hint(&self) -> Option<String> {
        match self.status_code {
            401 => Some(format!(
                "Stytch refused the workspace management key: check {KEY_ID_VAR} and \
                 {KEY_SECRET_VAR} (a key of the workspace that holds the project; {WHERE_KEYS_ARE_MADE})."
            )),
            403 => Some(
                "The workspace management key may not do this: check its permissions in the \
                 Stytch dashboard (Workspace settings → Management API)."
                    .into(),
            ),
            404 => Some(
                "Check --project-slug and --environment (STYTCH_PROJECT_SLUG, STYTCH_ENVIRONMENT): \
                 the project and environment slugs of a B2B project in the key's workspace."
                    .into(),
            ),
            _ => None,
        }
    }
}

impl Error {
    /// True for Stytch's 404: on the environment itself, the slugs name no environment of the
    /// key's workspace.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Stytch(e) if e.status_code == 404)
    }

    /// True when no later call can succeed either: no key, a refused key, Stytch unreachable.
    pub fn is_fatal(&self) -> bool {
        match self {
            Error::MissingKey { .. } | Error::Config(_) | Error::Transport(_) => true,
            Error::Stytch(e) => e.status_code == 401,
            Error::Undecodable { .. } => false,
        }
    }
}

/// The largest answer read; the Management API's are a few KiB.
const MAX_BODY: usize = stytch_b2b::MAX_RESPONSE_BYTES;
/// How much of an unreadable body an error keeps.
const BODY_EXCERPT: usize = 512;

/// The Management API for one project environment.
#[derive(Debug)]
pub struct Management {
    http: reqwest::Client,
    base: Url,
    key: WorkspaceKey,
    target: Target,
}

impl Management {
    /// `base`: [`DEFAULT_BASE`], or the emulator. The key goes only to https, or to http on this
    /// computer, and never inside the URL.
    pub fn new(base: Url, key: WorkspaceKey, target: Target) -> Result<Self, Error> {
        if base.scheme() != "https" && !(base.scheme() == "http" && stytch_b2b::is_loopback(&base))
        {
            return Err(Error::Config(format!(
                "the Management API base must be https (or http to this computer), not {base}"
            )));
        }
        if !base.username().is_empty() || base.password().is_some() || base.query().is_some() {
            return Err(Error::Config(
                "the Management API base must not carry credentials or a query".into(),
            ));
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!("gatehouse-admin/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self {
            http,
            base,
            key,
            target,
        })
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    /// `GET /pwa/v3/projects/{project}/environments/{environment}/sdk/b2b` → `{config}`
    /// (stytch-management-go `pkg/api/sdk.go`, `GetB2BConfig`).
    pub async fn b2b_sdk_config(&self) -> Result<B2bSdkConfig, Error> {
        let answer: ConfigAnswer = self
            .call(
                "get the B2B SDK configuration",
                Method::GET,
                &["sdk", "b2b"],
                None,
                None::<&()>,
            )
            .await?;
        Ok(answer.config)
    }

    /// `PUT …/sdk/b2b` with `{config}` (`SetB2BConfig`). Only the sections in `patch` are sent,
    /// each whole: a section left out is left as it is. Inferred, not documented: Terraform's
    /// delete sends only `basic` and says "Other fields are left as-is"
    /// (terraform-provider-stytch `internal/provider/resources/b2bsdkconfig.go`).
    pub async fn set_b2b_sdk_config(&self, patch: &B2bSdkConfig) -> Result<B2bSdkConfig, Error> {
        #[derive(Serialize)]
        struct Body<'a> {
            config: &'a B2bSdkConfig,
        }
        let answer: ConfigAnswer = self
            .call(
                "set the B2B SDK configuration",
                Method::PUT,
                &["sdk", "b2b"],
                None,
                Some(&Body { config: patch }),
            )
            .await?;
        Ok(answer.config)
    }

    /// `GET …/redirect_urls/all` → `{redirect_urls}` (`pkg/api/redirecturls.go`, `GetAll`).
    pub async fn redirect_urls(&self) -> Result<Vec<RedirectUrl>, Error> {
        #[derive(Deserialize)]
        struct Answer {
            #[serde(default)]
            redirect_urls: Vec<RedirectUrl>,
        }
        let answer: Answer = self
            .call(
                "list the redirect URLs",
                Method::GET,
                &["redirect_urls", "all"],
                None,
                None::<&()>,
            )
            .await?;
        Ok(answer.redirect_urls)
    }

    /// `POST …/redirect_urls` with `{url, valid_types, do_not_promote_defaults}` (`Create`).
    pub async fn create_redirect_url(&self, url: &str, types: &[UrlType]) -> Result<(), Error> {
        #[derive(Serialize)]
        struct Body<'a> {
            url: &'a str,
            valid_types: &'a [UrlType],
            do_not_promote_defaults: bool,
        }
        let body = Body {
            url,
            valid_types: types,
            do_not_promote_defaults: NO_PROMOTION,
        };
        self.call::<serde_json::Value>(
            "create the redirect URL",
            Method::POST,
            &["redirect_urls"],
            None,
            Some(&body),
        )
        .await
        .map(drop)
    }

    /// `PUT …/redirect_urls?url=…` with `{valid_types, do_not_promote_defaults}` (`Update`): the
    /// URL only in the query. `types` replaces the URL's list, so it carries the ones it had.
    pub async fn update_redirect_url(&self, url: &str, types: &[UrlType]) -> Result<(), Error> {
        #[derive(Serialize)]
        struct Body<'a> {
            valid_types: &'a [UrlType],
            do_not_promote_defaults: bool,
        }
        let body = Body {
            valid_types: types,
            do_not_promote_defaults: NO_PROMOTION,
        };
        self.call::<serde_json::Value>(
            "update the redirect URL",
            Method::PUT,
            &["redirect_urls"],
            Some(("url", url)),
            Some(&body),
        )
        .await
        .map(drop)
    }

    /// `GET /pwa/v3/projects/{project}/environments/{environment}` → `{environment}`
    /// (`pkg/api/environments.go`, `Get`; `GetResponse` in `pkg/models/environments/types.go`).
    pub async fn member_lock(&self) -> Result<MemberLock, Error> {
        #[derive(Deserialize)]
        struct Answer {
            #[serde(default)]
            environment: MemberLock,
        }
        let answer: Answer = self
            .call("read the environment", Method::GET, &[], None, None::<&()>)
            .await?;
        Ok(answer.environment)
    }

    /// `/pwa/v3/projects/{project}/environments/{environment}/{tail…}`, each segment
    /// percent-encoded.
    fn url(&self, tail: &[&str], query: Option<(&str, &str)>) -> Url {
        let mut url = self.base.clone();
        url.set_fragment(None);
        {
            let mut path = url.path_segments_mut().expect("an http(s) URL has a path");
            path.pop_if_empty().extend([
                "pwa",
                "v3",
                "projects",
                self.target.project_slug.as_str(),
                "environments",
                self.target.environment_slug.as_str(),
            ]);
            path.extend(tail);
        }
        if let Some((name, value)) = query {
            url.query_pairs_mut().append_pair(name, value);
        }
        url
    }

    async fn call<T: DeserializeOwned>(
        &self,
        call: &'static str,
        method: Method,
        tail: &[&str],
        query: Option<(&str, &str)>,
        body: Option<&impl Serialize>,
    ) -> Result<T, Error> {
        let mut request = self
            .http
            .request(method, self.url(tail, query))
            .basic_auth(&self.key.id, Some(&self.key.secret.0))
            .header(header::ACCEPT, "application/json");
        if let Some(body) = body {
            request = request.json(body);
        }
        let mut response = request.send().await.map_err(Error::Transport)?;
        let status = response.status();
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(Error::Transport)? {
            if bytes.len() + chunk.len() > MAX_BODY {
                return Err(undecodable(call, status, "too large".into(), &bytes));
            }
            bytes.extend_from_slice(&chunk);
        }
        // stytch-management-go `pkg/api/internal/stytch.go`: 200 and 201 only.
        if status == StatusCode::OK || status == StatusCode::CREATED {
            return serde_json::from_slice(&bytes)
                .map_err(|e| undecodable(call, status, e.to_string(), &bytes));
        }
        match serde_json::from_slice::<StytchError>(&bytes) {
            Ok(mut e) => {
                if e.status_code == 0 {
                    e.status_code = status.as_u16();
                }
                Err(Error::Stytch(e))
            }
            // The Go client's own fallback for a 404 without Stytch's body.
            Err(_) if status == StatusCode::NOT_FOUND => Err(Error::Stytch(StytchError {
                status_code: 404,
                error_message: "Not found.".into(),
                ..StytchError::default()
            })),
            Err(e) => Err(undecodable(call, status, e.to_string(), &bytes)),
        }
    }
}

/// Always true, as terraform-provider-stytch sends it (`internal/provider/resources/redirecturl.go`):
/// adding Gatehouse's URL never makes it a type's default in place of another app's
/// (stytch-management-go `pkg/models/redirecturls/types.go`, `DoNotPromoteDefaults`).
const NO_PROMOTION: bool = true;

#[derive(Deserialize)]
struct ConfigAnswer {
    #[serde(default)]
    config: B2bSdkConfig,
}

fn undecodable(call: &'static str, status: StatusCode, reason: String, body: &[u8]) -> Error {
    let text = String::from_utf8_lossy(body);
    let mut end = text.len().min(BODY_EXCERPT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Error::Undecodable {
        call,
        status: status.as_u16(),
        reason,
        body: text[..end].to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn management(base: &str) -> Result<Management, Error> {
        let key = WorkspaceKey::from_vars(|name| Some(format!("{name}-value"))).unwrap();
        Management::new(
            Url::parse(base).unwrap(),
            key,
            Target {
                project_slug: "acme prod".into(),
                environment_slug: "production".into(),
            },
        )
    }

    #[test]
    fn the_missing_key_error_names_each_missing_variable() {
        let none = WorkspaceKey::from_vars(|_| None).unwrap_err().to_string();
        assert!(
            none.contains("STYTCH_WORKSPACE_KEY_ID and STYTCH_WORKSPACE_KEY_SECRET"),
            "{none}"
        );
        let no_secret = WorkspaceKey::from_vars(|name| {
            (name == KEY_ID_VAR).then(|| "workspace-key-id".to_owned())
        })
        .unwrap_err()
        .to_string();
        assert!(
            no_secret
                .starts_with("set the workspace management key in STYTCH_WORKSPACE_KEY_SECRET "),
            "{no_secret}"
        );
        let blank = WorkspaceKey::from_vars(|_| Some(" ".into())).unwrap_err();
        assert!(matches!(blank, Error::MissingKey { missing } if missing.len() == 2));
    }

    #[test]
    fn the_key_prints_as_a_redaction() {
        let m = management("https://management.stytch.com").unwrap();
        let debug = format!("{m:?}");
        assert!(!debug.contains("-value"), "{debug}");
        assert!(debug.contains("WorkspaceKey(<redacted>)"), "{debug}");
    }

    #[test]
    fn paths_are_the_v3_routes_with_each_slug_encoded() {
        let m = management("https://management.stytch.com").unwrap();
        assert_eq!(
            m.url(&["sdk", "b2b"], None).as_str(),
            "https://management.stytch.com/pwa/v3/projects/acme%20prod/environments/production/sdk/b2b"
        );
        assert_eq!(
            m.url(&["redirect_urls"], Some(("url", "gatehouse://auth/callback?x=1&y"))).as_str(),
            "https://management.stytch.com/pwa/v3/projects/acme%20prod/environments/production/redirect_urls?url=gatehouse%3A%2F%2Fauth%2Fcallback%3Fx%3D1%26y"
        );
        let m = management("http://127.0.0.1:8787/").unwrap();
        assert_eq!(
            m.url(&[], None).as_str(),
            "http://127.0.0.1:8787/pwa/v3/projects/acme%20prod/environments/production"
        );
    }

    #[test]
    fn the_key_goes_only_to_https_or_this_computer() {
        assert!(management("http://management.example.com").is_err());
        assert!(management("https://id:secret@management.example.com").is_err());
        assert!(management("http://localhost:8787").is_ok());
    }

    #[test]
    fn a_401_says_which_key_to_check() {
        let e = Error::Stytch(StytchError {
            status_code: 401,
            error_type: "unauthorized_credentials".into(),
            error_message: "Unauthorized credentials.".into(),
            request_id: "request-id-test-1".into(),
            ..StytchError::default()
        });
        let text = e.to_string();
        assert!(text.starts_with("Stytch's Management API answered 401 unauthorized_credentials: Unauthorized credentials. (request request-id-test-1)"), "{text}");
        assert!(
            text.contains("check STYTCH_WORKSPACE_KEY_ID and STYTCH_WORKSPACE_KEY_SECRET"),
            "{text}"
        );
        assert!(e.is_fatal());
    }
}
