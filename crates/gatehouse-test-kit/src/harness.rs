//! The core's harness: the machine on the shipped configuration against the emulator
//! in-process, vaults in memory, a manual clock, and the emulator's control surface.

use std::sync::atomic::AtomicU32;
use std::sync::{Arc, Mutex};

use emulator_control::{Control, Fault, Method};
use gatehouse_core::view::View;
use gatehouse_core::FactorKind;
use gatehouse_core::{Config, JwtEvent, Machine, ManualClock, Parts, Vaults};
use serde_json::{json, Value};
use stytch_b2b::{OrganizationRef, OrganizationSlug, Url};
use stytch_emulator::{spawn, Emulator, RunningEmulator};

use crate::{app, config, TestVault};

pub struct Harness {
    pub revocations: Arc<TestVault>,
    pub unsaved_codes: Arc<TestVault>,
    pub emulator: RunningEmulator,
    pub machine: Arc<Machine>,
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
        let config = Config {
            api_base: Some(Url::parse(api_base.unwrap_or(&emulator.base_url)).unwrap()),
            organization,
            ..config(&emulator)
        };
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
        let config = config(&emulator);
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
        let unsaved_codes = Arc::<TestVault>::default();
        let clock = Arc::new(ManualClock::new());
        let machine = Machine::new(Parts {
            config,
            vaults: Vaults {
                session: session.clone(),
                pending_sign_in: pending.clone(),
                revocations: revocations.clone(),
                unsaved_codes: unsaved_codes.clone(),
            },
            app: app(),
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
            unsaved_codes,
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
        let path = format!("/v1/b2b/organizations/{}", self.organization_id().await);
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

    /// A second machine on the same emulator and keychain stand-ins: "the next launch".
    pub async fn relaunch(&self) -> Arc<Machine> {
        let config = config(&self.emulator);
        let machine = Machine::new(Parts {
            config,
            vaults: Vaults {
                session: self.session.clone(),
                pending_sign_in: self.pending.clone(),
                revocations: self.revocations.clone(),
                unsaved_codes: self.unsaved_codes.clone(),
            },
            app: app(),
            clock: self.clock.clone(),
            observer: Box::new(|_: &View| {}),
        })
        .unwrap();
        machine.start().await;
        Arc::new(machine)
    }

    /// Stytch calls so far whose path contains `path`.
    pub async fn count(&self, path: &str) -> usize {
        self.requests()
            .await
            .iter()
            .filter(|r| r.contains(path))
            .count()
    }

    /// The member id of `email` in `example-org`.
    pub async fn member_id(&self, email: &str) -> String {
        let project = self.control.project().await;
        project
            .organization("example-org")
            .member(email)
            .member_id
            .clone()
    }

    /// The code the member's authenticator app shows now, on Stytch's clock.
    pub async fn app_code(&self, email: &str) -> String {
        let member = self.member_id(email).await;
        self.control.current_totp_code(&member).await
    }

    /// SMS sends asked of Stytch so far.
    pub async fn sms_sends(&self) -> usize {
        let calls = self.requests().await;
        calls
            .iter()
            .filter(|r| r.contains("/otps/sms/send"))
            .count()
    }

    /// The member signs in up to the second factor.
    pub async fn through_the_link(&self, email: &str) {
        self.machine.start_sign_in(email.into()).await;
        assert_eq!(self.screen(), "check_email");
        self.machine.open_link(&self.link(email).await).await;
    }

    /// The organization allows only `methods` as second factors.
    pub async fn restrict_mfa_methods(&self, methods: &[&str]) {
        let path = format!("/v1/b2b/organizations/{}", self.organization_id().await);
        let body = json!({"mfa_methods": "RESTRICTED", "allowed_mfa_methods": methods});
        let (status, answer) = self.control.backend(Method::PUT, &path, &body).await;
        assert!((200..300).contains(&status), "{answer}");
    }

    /// Enrols `email` (no factor yet) in an authenticator app; returns the recovery codes shown.
    pub async fn enrol_app(&self, email: &str) -> Vec<String> {
        self.through_the_link(email).await;
        if self.screen() == "choose_factor" {
            self.machine.switch_factor(FactorKind::Totp).await;
        }
        assert_eq!(self.screen(), "enroll_totp", "{}", self.view());
        let code = self.app_code(email).await;
        self.machine.submit_code(FactorKind::Totp, code).await;
        let view = self.view();
        assert_eq!(view["screen"], "recovery_codes", "{view}");
        strings(&view["codes"])
    }

    /// Signs out, and moves Stytch's clock past this TOTP step (a code authenticates once).
    pub async fn sign_out_and_wait_a_step(&self) {
        self.machine.sign_out().await;
        assert_eq!(self.screen(), "sign_in");
        self.control.advance_clock(31).await;
    }

    /// The id of the demo organization, `example-org`.
    pub async fn organization_id(&self) -> String {
        let project = self.control.project().await;
        project.organization("example-org").organization_id.clone()
    }
}

/// Records every JWT event as `open <jwt>`, `renewed <jwt>` or `ended`.
pub fn record_jwt_events(machine: &Machine) -> Arc<Mutex<Vec<String>>> {
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

/// A JSON array of strings.
pub fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect()
}
