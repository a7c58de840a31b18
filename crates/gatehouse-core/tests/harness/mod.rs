//! The core's test harness: the machine on the shipped configuration against the emulator
//! in-process, vaults in memory, a manual clock, and the emulator's control surface.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use emulator_control::{Control, Fault, Method};
use gatehouse_core::vault::{Answer, Vault};
use gatehouse_core::view::View;
use gatehouse_core::{Config, JwtEvent, ManualClock, Parts, SignIn, StytchAuth, Vaults};
use serde_json::json;
use stytch_b2b::{AppInfo, OrganizationRef, OrganizationSlug, ProjectId, PublicToken, Url};
use stytch_emulator::{spawn, Emulator, RunningEmulator};

/// Where the tests say the configuration came from.
pub const CONFIG_FILE: &str = "/etc/gatehouse/config.toml";

/// The shipped configuration (public token) pointed at the emulator.
pub fn config(emulator: &RunningEmulator, base: &str, organization: OrganizationRef) -> Config {
    Config {
        auth: StytchAuth::PublicToken(PublicToken::new(emulator.emulator.public_token())),
        project_id: ProjectId::new(emulator.emulator.project_id()),
        api_base: Some(Url::parse(base).unwrap()),
        organization,
        organization_from: Some(PathBuf::from(CONFIG_FILE)),
        scheme: "gatehouse".into(),
        session_minutes: 60,
        default_country: "US".into(),
        development: false,
        workspace: None,
        session_check: gatehouse_core::refresh::SESSION_CHECK_INTERVAL,
        clipboard_forget: gatehouse_core::config::CLIPBOARD_FORGET,
    }
}

/// A vault in memory, or one that always fails — standing in for the keychain only here, where
/// the core's reaction is under test (the real keychain has its own tests).
#[derive(Default)]
pub struct TestVault {
    pub value: Mutex<Option<String>>,
    pub broken: bool,
    /// How many loads from now never answer (a keychain that hangs).
    pub hanging_loads: AtomicU32,
}

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
        Box::pin(async move {
            let hang = self
                .hanging_loads
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
            if hang {
                std::future::pending::<()>().await;
            }
            Ok(self.value.lock().unwrap().clone())
        })
    }
    fn wipe(&self) -> Answer<'_, ()> {
        Box::pin(async move {
            *self.value.lock().unwrap() = None;
            Ok(())
        })
    }
}

pub struct Harness {
    pub revocations: Arc<TestVault>,
    pub emulator: RunningEmulator,
    pub machine: Arc<SignIn>,
    pub clock: Arc<ManualClock>,
    pub session: Arc<TestVault>,
    pub pending: Arc<TestVault>,
    /// The emulator's control surface (faults, request log, outbox), and its HTTP client.
    pub control: Control,
    pub http: reqwest::Client,
}

impl Harness {
    pub async fn new(api_base: Option<&str>, keychain_broken: bool) -> Harness {
        let emulator = spawn(Emulator::demo()).await.unwrap();
        Self::with_emulator(emulator, api_base, keychain_broken).await
    }

    pub async fn with_emulator(
        emulator: RunningEmulator,
        api_base: Option<&str>,
        keychain_broken: bool,
    ) -> Harness {
        let slug = OrganizationRef::Slug(OrganizationSlug::new("example-org"));
        Self::with_organization(emulator, api_base, keychain_broken, slug).await
    }

    pub async fn with_organization(
        emulator: RunningEmulator,
        api_base: Option<&str>,
        keychain_broken: bool,
        organization: OrganizationRef,
    ) -> Harness {
        let base = api_base.unwrap_or(&emulator.base_url).to_owned();
        let config = config(&emulator, &base, organization);
        let session = TestVault {
            broken: keychain_broken,
            ..TestVault::default()
        };
        let harness = Self::assemble(emulator, config, session);
        harness.machine.start().await;
        harness
    }

    /// A harness whose launch has not run yet, its session vault hanging on the first `hangs`
    /// loads.
    pub async fn unstarted(hangs: u32) -> Harness {
        let emulator = spawn(Emulator::demo()).await.unwrap();
        let slug = OrganizationRef::Slug(OrganizationSlug::new("example-org"));
        let config = config(&emulator, &emulator.base_url, slug);
        let session = TestVault {
            hanging_loads: AtomicU32::new(hangs),
            ..TestVault::default()
        };
        Self::assemble(emulator, config, session)
    }

    /// The machine on `config`, with `session` as its session vault; not started.
    pub fn assemble(emulator: RunningEmulator, config: Config, session: TestVault) -> Harness {
        let session = Arc::new(session);
        let (pending, revocations) = (Arc::<TestVault>::default(), Arc::<TestVault>::default());
        let clock = Arc::new(ManualClock::new());
        let machine = SignIn::new(Parts {
            config,
            vaults: Vaults {
                session: session.clone(),
                pending_sign_in: pending.clone(),
                revocations: revocations.clone(),
            },
            app: AppInfo {
                identifier: "com.example.gatehouse.test".into(),
                version: "0".into(),
            },
            clock: clock.clone(),
            observer: Box::new(|_: &View| {}),
        })
        .unwrap();
        let control = Control::new(&emulator.base_url);
        Harness {
            emulator,
            machine: Arc::new(machine),
            clock,
            session,
            pending,
            revocations,
            http: control.http().clone(),
            control,
        }
    }

    pub fn view(&self) -> serde_json::Value {
        serde_json::to_value(self.machine.view()).unwrap()
    }

    pub fn notice(&self) -> Option<String> {
        self.view()["notice"]["code"].as_str().map(str::to_owned)
    }

    pub fn screen(&self) -> String {
        self.view()["screen"].as_str().unwrap().to_owned()
    }

    pub async fn fault(&self, path: &str, status: u16, times: u32) {
        let fault = Fault::status(path, status).times(times);
        self.control.arm(&fault).await;
    }

    /// The next call to `path` waits 10 seconds before it is answered normally.
    pub async fn stall(&self, path: &str) {
        let fault = Fault::delay(path, std::time::Duration::from_secs(10));
        self.control.arm(&fault).await;
    }

    /// Every Stytch call so far, as `METHOD path status`.
    pub async fn requests(&self) -> Vec<String> {
        let calls = self.control.requests().await.into_iter();
        calls
            .map(|c| format!("{} {} {}", c.method, c.path, c.status))
            .collect()
    }

    pub async fn set_mfa_required(&self) {
        let org = "organization-test-1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b";
        let path = format!("/v1/b2b/organizations/{org}");
        let body = json!({"mfa_policy": "REQUIRED_FOR_ALL"});
        let (status, _) = self.control.backend(Method::PUT, &path, &body).await;
        assert!((200..300).contains(&status));
    }

    /// The gatehouse:// URL of the newest email to `to`.
    pub async fn link(&self, to: &str) -> String {
        self.control.latest_callback(to).await
    }

    /// The code of the newest SMS to `to` (read in-process, so it needs no `.await`).
    pub fn code(&self, to: &str) -> String {
        let outbox = self.emulator.emulator.outbox(Some(to));
        outbox.last().and_then(|m| m.code.clone()).expect("an SMS")
    }

    pub async fn to_code_screen(&self, email: &str) {
        self.machine.start_sign_in(email.into()).await;
        assert_eq!(self.screen(), "check_email");
        self.machine.open_link(&self.link(email).await).await;
        assert_eq!(self.screen(), "enter_code", "{:?}", self.notice());
    }
}

/// Records every JWT event as `open <jwt>`, `renewed <jwt>` or `ended`.
pub fn record_jwt_events(machine: &SignIn) -> Arc<Mutex<Vec<String>>> {
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let record = seen.clone();
    machine.on_session_jwt(Box::new(move |event| {
        let line = match event {
            JwtEvent::Open(jwt) => format!("open {}", jwt.expose()),
            JwtEvent::Renewed(jwt) => format!("renewed {}", jwt.expose()),
            JwtEvent::Pause => "pause".to_owned(),
            JwtEvent::Ended => "ended".to_owned(),
        };
        record.lock().unwrap().push(line);
    }));
    seen
}
