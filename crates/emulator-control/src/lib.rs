//! A test client for stytch-emulator's control surface under `/emulator/` (see the emulator's
//! `control` module for the routes and their JSON): the project's credentials, the outbox
//! (emails with their link, SMS with their code, each with the `locale` it was asked in), each
//! member's authenticator app (the current TOTP code), the clock, fault injection, the request log and the emulator's own settings; the
//! project's Stytch settings (B2B SDK configuration, redirect URLs, member locks) through the
//! Management API the emulator serves ([`Control::management`] and the helpers after it); and,
//! for calls a test makes as a third party would, the project's Basic credentials and the
//! `X-SDK-Client` header of an app ([`sdk_client`]).
//!
//! It speaks HTTP only, so it drives an emulator in-process (`stytch_emulator::spawn`) and one
//! running as a process alike. Every helper panics with a message on an unexpected answer: it is
//! for tests.
//!
//! ```no_run
//! # async fn demo(base_url: &str) {
//! use emulator_control::{Control, Fault};
//! let control = Control::new(base_url);
//! control.arm(&Fault::status("/v1/b2b/otps/sms/send", 503).times(2)).await;
//! let code = control.latest_sms_code("+14155550123").await;
//! # }
//! ```

use std::time::{Duration, Instant};

use base64::Engine as _;
pub use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

mod settings;

/// `Basic base64(user:pass)`: the Authorization header Stytch's API families expect
/// (`project_id:secret` on the backend API, `public_token:public_token` or
/// `public_token:session` on the SDK API).
pub fn basic(user: &str, pass: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
    )
}

/// An `X-SDK-Client` header value naming the app `app_identifier` (base64 of
/// `{sdk, app, os, device}`, as Stytch's SDKs send it): what the SDK API checks against the
/// configuration's authorized bundle ids. The demo project authorizes `com.example.gatehouse`.
pub fn sdk_client(app_identifier: &str) -> String {
    let json = json!({
        "sdk": {"identifier": "emulator-control", "version": env!("CARGO_PKG_VERSION")},
        "app": {"identifier": app_identifier, "version": "0"},
        "os": {"identifier": "linux", "version": ""},
        "device": {"model": "test", "screen_size": ""},
    });
    base64::engine::general_purpose::STANDARD.encode(json.to_string())
}

/// The app identifier the demo project's SDK configuration authorizes (Gatehouse's).
pub const GATEHOUSE_APP: &str = "com.example.gatehouse";

/// The value of query parameter `name` in `url`, if it is a URL and has one.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// `url=…` for a query string.
fn url_query(url: &str) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .append_pair("url", url)
        .finish()
}

// ---------------------------------------------------------------------------------------------
// What the control surface answers
// ---------------------------------------------------------------------------------------------

/// `GET /emulator/project`: credentials, redirect URLs, the Management API's names and key, and
/// the visible organizations with their members.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Project {
    pub project_id: String,
    pub secret: String,
    pub public_token: String,
    pub redirect_urls: Vec<String>,
    /// The Management API's project and environment slugs and workspace key.
    #[serde(default)]
    pub project_slug: String,
    #[serde(default)]
    pub environment_slug: String,
    #[serde(default)]
    pub workspace_key_id: String,
    #[serde(default)]
    pub workspace_key_secret: String,
    pub organizations: Vec<Organization>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Organization {
    pub organization_id: String,
    pub organization_slug: String,
    pub organization_name: String,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    pub member_id: String,
    pub email_address: String,
    /// Empty when the member has none.
    pub mfa_phone_number: String,
}

impl Project {
    /// The organization with this slug; panics when there is none.
    pub fn organization(&self, slug: &str) -> &Organization {
        self.organizations
            .iter()
            .find(|o| o.organization_slug == slug)
            .unwrap_or_else(|| panic!("no organization {slug} in the project"))
    }

    /// `Basic project_id:secret`.
    pub fn backend_auth(&self) -> String {
        basic(&self.project_id, &self.secret)
    }

    /// `Basic public_token:public_token`, or `public_token:session` (a session token or JWT).
    pub fn sdk_auth(&self, session: Option<&str>) -> String {
        basic(&self.public_token, session.unwrap_or(&self.public_token))
    }

    /// `Basic workspace_key_id:workspace_key_secret` (the Management API).
    pub fn management_auth(&self) -> String {
        basic(&self.workspace_key_id, &self.workspace_key_secret)
    }

    /// `/pwa/v3/projects/{project_slug}/environments/{environment_slug}`.
    pub fn environment_path(&self) -> String {
        format!(
            "/pwa/v3/projects/{}/environments/{}",
            self.project_slug, self.environment_slug
        )
    }
}

impl Organization {
    /// The member with this address; panics when there is none.
    pub fn member(&self, email: &str) -> &Member {
        self.members
            .iter()
            .find(|m| m.email_address == email)
            .unwrap_or_else(|| panic!("no member {email} in {}", self.organization_slug))
    }
}

/// An email or SMS in `GET /emulator/outbox`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    /// `email` or `sms`.
    pub channel: String,
    pub to: String,
    pub sent_at: String,
    pub subject: String,
    pub body: String,
    /// An email's link (to the emulator's redirect).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// An SMS's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The `locale` the request that sent it named (`de-DE`, `en`, …); `None` when it named
    /// none, so that Stytch writes English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

/// `GET /emulator/totp/{member_id}`: a member's TOTP registration as their authenticator app
/// would show it at the emulator's clock.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Totp {
    pub member_id: String,
    pub email_address: String,
    pub totp_registration_id: String,
    /// Base32, as typed into an app.
    pub secret: String,
    /// The code of the current 30-second step.
    pub code: String,
    /// Seconds until the code changes.
    pub seconds_left: u64,
    /// Whether a code has authenticated (the registration is active).
    pub verified: bool,
    /// The unused recovery codes.
    pub recovery_codes: Vec<String>,
}

/// One call in `GET /emulator/requests` (Stytch calls only, oldest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    pub method: String,
    pub path: String,
    pub status: u16,
    pub at: String,
}

/// A fault for `POST /emulator/faults`: the next `times` (default 1) calls whose path is exactly
/// `path` wait `delay_ms` (if given), then answer `status` in Stytch's error shape without
/// reaching the endpoint, or (without a status) are answered normally, late.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Fault {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub drop: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
}

impl Fault {
    /// Calls to `path` answer `status` (400..=599).
    pub fn status(path: impl Into<String>, status: u16) -> Fault {
        Fault {
            path: path.into(),
            status: Some(status),
            ..Fault::default()
        }
    }

    /// Calls to `path` wait `delay` (at most a minute), then are answered normally.
    pub fn delay(path: impl Into<String>, delay: Duration) -> Fault {
        Fault {
            path: path.into(),
            delay_ms: Some(delay.as_millis() as u64),
            ..Fault::default()
        }
    }

    /// Calls to `path` have their connection cut without an answer (and do not reach Stytch's
    /// logic).
    pub fn drop_connection(path: impl Into<String>) -> Fault {
        Fault {
            path: path.into(),
            drop: true,
            ..Fault::default()
        }
    }

    /// Calls to `path` answer `status` with Stytch's `error_type` (instead of the status's
    /// usual one).
    pub fn error(path: impl Into<String>, status: u16, error_type: &str) -> Fault {
        Fault {
            error_type: Some(error_type.to_owned()),
            ..Fault::status(path, status)
        }
    }

    /// For the next `times` calls instead of the next one.
    pub fn times(mut self, times: u32) -> Fault {
        self.times = Some(times);
        self
    }
}

// ---------------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------------

/// How long [`Control::wait_for_message`] waits.
pub const MESSAGE_WAIT: Duration = Duration::from_secs(15);

/// A client of one emulator's control surface. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Control {
    base_url: String,
    http: reqwest::Client,
}

impl Control {
    /// For the emulator at `base_url` (`http://127.0.0.1:PORT`, no trailing slash).
    pub fn new(base_url: impl Into<String>) -> Control {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        Control {
            base_url: base_url.into(),
            http,
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The HTTP client this uses (redirects are not followed), for a test's own calls.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// `base_url` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// The emulator's demo workspace: `http://localhost:PORT/workspace/`, the base URL's port under
    /// the host name `localhost` (the workspace is served on no other, so its cookie never goes to
    /// the API's host).
    pub fn workspace_url(&self) -> String {
        let mut url = url::Url::parse(&self.base_url)
            .unwrap_or_else(|e| panic!("base URL {:?}: {e}", self.base_url));
        url.set_host(Some("localhost"))
            .unwrap_or_else(|e| panic!("base URL {:?}: {e}", self.base_url));
        url.set_path("/workspace/");
        url.to_string()
    }

    /// A control call that must succeed, and its JSON answer.
    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> T {
        let mut request = self.http.request(method.clone(), self.url(path));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        assert!(status.is_success(), "{method} {path}: {status} {text}");
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{method} {path}: unexpected answer ({e}): {text}"))
    }

    // --- project -------------------------------------------------------------------------------

    /// `GET /emulator/project`.
    pub async fn project(&self) -> Project {
        self.call(Method::GET, "/emulator/project", None).await
    }

    /// `GET /emulator/secrets`: every intermediate session token the emulator issued and every
    /// PKCE code verifier it received — the flow's secrets a test never sees otherwise.
    pub async fn flow_secrets(&self) -> Vec<String> {
        let answer: Value = self.call(Method::GET, "/emulator/secrets", None).await;
        let mut secrets: Vec<String> =
            serde_json::from_value(answer["intermediate_session_tokens"].clone())
                .expect("intermediate_session_tokens");
        let verifiers: Vec<String> = serde_json::from_value(answer["pkce_code_verifiers"].clone())
            .expect("pkce_code_verifiers");
        secrets.extend(verifiers);
        secrets
    }

    // --- outbox --------------------------------------------------------------------------------

    /// Messages sent to `to` (an address or a number), oldest first.
    pub async fn outbox(&self, to: &str) -> Vec<Message> {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("to", to)
            .finish();
        let answer: Value = self
            .call(Method::GET, &format!("/emulator/outbox?{query}"), None)
            .await;
        serde_json::from_value(answer["messages"].clone()).expect("the outbox's messages")
    }

    /// The newest message to `to` on `channel` (`email` or `sms`).
    async fn newest(&self, to: &str, channel: &str) -> Option<Message> {
        let outbox = self.outbox(to).await.into_iter();
        outbox.rev().find(|m| m.channel == channel)
    }

    /// The newest email to `to`'s link; panics when there is none.
    pub async fn latest_link(&self, to: &str) -> String {
        let email = self.newest(to, "email").await;
        email
            .and_then(|m| m.link)
            .unwrap_or_else(|| panic!("no email with a link to {to}"))
    }

    /// The newest SMS to `to`'s code; panics when there is none.
    pub async fn latest_sms_code(&self, to: &str) -> String {
        let sms = self.newest(to, "sms").await;
        sms.and_then(|m| m.code)
            .unwrap_or_else(|| panic!("no SMS with a code to {to}"))
    }

    /// The locales of the messages to `to` on `channel` (`email` or `sms`), oldest first: what
    /// each request asked Stytch to write in (`None`: nothing, so English).
    pub async fn locales(&self, to: &str, channel: &str) -> Vec<Option<String>> {
        let outbox = self.outbox(to).await.into_iter();
        outbox
            .filter(|m| m.channel == channel)
            .map(|m| m.locale)
            .collect()
    }

    /// The token in the newest email to `to`'s link (the link itself, not its redirect).
    pub async fn latest_magic_link_token(&self, to: &str) -> String {
        let link = self.latest_link(to).await;
        query_param(&link, "token").unwrap_or_else(|| panic!("no token in {link}"))
    }

    /// Follows an email's link to the emulator's redirect, as a browser would: the redirect
    /// URL (the flow's `…?stytch_token_type=…&token=…`). Panics unless the link redirects.
    pub async fn follow_link(&self, link: &str) -> String {
        let response = self.http.get(link).send().await.expect("GET the link");
        assert_eq!(response.status(), 302, "the email link redirects");
        response.headers()["location"]
            .to_str()
            .expect("a Location")
            .to_owned()
    }

    /// Where the newest email to `to` leads: its link followed (see [`Control::follow_link`]).
    pub async fn latest_callback(&self, to: &str) -> String {
        self.follow_link(&self.latest_link(to).await).await
    }

    /// Waits (up to [`MESSAGE_WAIT`]) for the `n`-th message to `to` (1-based) and returns it.
    pub async fn wait_for_message(&self, to: &str, n: usize) -> Message {
        let deadline = Instant::now() + MESSAGE_WAIT;
        loop {
            let mut messages = self.outbox(to).await;
            if messages.len() >= n {
                return messages.swap_remove(n - 1);
            }
            assert!(
                Instant::now() < deadline,
                "message {n} to {to} never arrived"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    // --- authenticator apps ------------------------------------------------------------------

    /// The member's TOTP registration and its current code; panics when the member has none.
    pub async fn totp(&self, member_id: &str) -> Totp {
        self.call(Method::GET, &format!("/emulator/totp/{member_id}"), None)
            .await
    }

    /// The code the member's authenticator app shows now.
    pub async fn current_totp_code(&self, member_id: &str) -> String {
        self.totp(member_id).await.code
    }

    // --- clock ---------------------------------------------------------------------------------

    /// How far the emulator's clock is ahead of this machine's, in seconds.
    pub async fn clock_offset(&self) -> i64 {
        let clock: Value = self.call(Method::GET, "/emulator/clock", None).await;
        clock["offset_seconds"].as_i64().expect("offset_seconds")
    }

    /// Moves the emulator's clock forward.
    pub async fn advance_clock(&self, seconds: u64) {
        let body = json!({ "advance_seconds": seconds });
        let _: Value = self.call(Method::POST, "/emulator/clock", Some(body)).await;
    }

    // --- faults --------------------------------------------------------------------------------

    /// Arms a fault: a [`Fault`], or any JSON `POST /emulator/faults` takes. Arming a path again
    /// replaces its fault.
    pub async fn arm(&self, fault: &impl Serialize) {
        let body = serde_json::to_value(fault).expect("a fault as JSON");
        let _: Value = self
            .call(Method::POST, "/emulator/faults", Some(body))
            .await;
    }

    /// The faults still armed (each with the calls it has left), as the emulator lists them.
    pub async fn faults_left(&self) -> Vec<Value> {
        let answer: Value = self.call(Method::GET, "/emulator/faults", None).await;
        serde_json::from_value(answer["faults"].clone()).expect("the armed faults")
    }

    /// Disarms every fault.
    pub async fn clear_faults(&self) {
        let _: Value = self.call(Method::DELETE, "/emulator/faults", None).await;
    }

    // --- the request log -------------------------------------------------------------------------

    /// Every Stytch call so far (not the control surface's), oldest first.
    pub async fn requests(&self) -> Vec<Call> {
        let answer: Value = self.call(Method::GET, "/emulator/requests", None).await;
        serde_json::from_value(answer["requests"].clone()).expect("the request log")
    }

    /// Empties the request log.
    pub async fn clear_requests(&self) {
        let _: Value = self.call(Method::DELETE, "/emulator/requests", None).await;
    }

    // --- calls as the project's backend --------------------------------------------------------

    /// A call to the emulator's Stytch API with the project's secret (read from
    /// `/emulator/project`), as a third party would make it: the status and the JSON body
    /// (`null` when the body is not JSON).
    pub async fn backend(&self, method: Method, path: &str, body: &Value) -> (u16, Value) {
        let project = self.project().await;
        let response = self
            .http
            .request(method, self.url(path))
            .header(reqwest::header::AUTHORIZATION, project.backend_auth())
            .json(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or_default())
    }

    /// A POST with [`Control::backend`].
    pub async fn backend_post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.backend(Method::POST, path, body).await
    }

    /// A full session for `email`, a member of `organization_id` whom no second factor is asked
    /// of, minted through the backend API (an email link, then its token) without any app:
    /// Stytch's session token.
    pub async fn mint_session(&self, organization_id: &str, email: &str) -> String {
        let send = json!({ "organization_id": organization_id, "email_address": email });
        let (status, body) = self
            .backend_post("/v1/b2b/magic_links/email/login_or_signup", &send)
            .await;
        assert_eq!(status, 200, "login_or_signup for {email}: {body}");
        let token = self.latest_magic_link_token(email).await;
        let authenticate = json!({ "magic_links_token": token, "session_duration_minutes": 60 });
        let (status, body) = self
            .backend_post("/v1/b2b/magic_links/authenticate", &authenticate)
            .await;
        assert_eq!(status, 200, "magic_links/authenticate for {email}");
        body["session_token"]
            .as_str()
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| panic!("no session for {email}: is a second factor required?"))
            .to_owned()
    }
}
