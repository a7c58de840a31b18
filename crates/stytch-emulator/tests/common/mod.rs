//! Helpers shared by the integration tests: a running demo emulator and a small HTTP driver.
#![allow(dead_code)]

use base64::Engine as _;
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
}

pub async fn start() -> Harness {
    start_with(Emulator::demo()).await
}

pub async fn start_with(emulator: Emulator) -> Harness {
    let running = spawn(emulator).await.expect("spawn emulator");
    let base = running.base_url.clone();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Harness {
        running,
        http,
        base,
    }
}

pub fn basic(user: &str, pass: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
    )
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
                .header(
                    "X-SDK-Client",
                    "eyJzZGsiOnsiaWRlbnRpZmllciI6ImdhdGVob3VzZSJ9fQ==",
                )
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
        let (status, _) = self
            .control(
                reqwest::Method::POST,
                "/emulator/clock",
                Some(json!({"advance_seconds": seconds})),
            )
            .await;
        assert_eq!(status, 200);
    }

    pub async fn outbox(&self, to: &str) -> Vec<Value> {
        let (status, body) = self
            .control(
                reqwest::Method::GET,
                &format!(
                    "/emulator/outbox?to={}",
                    url::form_urlencoded::byte_serialize(to.as_bytes()).collect::<String>()
                ),
                None,
            )
            .await;
        assert_eq!(status, 200);
        body["messages"].as_array().unwrap().clone()
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
        let messages = self.outbox(email).await;
        let link = messages.last().expect("an email")["link"]
            .as_str()
            .unwrap()
            .to_string();
        let url = url::Url::parse(&link).unwrap();
        url.query_pairs()
            .find(|(k, _)| k == "token")
            .unwrap()
            .1
            .into_owned()
    }

    pub async fn latest_code(&self, phone: &str) -> String {
        let messages = self.outbox(phone).await;
        messages.last().expect("an SMS")["code"]
            .as_str()
            .unwrap()
            .to_string()
    }

    pub async fn sms_count(&self, phone: &str) -> usize {
        self.outbox(phone).await.len()
    }

    pub async fn member_id(&self, email: &str) -> String {
        let (_, project) = self
            .control(reqwest::Method::GET, "/emulator/project", None)
            .await;
        project["organizations"][0]["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["email_address"] == email)
            .map(|m| m["member_id"].as_str().unwrap().to_string())
            .expect("member")
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

    /// ada signs in with no MFA (policy OPTIONAL): the full session response.
    pub async fn ada_session(&self) -> Value {
        let token = self.magic_link(ADA, json!({})).await;
        let (status, body) = self
            .post(
                "/v1/b2b/magic_links/authenticate",
                json!({"magic_links_token": token}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        body
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
