//! Helpers shared by the integration tests: a running demo emulator and a small HTTP driver.
#![allow(dead_code)]

use emulator_control::Control;
pub use emulator_control::{basic, sdk_client, GATEHOUSE_APP};
use reqwest::StatusCode;
use serde_json::{json, Value};
use stytch_emulator::{spawn, Emulator, RunningEmulator};

pub const ADA: &str = "ada@example.com";
pub const GRACE: &str = "grace@example.com";
pub const GRACE_PHONE: &str = "+14155550123";
pub const LINUS: &str = "linus@example.com";
pub const LINUS_PHONE: &str = "+15555550123";
pub const ORG: &str = stytch_emulator::DEMO_ORGANIZATION_ID;

pub struct Harness {
    pub running: RunningEmulator,
    pub http: reqwest::Client,
    pub base: String,
    /// The control surface's helpers (outbox, clock, project).
    pub ctl: Control,
}

pub async fn start() -> Harness {
    start_with(Emulator::demo()).await
}

pub async fn start_with(emulator: Emulator) -> Harness {
    let running = spawn(emulator).await.expect("spawn emulator");
    let base = running.base_url.clone();
    let ctl = Control::new(&base);
    Harness {
        running,
        http: ctl.http().clone(),
        base,
        ctl,
    }
}

impl Harness {
    pub fn emu(&self) -> &Emulator {
        &self.running.emulator
    }

    pub fn backend_auth(&self) -> String {
        basic(self.emu().project_id(), self.emu().secret())
    }

    pub fn sdk_auth(&self, session: Option<&str>) -> String {
        let t = self.emu().public_token();
        basic(t, session.unwrap_or(t))
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> (StatusCode, Value) {
        let res = req.send().await.expect("request");
        let status = res.status();
        let text = res.text().await.unwrap();
        let value =
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
        (status, value)
    }

    /// POST on the backend API.
    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(
            self.http
                .post(format!("{}{path}", self.base))
                .header("Authorization", self.backend_auth())
                .json(&body),
        )
        .await
    }

    /// POST on the SDK API (`path` without the /sdk prefix), optionally as a session.
    pub async fn sdk_post(
        &self,
        path: &str,
        body: Value,
        session: Option<&str>,
    ) -> (StatusCode, Value) {
        self.send(
            self.http
                .post(format!("{}/sdk{path}", self.base))
                .header("Authorization", self.sdk_auth(session))
                .header("X-SDK-Client", sdk_client(GATEHOUSE_APP))
                .json(&body),
        )
        .await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(
            self.http
                .get(format!("{}{path}", self.base))
                .header("Authorization", self.backend_auth()),
        )
        .await
    }

    pub async fn control(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            req = req.json(&body);
        }
        self.send(req).await
    }

    pub async fn advance(&self, seconds: u64) {
        self.ctl.advance_clock(seconds).await;
    }

    pub async fn outbox(&self, to: &str) -> Vec<Value> {
        let messages = self.ctl.outbox(to).await;
        messages.iter().map(|m| json!(m)).collect()
    }

    /// Starts a login on the backend API and returns the token from the newest email.
    pub async fn magic_link(&self, email: &str, extra: Value) -> String {
        let mut body = json!({"organization_id": ORG, "email_address": email});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        let (status, res) = self
            .post("/v1/b2b/magic_links/email/login_or_signup", body)
            .await;
        assert_eq!(status, 200, "{res}");
        self.latest_token(email).await
    }

    pub async fn latest_token(&self, email: &str) -> String {
        self.ctl.latest_magic_link_token(email).await
    }

    pub async fn latest_code(&self, phone: &str) -> String {
        self.ctl.latest_sms_code(phone).await
    }

    pub async fn sms_count(&self, phone: &str) -> usize {
        self.ctl.outbox(phone).await.len()
    }

    pub async fn member_id(&self, email: &str) -> String {
        let project = self.ctl.project().await;
        project.organizations[0].member(email).member_id.clone()
    }

    /// PUT /v1/b2b/organizations/{ORG} with `body`.
    pub async fn update_org(&self, body: Value) -> (StatusCode, Value) {
        self.send(
            self.http
                .put(format!("{}/v1/b2b/organizations/{ORG}", self.base))
                .header("Authorization", self.backend_auth())
                .json(&body),
        )
        .await
    }

    pub async fn set_mfa_policy(&self, policy: &str) {
        let (status, body) = self
            .send(
                self.http
                    .put(format!("{}/v1/b2b/organizations/{ORG}", self.base))
                    .header("Authorization", self.backend_auth())
                    .json(&json!({"mfa_policy": policy})),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }

    /// `email`'s primary factor on the backend API: a login email, its token authenticated.
    /// The authenticate response (a session, or an intermediate one when MFA is needed).
    pub async fn primary_factor(&self, email: &str) -> Value {
        let token = self.magic_link(email, json!({})).await;
        let (status, body) = self
            .post(
                "/v1/b2b/magic_links/authenticate",
                json!({"magic_links_token": token}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        body
    }

    /// ada signs in with no MFA (policy OPTIONAL): the full session response.
    pub async fn ada_session(&self) -> Value {
        self.primary_factor(ADA).await
    }
}

pub fn assert_stytch_error(status: StatusCode, body: &Value, want_status: u16, want_type: &str) {
    assert_eq!(status.as_u16(), want_status, "{body}");
    assert_eq!(body["status_code"], want_status, "{body}");
    assert_eq!(body["error_type"], want_type, "{body}");
    assert!(
        body["error_message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert!(
        body["request_id"]
            .as_str()
            .unwrap()
            .starts_with("request-id-test-"),
        "{body}"
    );
    assert!(
        body["error_url"]
            .as_str()
            .unwrap()
            .starts_with("https://stytch.com/docs/api/errors/"),
        "{body}"
    );
    assert!(body.get("data").is_none(), "errors are top level: {body}");
}

// --- the binary, run as a process ------------------------------------------------------------

/// The emulator's binary with `args`, its stdout and stderr piped, killed if dropped.
pub fn binary(args: &[&str]) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_stytch-emulator"));
    command
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true);
    command
}

/// The first line the started binary prints (its address), within 60 s.
pub async fn first_line(child: &mut tokio::process::Child) -> String {
    use tokio::io::{AsyncBufReadExt, BufReader};
    let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
    tokio::time::timeout(std::time::Duration::from_secs(60), stdout.next_line())
        .await
        .expect("the line in time")
        .unwrap()
        .unwrap()
}

/// Ends the started binary and returns everything it wrote to stderr (its log).
pub async fn kill_and_read_stderr(child: &mut tokio::process::Child) -> String {
    use tokio::io::AsyncReadExt;
    child.start_kill().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .await
        .unwrap();
    stderr
}
