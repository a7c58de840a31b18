//! Shared test harness: an in-process emulator, clients of both families, and helpers that drive
//! the emulator's control surface over HTTP (outbox, faults, clock, request log).
#![allow(dead_code)]

use std::time::Duration;

use serde_json::{json, Value};
use stytch_b2b::{
    AppInfo, Client, ClientConfig, Credentials, EmailAddress, Family, LoginOrSignupRequest,
    MagicLinkToken, MagicLinksAuthenticateRequest, MagicLinksAuthenticateResponse, MemberId,
    OrganizationId, PkceCodeVerifier, ProjectId, ProjectSecret, PublicToken, RetryPolicy, Url,
};
use stytch_emulator::RunningEmulator;

pub const FAMILIES: [Family; 2] = [Family::Backend, Family::Sdk];
pub const REDIRECT: &str = "gatehouse://auth/callback";

pub struct Harness {
    pub emu: RunningEmulator,
    pub http: reqwest::Client,
    pub project: Value,
}

pub fn app() -> AppInfo {
    AppInfo {
        identifier: "com.example.gatehouse".into(),
        version: "0.1.0-test".into(),
    }
}

/// Fast retries so retry tests take milliseconds (a 429's Retry-After still takes its second).
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        initial_backoff: Duration::from_millis(20),
        max_backoff: Duration::from_millis(200),
        max_retry_after: Duration::from_secs(5),
    }
}

impl Harness {
    pub async fn start() -> Harness {
        let emu = stytch_emulator::spawn(stytch_emulator::Emulator::demo())
            .await
            .expect("emulator starts");
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let project: Value = http
            .get(format!("{}/emulator/project", emu.base_url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        Harness { emu, http, project }
    }

    pub fn base_url(&self) -> Url {
        Url::parse(&self.emu.base_url).unwrap()
    }

    pub fn project_id(&self) -> ProjectId {
        ProjectId::new(self.project["project_id"].as_str().unwrap())
    }

    pub fn secret(&self) -> String {
        self.project["secret"].as_str().unwrap().to_owned()
    }

    pub fn public_token(&self) -> String {
        self.project["public_token"].as_str().unwrap().to_owned()
    }

    pub fn credentials(&self, family: Family) -> Credentials {
        match family {
            Family::Backend => Credentials::Backend {
                project_id: self.project_id(),
                secret: ProjectSecret::new(self.secret()),
            },
            Family::Sdk => Credentials::Sdk {
                public_token: PublicToken::new(self.public_token()),
            },
        }
    }

    pub fn config(&self, family: Family) -> ClientConfig {
        ClientConfig::new(self.credentials(family), app())
            .with_base_url(self.base_url())
            .with_retry(fast_retry())
    }

    pub fn client(&self, family: Family) -> Client {
        Client::new(self.config(family)).unwrap()
    }

    pub fn org(&self) -> &Value {
        self.project["organizations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["organization_slug"] == "example-org")
            .expect("demo org")
    }

    pub fn org_id(&self) -> OrganizationId {
        OrganizationId::new(self.org()["organization_id"].as_str().unwrap())
    }

    pub fn member_id(&self, email: &str) -> MemberId {
        let m = self.org()["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["email_address"] == email)
            .expect("demo member");
        MemberId::new(m["member_id"].as_str().unwrap())
    }

    pub fn prefix(&self, family: Family) -> &'static str {
        match family {
            Family::Backend => "/v1/b2b",
            Family::Sdk => "/sdk/v1/b2b",
        }
    }

    // --- control surface -------------------------------------------------------------------

    pub async fn outbox(&self, to: &str) -> Vec<Value> {
        let v: Value = self
            .http
            .get(format!("{}/emulator/outbox", self.emu.base_url))
            .query(&[("to", to)])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        v["messages"].as_array().unwrap().clone()
    }

    /// The token of the newest email to `to`, read by following the link's redirect as a
    /// browser would.
    pub async fn latest_magic_link_token(&self, to: &str) -> MagicLinkToken {
        let msgs = self.outbox(to).await;
        let link = msgs
            .iter()
            .rev()
            .find(|m| m["channel"] == "email")
            .and_then(|m| m["link"].as_str())
            .expect("an email with a link")
            .to_owned();
        let resp = self.http.get(&link).send().await.unwrap();
        assert_eq!(resp.status().as_u16(), 302, "the link redirects");
        let location = resp.headers()["location"].to_str().unwrap().to_owned();
        let url = Url::parse(&location).unwrap();
        assert!(location.starts_with(REDIRECT), "{location}");
        let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
        assert_eq!(q["stytch_token_type"], "multi_tenant_magic_links");
        MagicLinkToken::new(q["token"].clone())
    }

    pub async fn latest_sms_code(&self, to: &str) -> String {
        let msgs = self.outbox(to).await;
        msgs.iter()
            .rev()
            .find(|m| m["channel"] == "sms")
            .and_then(|m| m["code"].as_str())
            .expect("an SMS with a code")
            .to_owned()
    }

    pub async fn fault(&self, body: Value) {
        let r = self
            .http
            .post(format!("{}/emulator/faults", self.emu.base_url))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(
            r.status().is_success(),
            "fault armed: {}",
            r.text().await.unwrap()
        );
    }

    pub async fn clear_faults(&self) {
        self.http
            .delete(format!("{}/emulator/faults", self.emu.base_url))
            .send()
            .await
            .unwrap();
    }

    pub async fn advance_clock(&self, seconds: u64) {
        self.http
            .post(format!("{}/emulator/clock", self.emu.base_url))
            .json(&json!({ "advance_seconds": seconds }))
            .send()
            .await
            .unwrap();
    }

    /// `(method, path, status)` of every Stytch call so far.
    pub async fn requests(&self) -> Vec<(String, String, u16)> {
        let v: Value = self
            .http
            .get(format!("{}/emulator/requests", self.emu.base_url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        v["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["method"].as_str().unwrap().to_owned(),
                    r["path"].as_str().unwrap().to_owned(),
                    r["status"].as_u64().unwrap() as u16,
                )
            })
            .collect()
    }

    pub async fn calls_to(&self, path: &str) -> usize {
        self.requests().await.iter().filter(|r| r.1 == path).count()
    }

    pub async fn clear_requests(&self) {
        self.http
            .delete(format!("{}/emulator/requests", self.emu.base_url))
            .send()
            .await
            .unwrap();
    }

    /// Sets the demo org's MFA policy through the backend API.
    pub async fn require_mfa(&self) {
        let backend = self.client(Family::Backend);
        backend
            .update_organization(
                &self.org_id(),
                &stytch_b2b::UpdateOrganizationRequest {
                    mfa_policy: Some(stytch_b2b::MfaPolicy::RequiredForAll),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
    }

    /// Sends a login email with PKCE and authenticates its token: the primary factor.
    pub async fn primary_factor(
        &self,
        client: &Client,
        email: &str,
    ) -> MagicLinksAuthenticateResponse {
        let verifier = PkceCodeVerifier::generate();
        let req = LoginOrSignupRequest::new(self.org_id(), EmailAddress::parse(email).unwrap())
            .with_pkce(&verifier)
            .with_redirect_url(Url::parse(REDIRECT).unwrap());
        client
            .magic_links_email_login_or_signup(&req)
            .await
            .unwrap();
        let token = self.latest_magic_link_token(email).await;
        client
            .magic_links_authenticate(&MagicLinksAuthenticateRequest::new(
                token,
                Some(verifier),
                Some(60),
            ))
            .await
            .unwrap()
    }
}
