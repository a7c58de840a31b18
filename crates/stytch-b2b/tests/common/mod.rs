//! Shared test harness: an in-process emulator, clients of both families, and helpers that drive
//! the emulator's control surface over HTTP (outbox, faults, clock, request log).
#![allow(dead_code)]

use std::time::Duration;

use emulator_control::{query_param, Control, Message, Organization, Project};
use serde_json::Value;
use stytch_b2b::{
    AppInfo, Client, ClientConfig, Credentials, EmailAddress, Error, ErrorType, Family,
    LoginOrSignupRequest, MagicLinkToken, MagicLinksAuthenticateRequest,
    MagicLinksAuthenticateResponse, MemberId, OrganizationId, PkceCodeVerifier, ProjectId,
    ProjectSecret, PublicToken, RetryPolicy, Url,
};
use stytch_emulator::RunningEmulator;

pub const FAMILIES: [Family; 2] = [Family::Backend, Family::Sdk];
pub const REDIRECT: &str = "gatehouse://auth/callback";

pub struct Harness {
    pub emu: RunningEmulator,
    /// The emulator's control surface: outbox, faults, clock, request log.
    pub control: Control,
    pub project: Project,
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

/// How a test says that a call must fail with one of Stytch's `error_type`s.
pub trait UnwrapStytchErr {
    /// The error, which must be Stytch's `error_type` (the whole error is printed otherwise).
    fn unwrap_stytch_err(self, error_type: ErrorType) -> Error;
}

impl<T: std::fmt::Debug> UnwrapStytchErr for Result<T, Error> {
    #[track_caller]
    fn unwrap_stytch_err(self, error_type: ErrorType) -> Error {
        let e = self.unwrap_err();
        assert_eq!(e.error_type(), Some(&error_type), "{e:?}");
        e
    }
}

impl Harness {
    pub async fn start() -> Harness {
        let emu = stytch_emulator::spawn(stytch_emulator::Emulator::demo())
            .await
            .expect("emulator starts");
        let control = Control::new(&emu.base_url);
        let project = control.project().await;
        Harness {
            emu,
            control,
            project,
        }
    }

    pub fn base_url(&self) -> Url {
        Url::parse(&self.emu.base_url).unwrap()
    }

    pub fn project_id(&self) -> ProjectId {
        ProjectId::new(&self.project.project_id)
    }

    pub fn secret(&self) -> String {
        self.project.secret.clone()
    }

    pub fn public_token(&self) -> String {
        self.project.public_token.clone()
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

    pub fn org(&self) -> &Organization {
        self.project.organization("example-org")
    }

    pub fn org_id(&self) -> OrganizationId {
        OrganizationId::new(&self.org().organization_id)
    }

    pub fn member_id(&self, email: &str) -> MemberId {
        MemberId::new(&self.org().member(email).member_id)
    }

    pub fn prefix(&self, family: Family) -> &'static str {
        match family {
            Family::Backend => "/v1/b2b",
            Family::Sdk => "/sdk/v1/b2b",
        }
    }

    // --- control surface (thin wrappers over emulator_control::Control) ----------------------

    pub async fn outbox(&self, to: &str) -> Vec<Message> {
        self.control.outbox(to).await
    }

    /// The token of the newest email to `to`, read by following the link's redirect as a
    /// browser would.
    pub async fn latest_magic_link_token(&self, to: &str) -> MagicLinkToken {
        let location = self.control.latest_callback(to).await;
        assert!(location.starts_with(REDIRECT), "{location}");
        let param = |name: &str| query_param(&location, name).expect(name);
        assert_eq!(param("stytch_token_type"), "multi_tenant_magic_links");
        MagicLinkToken::new(param("token"))
    }

    pub async fn latest_sms_code(&self, to: &str) -> String {
        self.control.latest_sms_code(to).await
    }

    pub async fn fault(&self, body: Value) {
        self.control.arm(&body).await;
    }

    pub async fn clear_faults(&self) {
        self.control.clear_faults().await;
    }

    pub async fn advance_clock(&self, seconds: u64) {
        self.control.advance_clock(seconds).await;
    }

    /// `(method, path, status)` of every Stytch call so far.
    pub async fn requests(&self) -> Vec<(String, String, u16)> {
        let calls = self.control.requests().await.into_iter();
        calls.map(|c| (c.method, c.path, c.status)).collect()
    }

    pub async fn calls_to(&self, path: &str) -> usize {
        self.requests().await.iter().filter(|r| r.1 == path).count()
    }

    pub async fn clear_requests(&self) {
        self.control.clear_requests().await;
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
