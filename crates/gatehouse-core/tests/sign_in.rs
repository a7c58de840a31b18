//! The sign-in core without a window: the failure paths a person meets less often — rate limits,
//! Stytch or the network down, a locked member, a keychain that fails, a revoke that must wait —
//! each against the emulator in-process, checked by the notice the core reports.

use std::sync::{Arc, Mutex};

use gatehouse_lib::config::{Config, StytchAuth};
use gatehouse_lib::signin::{SignIn, Vaults};
use gatehouse_lib::vault::Vault;
use gatehouse_lib::view::{Action, View};
use serde_json::json;
use stytch_b2b::{AppInfo, OrganizationRef, OrganizationSlug, ProjectId, PublicToken, Url};
use stytch_emulator::{spawn, Emulator, RunningEmulator};

/// A vault in memory, or one that always fails — standing in for the keychain only here, where
/// the core's reaction is under test (the real keychain has its own tests).
#[derive(Default)]
struct TestVault {
    value: Mutex<Option<String>>,
    broken: bool,
}

type Answer<'a, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, String>> + Send + 'a>>;

impl Vault for TestVault {
    fn store(&self, token: String) -> Answer<'_, ()> {
        Box::pin(async move {
            if self.broken {
                return Err("the collection is locked".into());
            }
            *self.value.lock().unwrap() = Some(token);
            Ok(())
        })
    }
    fn load(&self) -> Answer<'_, Option<String>> {
        Box::pin(async move { Ok(self.value.lock().unwrap().clone()) })
    }
    fn wipe(&self) -> Answer<'_, ()> {
        Box::pin(async move {
            *self.value.lock().unwrap() = None;
            Ok(())
        })
    }
}

struct Harness {
    emulator: RunningEmulator,
    machine: Arc<SignIn>,
    session: Arc<TestVault>,
    http: reqwest::Client,
}

impl Harness {
    async fn new(api_base: Option<&str>, keychain_broken: bool) -> Harness {
        let emulator = spawn(Emulator::demo()).await.unwrap();
        Self::with_emulator(emulator, api_base, keychain_broken).await
    }

    async fn with_emulator(
        emulator: RunningEmulator,
        api_base: Option<&str>,
        keychain_broken: bool,
    ) -> Harness {
        let base = api_base.unwrap_or(&emulator.base_url).to_owned();
        let config = Config {
            auth: StytchAuth::PublicToken(PublicToken::new(emulator.emulator.public_token())),
            project_id: ProjectId::new(emulator.emulator.project_id()),
            api_base: Some(Url::parse(&base).unwrap()),
            organization: OrganizationRef::Slug(OrganizationSlug::new("example-org")),
            scheme: "gatehouse".into(),
            session_minutes: 60,
        };
        let session = Arc::new(TestVault {
            broken: keychain_broken,
            ..TestVault::default()
        });
        let vaults = Vaults {
            session: session.clone(),
            pending_sign_in: Arc::new(TestVault::default()),
        };
        let app = AppInfo {
            identifier: "com.example.gatehouse.test".into(),
            version: "0".into(),
        };
        let machine = SignIn::new(config, vaults, app, Box::new(|_: &View| {})).unwrap();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let harness = Harness {
            emulator,
            machine: Arc::new(machine),
            session,
            http,
        };
        harness.machine.start().await;
        harness
    }

    fn view(&self) -> serde_json::Value {
        serde_json::to_value(self.machine.view()).unwrap()
    }

    fn notice(&self) -> Option<String> {
        self.view()["notice"]["code"].as_str().map(str::to_owned)
    }

    fn screen(&self) -> String {
        self.view()["screen"].as_str().unwrap().to_owned()
    }

    async fn fault(&self, path: &str, status: u16, times: u32) {
        let body = json!({"path": path, "status": status, "times": times});
        let url = format!("{}/emulator/faults", self.emulator.base_url);
        assert!(self
            .http
            .post(url)
            .json(&body)
            .send()
            .await
            .unwrap()
            .status()
            .is_success());
    }

    async fn set_mfa_required(&self) {
        let org = "organization-test-1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b";
        let url = format!("{}/v1/b2b/organizations/{org}", self.emulator.base_url);
        let emu = &self.emulator.emulator;
        let response = self
            .http
            .put(url)
            .basic_auth(emu.project_id(), Some(emu.secret()))
            .json(&json!({"mfa_policy": "REQUIRED_FOR_ALL"}))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
    }

    /// The gatehouse:// URL of the newest email to `to`.
    async fn link(&self, to: &str) -> String {
        let outbox = self.emulator.emulator.outbox(Some(to));
        let link = outbox
            .last()
            .and_then(|m| m.link.clone())
            .expect("an email");
        let response = self.http.get(link).send().await.unwrap();
        response.headers()["location"].to_str().unwrap().to_owned()
    }

    fn code(&self, to: &str) -> String {
        let outbox = self.emulator.emulator.outbox(Some(to));
        outbox.last().and_then(|m| m.code.clone()).expect("an SMS")
    }

    async fn to_code_screen(&self, email: &str) {
        self.machine.start_sign_in(email.into()).await;
        assert_eq!(self.screen(), "check_email");
        self.machine.open_link(&self.link(email).await).await;
        assert_eq!(self.screen(), "enter_code", "{:?}", self.notice());
    }
}

#[tokio::test]
async fn a_rate_limit_says_when_to_try_again_and_keeps_the_address() {
    let h = Harness::new(None, false).await;
    h.fault("/sdk/v1/b2b/magic_links/email/login_or_signup", 429, 1)
        .await;
    h.machine.start_sign_in("ada@example.com".into()).await;
    let view = h.view();
    assert_eq!(view["screen"], "sign_in");
    assert_eq!(view["email"], "ada@example.com");
    assert_eq!(view["notice"]["code"], "rate_limited");
    assert!(view["notice"]["retry_at"].is_string(), "says when: {view}");
    h.machine.start_sign_in("ada@example.com".into()).await;
    assert_eq!(h.screen(), "check_email", "the next try goes through");
}

#[tokio::test]
async fn stytch_unreachable_at_launch_offers_a_retry_and_sign_in_says_so_too() {
    let h = Harness::new(Some("http://127.0.0.1:9"), false).await;
    assert_eq!(h.notice().as_deref(), Some("network_down"));
    assert_eq!(
        h.view()["notice"]["action"],
        serde_json::to_value(Action::Retry).unwrap()
    );
    h.machine.start_sign_in("ada@example.com".into()).await;
    assert_eq!(h.screen(), "sign_in");
    assert_eq!(h.notice().as_deref(), Some("network_down"));
}

#[tokio::test]
async fn stytch_down_while_checking_a_code_keeps_the_code_screen() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.fault("/sdk/v1/b2b/otps/sms/authenticate", 503, 1).await;
    h.machine.submit_code(h.code("+14155550123")).await;
    assert_eq!(h.screen(), "enter_code");
    assert_eq!(h.notice().as_deref(), Some("stytch_down"));
    h.machine.submit_code(h.code("+14155550123")).await;
    assert_eq!(
        h.screen(),
        "signed_in",
        "the same code works once Stytch is back"
    );
}

#[tokio::test]
async fn repeated_wrong_codes_lock_the_member_with_a_way_forward() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    let right = h.code("+14155550123");
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    for _ in 0..10 {
        h.machine.submit_code(wrong.into()).await;
        assert_eq!(h.screen(), "enter_code");
    }
    h.machine.submit_code(right).await;
    assert_eq!(h.notice().as_deref(), Some("member_locked"));
    assert_eq!(h.view()["notice"]["action"], "restart");
}

#[tokio::test]
async fn a_failing_keychain_does_not_block_sign_in_and_says_why() {
    let h = Harness::new(None, true).await;
    h.set_mfa_required().await;
    h.to_code_screen("grace@example.com").await;
    h.machine.submit_code(h.code("+14155550123")).await;
    let view = h.view();
    assert_eq!(view["screen"], "signed_in");
    assert_eq!(view["remembered"], false);
    assert_eq!(view["notice"]["code"], "not_remembered");
    assert!(view["notice"]["message"]
        .as_str()
        .unwrap()
        .contains("locked"));
}

#[tokio::test]
async fn sign_out_while_stytch_is_down_wipes_the_keychain_and_revokes_later() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.machine.submit_code(h.code("+14155550123")).await;
    assert_eq!(h.screen(), "signed_in");
    let token = h
        .session
        .value
        .lock()
        .unwrap()
        .clone()
        .expect("kept at once");

    h.fault("/sdk/v1/b2b/sessions/revoke", 503, 1).await;
    h.machine.sign_out().await;
    assert_eq!(h.screen(), "sign_in");
    assert_eq!(h.notice().as_deref(), Some("revoke_pending"));
    assert_eq!(
        *h.session.value.lock().unwrap(),
        None,
        "wiped although Stytch was down"
    );

    h.machine
        .check_session()
        .await
        .expect("the pending revoke goes through");
    let emu = &h.emulator.emulator;
    let status = h
        .http
        .post(format!(
            "{}/v1/b2b/sessions/authenticate",
            h.emulator.base_url
        ))
        .basic_auth(emu.project_id(), Some(emu.secret()))
        .json(&json!({"session_token": token}))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 404, "revoked at Stytch once it could be reached");
}

#[tokio::test]
async fn a_session_revoked_elsewhere_returns_to_sign_in_with_the_reason() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.machine.submit_code(h.code("+14155550123")).await;
    let token = h.session.value.lock().unwrap().clone().unwrap();
    let emu = &h.emulator.emulator;
    h.http
        .post(format!("{}/v1/b2b/sessions/revoke", h.emulator.base_url))
        .basic_auth(emu.project_id(), Some(emu.secret()))
        .json(&json!({"session_token": token}))
        .send()
        .await
        .unwrap();
    h.machine.check_session().await.unwrap();
    assert_eq!(h.screen(), "sign_in");
    assert_eq!(h.notice().as_deref(), Some("session_ended"));
    assert_eq!(*h.session.value.lock().unwrap(), None);
}

#[tokio::test]
async fn a_network_failure_during_the_background_check_keeps_the_session() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.machine.submit_code(h.code("+14155550123")).await;
    h.fault("/sdk/v1/b2b/sessions/authenticate", 503, 10).await;
    assert!(
        h.machine.check_session().await.is_err(),
        "the caller backs off"
    );
    assert_eq!(h.screen(), "signed_in");
    assert!(h.session.value.lock().unwrap().is_some());
}

#[tokio::test]
async fn try_again_after_a_failed_organization_lookup_fetches_it() {
    let emulator = spawn(Emulator::demo()).await.unwrap();
    let http = reqwest::Client::new();
    let body = json!({"path": "/sdk/v1/b2b/organizations/example-org", "status": 503, "times": 4});
    let url = format!("{}/emulator/faults", emulator.base_url);
    assert!(http
        .post(url)
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
        .is_success());
    let h = Harness::with_emulator(emulator, None, false).await;
    let view = h.view();
    assert_eq!(view["notice"]["code"], "stytch_down", "{view}");
    assert_eq!(view["notice"]["action"], "retry");
    assert!(view["organization_name"].is_null());

    h.machine.retry().await;
    let view = h.view();
    assert!(view["notice"].is_null(), "{view}");
    assert_eq!(view["organization_name"], "Example Org");
}
