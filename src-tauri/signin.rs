//! The sign-in core: one state machine that is the truth about where the member is in Stytch's
//! email-link → SMS-code flow. It owns every secret, talks to Stytch through `stytch_b2b`, keeps
//! the session in the vault, and reports a secret-free `View` to an observer after every
//! change. It knows nothing of Tauri or the webview.

use std::collections::HashSet;
use std::sync::{Arc, Mutex as SyncMutex};
use std::time::Duration;

use sha2::{Digest, Sha256};
use stytch_b2b::{
    AppInfo, Client, ClientConfig, Credentials, EmailAddress, Error as StytchError, ErrorType,
    IntermediateSessionToken, LoginOrSignupRequest, MagicLinksAuthenticateRequest,
    MagicLinksAuthenticateResponse, Member, MemberId, MemberSession, OrganizationId,
    PkceCodeVerifier, SecondaryAuthInitiated, SessionToken, SmsAuthenticateRequest, SmsCode,
    SmsSendRequest, E164,
};
use time::OffsetDateTime;
use tokio::sync::Mutex;

use crate::config::{Config, StytchAuth};
use crate::link::{parse_callback, LinkRejection};
use crate::vault::Vault;
use crate::view::{mask_phone, rfc3339, Action, FactorView, Notice, Screen, View};

/// Stytch's lifetimes, known here so the machine can say "expired" before Stytch does.
pub const INTERMEDIATE_SESSION_LIFETIME: Duration = Duration::from_secs(10 * 60);
pub const SMS_CODE_LIFETIME: Duration = Duration::from_secs(2 * 60);
/// How long before the "resend the link" button works again.
/// Stytch's default email magic link lifetime (Gatehouse does not change it).
pub const MAGIC_LINK_LIFETIME: Duration = Duration::from_secs(60 * 60);
pub const LINK_RESEND_COOLDOWN: Duration = Duration::from_secs(30);
/// Stytch's own SDKs re-check the session every 3 minutes; so does Gatehouse.
pub const SESSION_CHECK_INTERVAL: Duration = Duration::from_secs(3 * 60);
const SESSION_CHECK_MAX_BACKOFF: Duration = Duration::from_secs(15 * 60);

type Observer = Box<dyn Fn(&View) + Send + Sync>;

/// Where the core keeps what must outlive the process.
pub struct Vaults {
    /// The session token, exactly as Stytch minted it.
    pub session: Arc<dyn Vault>,
    /// A sign-in waiting for its email link (email, PKCE verifier, when it was sent).
    pub pending_sign_in: Arc<dyn Vault>,
}

pub struct SignIn {
    client: Client,
    config: Config,
    vault: Arc<dyn Vault>,
    pending: Arc<dyn Vault>,
    inner: Mutex<Inner>,
    view: SyncMutex<View>,
    observer: Observer,
}

struct Organization {
    id: OrganizationId,
    name: String,
}

#[derive(Default)]
struct Inner {
    phase: Phase,
    organization: Option<Organization>,
    notice: Option<Notice>,
    /// SHA-256 of every magic-link token this run has acted on: a replayed link never reaches Stytch.
    seen_links: HashSet<[u8; 32]>,
    last_email: Option<String>,
    /// Sessions signed out while Stytch could not be reached; revoked when it can be.
    pending_revocations: Vec<SessionToken>,
}

#[derive(Default)]
enum Phase {
    #[default]
    Starting,
    SignedOut,
    AwaitingLink {
        email: EmailAddress,
        verifier: PkceCodeVerifier,
        sent_at: OffsetDateTime,
    },
    NeedsPhone {
        mfa: Mfa,
    },
    AwaitingCode {
        mfa: Mfa,
        masked_phone: String,
        /// The number the member entered (enrolment); None when Stytch has one on file.
        phone: Option<E164>,
        sent_at: OffsetDateTime,
    },
    SignedIn {
        email: String,
        token: SessionToken,
        session: MemberSession,
        remembered: bool,
    },
}

/// The primary factor is done: what the second factor needs.
struct Mfa {
    email: EmailAddress,
    organization_id: OrganizationId,
    member_id: MemberId,
    ist: IntermediateSessionToken,
    ist_expires_at: OffsetDateTime,
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

impl SignIn {
    pub fn new(
        config: Config,
        vaults: Vaults,
        app: AppInfo,
        observer: Observer,
    ) -> Result<Self, StytchError> {
        let credentials = match &config.auth {
            StytchAuth::PublicToken(public_token) => Credentials::Sdk {
                public_token: public_token.clone(),
            },
            StytchAuth::Secret { project_id, secret } => Credentials::Backend {
                project_id: project_id.clone(),
                secret: secret.clone(),
            },
        };
        let mut client_config = ClientConfig::new(credentials, app);
        if let Some(base) = &config.api_base {
            client_config = client_config.with_base_url(base.clone());
        }
        let client = Client::new(client_config)?;
        let view = View {
            screen: Screen::Starting,
            dev_mode: config.dev_mode(),
            busy: true,
            notice: None,
        };
        Ok(Self {
            client,
            config,
            vault: vaults.session,
            pending: vaults.pending_sign_in,
            inner: Mutex::new(Inner::default()),
            view: SyncMutex::new(view),
            observer,
        })
    }

    /// The view last reported.
    pub fn view(&self) -> View {
        self.view.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn scheme(&self) -> &str {
        &self.config.scheme
    }

    fn publish(&self, inner: &Inner, busy: bool) {
        let view = self.render(inner, busy);
        let mut current = self.view.lock().unwrap_or_else(|e| e.into_inner());
        if *current != view {
            *current = view.clone();
            drop(current);
            let notice = view.notice.as_ref().map(|n| n.code).unwrap_or("-");
            tracing::info!(screen = view.screen.name(), notice, busy, "view");
            // The whole payload the webview receives, for tests that scan it for secrets.
            tracing::debug!(payload = %serde_json::to_string(&view).unwrap_or_default(), "view payload");
            (self.observer)(&view);
        }
    }

    fn render(&self, inner: &Inner, busy: bool) -> View {
        let organization_name = inner.organization.as_ref().map(|o| o.name.clone());
        let screen = match &inner.phase {
            Phase::Starting => Screen::Starting,
            Phase::SignedOut => Screen::SignIn {
                organization_name,
                email: inner.last_email.clone(),
            },
            Phase::AwaitingLink { email, sent_at, .. } => Screen::CheckEmail {
                organization_name,
                email: email.as_str().to_owned(),
                sent_at: rfc3339(*sent_at),
                resend_available_at: rfc3339(*sent_at + LINK_RESEND_COOLDOWN),
            },
            Phase::NeedsPhone { mfa } => Screen::EnrollPhone {
                organization_name,
                email: mfa.email.as_str().to_owned(),
                default_country: default_country(),
            },
            Phase::AwaitingCode {
                mfa,
                masked_phone,
                sent_at,
                ..
            } => Screen::EnterCode {
                organization_name,
                email: mfa.email.as_str().to_owned(),
                masked_phone: masked_phone.clone(),
                sent_at: rfc3339(*sent_at),
                code_expires_at: rfc3339(*sent_at + SMS_CODE_LIFETIME),
            },
            Phase::SignedIn {
                email,
                session,
                remembered,
                ..
            } => Screen::SignedIn {
                organization_name,
                email: email.clone(),
                factors: session
                    .authentication_factors
                    .iter()
                    .map(factor_view)
                    .collect(),
                session_expires_at: rfc3339(session.expires_at),
                remembered: *remembered,
            },
        };
        View {
            screen,
            dev_mode: self.config.dev_mode(),
            busy,
            notice: inner.notice.clone(),
        }
    }

    /// Launch: learn the organization's name, then restore a session kept in the vault.
    pub async fn start(&self) {
        let mut inner = self.inner.lock().await;
        self.publish(&inner, true);
        if let Err(notice) = self.organization(&mut inner).await {
            inner.notice = Some(notice);
        }
        let stored = match self.vault.load().await {
            Ok(stored) => stored,
            Err(e) => {
                tracing::warn!("keychain unreadable at launch: {e}");
                inner.notice = Some(Notice::info(
                    "keychain_unavailable",
                    format!("Your saved sign-in could not be read from the keychain ({e}). Sign in again."),
                ));
                None
            }
        };
        match stored {
            None => inner.phase = self.pending_sign_in().await.unwrap_or(Phase::SignedOut),
            Some(token) => self.restore(&mut inner, SessionToken::new(token)).await,
        }
        self.publish(&inner, false);
    }

    async fn restore(&self, inner: &mut Inner, token: SessionToken) {
        match self.client.sessions_authenticate(&token, None).await {
            Ok(response) => {
                tracing::info!("session restored from the keychain");
                inner.notice = None;
                inner.phase = Phase::SignedIn {
                    email: response.member.email_address.clone(),
                    token,
                    session: response.member_session,
                    remembered: true,
                };
            }
            Err(e) if e.error_type() == Some(&ErrorType::SessionNotFound) => {
                tracing::info!("the saved session has ended");
                self.wipe_vault().await;
                inner.phase = Phase::SignedOut;
                inner.notice = Some(Notice::info(
                    "session_ended",
                    "Your session has ended (it expired or was signed out elsewhere). Sign in again.",
                ));
            }
            Err(e) => {
                tracing::warn!("could not check the saved session: {e}");
                // The token stays in the keychain: a network failure never drops a session.
                inner.phase = Phase::Starting;
                inner.notice = Some(problem(&e).with_action(Action::Retry));
            }
        }
    }

    /// "Try again", offered where nothing the person typed can be resent for them: the launch
    /// (restore the saved session) and the organization lookup. Elsewhere the person resubmits
    /// the form they are on, with what they typed still in it.
    pub async fn retry(&self) {
        let starting = matches!(self.inner.lock().await.phase, Phase::Starting);
        if starting {
            return self.start().await;
        }
        let mut inner = self.inner.lock().await;
        self.publish(&inner, true);
        inner.notice = self.organization(&mut inner).await.err();
        self.publish(&inner, false);
    }

    async fn organization(&self, inner: &mut Inner) -> Result<OrganizationId, Notice> {
        if let Some(org) = &inner.organization {
            return Ok(org.id.clone());
        }
        match self
            .client
            .get_organization(self.config.organization.clone())
            .await
        {
            Ok(response) => {
                let id = response.organization.organization_id.clone();
                inner.organization = Some(Organization {
                    id: id.clone(),
                    name: response.organization.organization_name,
                });
                Ok(id)
            }
            Err(e) => {
                tracing::warn!("could not read the organization: {e}");
                Err(match e.error_type() {
                    Some(ErrorType::OrganizationNotFound) => Notice::error(
                        "organization_not_found",
                        format!(
                            "The organization \"{}\" does not exist at Stytch. Ask IT to check Gatehouse's configuration.",
                            self.config.organization.as_str()
                        ),
                    ),
                    _ => problem(&e).with_action(Action::Retry),
                })
            }
        }
    }

    /// The member entered their work email: send the magic link, bound to a fresh PKCE verifier.
    pub async fn start_sign_in(&self, email: String) {
        let mut inner = self.inner.lock().await;
        if !matches!(inner.phase, Phase::SignedOut) {
            return;
        }
        inner.last_email = Some(email.trim().to_owned());
        let email = match EmailAddress::parse(&email) {
            Ok(email) => email,
            Err(e) => {
                inner.notice = Some(Notice::error(
                    "invalid_email",
                    format!("That email address can't be used: {e}."),
                ));
                return self.publish(&inner, false);
            }
        };
        inner.notice = None;
        self.publish(&inner, true);
        let verifier = PkceCodeVerifier::generate();
        match self.send_link(&mut inner, &email, &verifier).await {
            Ok(()) => {
                tracing::info!("magic link sent");
                let sent_at = now();
                self.keep_pending_sign_in(&email, &verifier, sent_at).await;
                inner.phase = Phase::AwaitingLink {
                    email,
                    verifier,
                    sent_at,
                }
            }
            Err(notice) => inner.notice = Some(notice),
        }
        self.publish(&inner, false);
    }

    async fn send_link(
        &self,
        inner: &mut Inner,
        email: &EmailAddress,
        verifier: &PkceCodeVerifier,
    ) -> Result<(), Notice> {
        let organization_id = self.organization(inner).await?;
        let request = LoginOrSignupRequest::new(organization_id, email.clone())
            .with_pkce(verifier)
            .with_redirect_url(self.config.callback_url());
        match self
            .client
            .magic_links_email_login_or_signup(&request)
            .await
        {
            Ok(_) => Ok(()),
            Err(e) => {
                tracing::warn!("login_or_signup failed: {e}");
                Err(match e.error_type() {
                    Some(ErrorType::InvalidEmail) => Notice::error(
                        "invalid_email",
                        "Stytch does not accept that email address. Check it for typos.",
                    ),
                    _ => problem(&e),
                })
            }
        }
    }

    /// Sends the link again (same verifier, so either email's link works), after the cooldown.
    pub async fn resend_link(&self) {
        let mut inner = self.inner.lock().await;
        let Phase::AwaitingLink {
            email,
            verifier,
            sent_at,
        } = &inner.phase
        else {
            return;
        };
        if now() < *sent_at + LINK_RESEND_COOLDOWN {
            return;
        }
        let (email, verifier) = (email.clone(), verifier.clone());
        inner.notice = None;
        self.publish(&inner, true);
        match self.send_link(&mut inner, &email, &verifier).await {
            Ok(()) => {
                if let Phase::AwaitingLink { sent_at, .. } = &mut inner.phase {
                    *sent_at = now();
                }
                inner.notice = Some(Notice::info(
                    "link_resent",
                    format!("We sent a new link to {}.", email.as_str()),
                ));
            }
            Err(notice) => inner.notice = Some(notice),
        }
        self.publish(&inner, false);
    }

    /// Back to the email screen, forgetting the sign-in under way (its secrets are dropped).
    pub async fn restart(&self) {
        let mut inner = self.inner.lock().await;
        if matches!(inner.phase, Phase::SignedIn { .. } | Phase::Starting) {
            return;
        }
        inner.phase = Phase::SignedOut;
        inner.notice = None;
        self.forget_pending_sign_in().await;
        self.publish(&inner, false);
    }

    /// Keeps the waiting sign-in in the keychain, so a link that launches the app finishes it.
    async fn keep_pending_sign_in(
        &self,
        email: &EmailAddress,
        verifier: &PkceCodeVerifier,
        sent_at: OffsetDateTime,
    ) {
        let record = format!(
            "{}\n{}\n{}",
            sent_at.unix_timestamp(),
            email.as_str(),
            verifier.expose()
        );
        if let Err(e) = self.pending.store(record).await {
            tracing::warn!("could not keep the waiting sign-in in the keychain: {e}");
        }
    }

    async fn forget_pending_sign_in(&self) {
        if let Err(e) = self.pending.wipe().await {
            tracing::warn!("could not clear the waiting sign-in from the keychain: {e}");
        }
    }

    /// A sign-in waiting for its link from an earlier run, if its link can still work.
    async fn pending_sign_in(&self) -> Option<Phase> {
        let record = self.pending.load().await.ok()??;
        let mut parts = record.splitn(3, '\n');
        let sent_at = OffsetDateTime::from_unix_timestamp(parts.next()?.parse().ok()?).ok()?;
        let email = EmailAddress::parse(parts.next()?).ok()?;
        let verifier = PkceCodeVerifier::new(parts.next()?);
        if now() > sent_at + MAGIC_LINK_LIFETIME {
            self.forget_pending_sign_in().await;
            return None;
        }
        tracing::info!("a sign-in from an earlier run is waiting for its link");
        Some(Phase::AwaitingLink {
            email,
            verifier,
            sent_at,
        })
    }

    /// A `gatehouse://auth/callback?...` URL from the OS or pasted by the member.
    pub async fn open_link(&self, raw: &str) {
        let mut inner = self.inner.lock().await;
        let token = match parse_callback(raw, &self.config.scheme) {
            Ok(token) => token,
            Err(rejection) => {
                tracing::info!("link refused: {rejection}");
                inner.notice = Some(link_rejected(&rejection));
                return self.publish(&inner, false);
            }
        };
        let fingerprint: [u8; 32] = Sha256::digest(token.expose().as_bytes()).into();
        if inner.seen_links.contains(&fingerprint) {
            tracing::info!("link refused: already used");
            inner.notice = Some(Notice::error(
                "link_used",
                "That link has already been used. Each sign-in link works once; use the newest email, or send a new link.",
            ));
            return self.publish(&inner, false);
        }
        let Phase::AwaitingLink { verifier, .. } = &inner.phase else {
            tracing::info!("link refused: no sign-in is waiting for one");
            inner.notice = Some(Notice::error(
                "link_not_expected",
                "That sign-in link was not requested from this app, or its sign-in was cancelled. Enter your email to get a new one.",
            ));
            return self.publish(&inner, false);
        };
        let verifier = verifier.clone();
        inner.seen_links.insert(fingerprint);
        inner.notice = None;
        self.publish(&inner, true);
        let request = MagicLinksAuthenticateRequest::new(
            token,
            Some(verifier),
            Some(self.config.session_minutes),
        );
        match self.client.magic_links_authenticate(&request).await {
            Ok(response) => self.after_primary(&mut inner, response).await,
            Err(e) => {
                tracing::warn!("magic link refused by Stytch: {e}");
                if e.is_before_send() || e.is_retryable() {
                    inner.seen_links.remove(&fingerprint);
                }
                inner.notice = Some(match e.error_type() {
                    Some(ErrorType::PkceMismatch | ErrorType::PkceExpectedCodeVerifier) => Notice::error(
                        "link_other_device",
                        "This link was requested on another device or in another sign-in, so it can't finish this one. Start again here and use the link from the new email.",
                    )
                    .with_action(Action::Restart),
                    Some(ErrorType::UnableToAuthMagicLink) => Notice::error(
                        "link_expired",
                        "That link has expired or was already used. Send a new one.",
                    ),
                    Some(ErrorType::MagicLinkNotFound) => Notice::error(
                        "link_unknown",
                        "Stytch does not recognise that link. Use the newest email, or send a new link.",
                    ),
                    _ => problem(&e),
                });
            }
        }
        self.publish(&inner, false);
    }

    async fn after_primary(&self, inner: &mut Inner, response: MagicLinksAuthenticateResponse) {
        self.forget_pending_sign_in().await;
        let email_text = response.member.email_address.clone();
        let Phase::AwaitingLink { email, .. } = &inner.phase else {
            return;
        };
        let email = email.clone();
        if let (true, Some(token), Some(session)) = (
            response.member_authenticated,
            response.session_token.clone(),
            response.member_session.clone(),
        ) {
            tracing::info!("signed in with the email link alone (no MFA required)");
            return self.signed_in(inner, email_text, token, session).await;
        }
        let (Some(mfa_required), Some(ist)) = (
            &response.mfa_required,
            response.intermediate_session_token.clone(),
        ) else {
            inner.phase = Phase::SignedOut;
            inner.notice = Some(match &response.primary_required {
                Some(_) => Notice::error(
                    "primary_required",
                    "Your organization requires another way to sign in (such as SSO), which Gatehouse does not offer. Ask IT.",
                ),
                None => Notice::error("unexpected", "Stytch answered in a way Gatehouse did not expect. Try again."),
            });
            return;
        };
        let mfa = Mfa {
            email,
            organization_id: response.organization_id.clone(),
            member_id: response.member_id.clone(),
            ist,
            ist_expires_at: now() + INTERMEDIATE_SESSION_LIFETIME,
        };
        let phone_on_file = mfa_required
            .member_options
            .as_ref()
            .and_then(|o| o.mfa_phone_number.clone())
            .or_else(|| phone_of(&response.member));
        match (
            mfa_required.secondary_auth_initiated.as_ref(),
            phone_on_file,
        ) {
            (Some(SecondaryAuthInitiated::SmsOtp), phone) => {
                tracing::info!("MFA required; Stytch already sent the SMS code");
                inner.phase = Phase::AwaitingCode {
                    mfa,
                    masked_phone: mask_phone(phone.as_deref().unwrap_or("")),
                    phone: None,
                    sent_at: now(),
                };
            }
            (_, Some(phone)) => {
                tracing::info!("MFA required; sending the SMS code");
                let masked_phone = mask_phone(&phone);
                inner.phase = Phase::AwaitingCode {
                    mfa,
                    masked_phone: masked_phone.clone(),
                    phone: None,
                    sent_at: now(),
                };
                self.send_code(inner, None, masked_phone).await;
                if let Some(notice) = inner.notice.take() {
                    inner.notice = Some(notice.with_action(Action::ResendCode));
                }
            }
            (_, None) => {
                tracing::info!("MFA required; the member has no phone yet");
                inner.phase = Phase::NeedsPhone { mfa };
            }
        }
    }

    /// Sends an SMS code (to `phone`, or to the number on file) and moves to the code screen.
    /// A failed send leaves the member where they were: on the phone screen when enrolling, on
    /// the code screen (an earlier code may still work) when resending or when the phone is on file.
    async fn send_code(&self, inner: &mut Inner, phone: Option<E164>, masked_phone: String) {
        let phase = std::mem::take(&mut inner.phase);
        let (mfa, previous_sent_at) = match phase {
            Phase::NeedsPhone { mfa } => (mfa, None),
            Phase::AwaitingCode { mfa, sent_at, .. } => (mfa, Some(sent_at)),
            other => {
                inner.phase = other;
                return;
            }
        };
        let request = SmsSendRequest::new(
            mfa.organization_id.clone(),
            mfa.member_id.clone(),
            phone.clone(),
            Some(mfa.ist.clone()),
        );
        match self.client.otps_sms_send(&request).await {
            Ok(_) => {
                tracing::info!("SMS code sent");
                inner.phase = Phase::AwaitingCode {
                    mfa,
                    masked_phone,
                    phone,
                    sent_at: now(),
                };
            }
            Err(e) => {
                tracing::warn!("otps/sms/send failed: {e}");
                if e.error_type() == Some(&ErrorType::IntermediateSessionNotFound) {
                    return self.sign_in_timed_out(inner, mfa.email);
                }
                inner.notice = Some(match e.error_type() {
                    Some(ErrorType::InvalidPhoneNumber) => Notice::error(
                        "invalid_phone",
                        "Stytch does not accept that phone number. Check the country and the number.",
                    ),
                    Some(ErrorType::InvalidPhoneNumberCountryCode) => Notice::error(
                        "phone_country_not_allowed",
                        "Your organization can't send codes to that country. Use another number or ask IT.",
                    ),
                    _ => problem(&e),
                });
                inner.phase = match previous_sent_at {
                    None => Phase::NeedsPhone { mfa },
                    Some(sent_at) => Phase::AwaitingCode {
                        mfa,
                        masked_phone,
                        phone,
                        sent_at,
                    },
                };
            }
        }
    }

    /// A member without a phone entered one (E.164 from the UI; checked again here).
    pub async fn enroll_phone(&self, phone: String) {
        let mut inner = self.inner.lock().await;
        if !matches!(inner.phase, Phase::NeedsPhone { .. }) {
            return;
        }
        let phone = match E164::parse(&phone) {
            Ok(phone) => phone,
            Err(e) => {
                inner.notice = Some(Notice::error(
                    "invalid_phone",
                    format!("That phone number can't be used: {e}."),
                ));
                return self.publish(&inner, false);
            }
        };
        if self.ist_expired(&mut inner) {
            return self.publish(&inner, false);
        }
        inner.notice = None;
        self.publish(&inner, true);
        let masked = mask_phone(phone.as_str());
        self.send_code(&mut inner, Some(phone), masked).await;
        self.publish(&inner, false);
    }

    /// A new code; the old one stops working.
    pub async fn resend_code(&self) {
        let mut inner = self.inner.lock().await;
        let Phase::AwaitingCode {
            phone,
            masked_phone,
            ..
        } = &inner.phase
        else {
            return;
        };
        let (phone, masked) = (phone.clone(), masked_phone.clone());
        if self.ist_expired(&mut inner) {
            return self.publish(&inner, false);
        }
        inner.notice = None;
        self.publish(&inner, true);
        self.send_code(&mut inner, phone, masked).await;
        if matches!(inner.phase, Phase::AwaitingCode { .. }) && inner.notice.is_none() {
            inner.notice = Some(Notice::info(
                "code_resent",
                "We sent a new code. The earlier code no longer works.",
            ));
        }
        self.publish(&inner, false);
    }

    /// The IST is older than Stytch keeps it: back to the email screen, saying why.
    fn ist_expired(&self, inner: &mut Inner) -> bool {
        let mfa = match &inner.phase {
            Phase::NeedsPhone { mfa } | Phase::AwaitingCode { mfa, .. } => mfa,
            _ => return false,
        };
        if now() < mfa.ist_expires_at {
            return false;
        }
        let email = mfa.email.clone();
        self.sign_in_timed_out(inner, email);
        true
    }

    fn sign_in_timed_out(&self, inner: &mut Inner, email: EmailAddress) {
        tracing::info!("the intermediate session expired");
        inner.last_email = Some(email.as_str().to_owned());
        inner.phase = Phase::SignedOut;
        inner.notice = Some(Notice::error(
            "sign_in_timed_out",
            "This sign-in took longer than 10 minutes, so it expired. Start again: you'll get a new email.",
        ));
    }

    /// The member typed (or pasted) the SMS code.
    pub async fn submit_code(&self, code: String) {
        let mut inner = self.inner.lock().await;
        if !matches!(inner.phase, Phase::AwaitingCode { .. }) {
            return;
        }
        let code = match SmsCode::parse(code.trim()) {
            Ok(code) => code,
            Err(_) => {
                inner.notice = Some(Notice::error(
                    "invalid_code",
                    "The code is the 6 digits from the SMS.",
                ));
                return self.publish(&inner, false);
            }
        };
        if self.ist_expired(&mut inner) {
            return self.publish(&inner, false);
        }
        let Phase::AwaitingCode { mfa, sent_at, .. } = &inner.phase else {
            return;
        };
        if now() >= *sent_at + SMS_CODE_LIFETIME {
            inner.notice = Some(code_expired());
            return self.publish(&inner, false);
        }
        let request = SmsAuthenticateRequest::new(
            mfa.organization_id.clone(),
            mfa.member_id.clone(),
            code,
            mfa.ist.clone(),
            Some(self.config.session_minutes),
        );
        let email = mfa.email.clone();
        inner.notice = None;
        self.publish(&inner, true);
        match self.client.otps_sms_authenticate(&request).await {
            Ok(response) => match (response.session_token, response.member_session) {
                (Some(token), Some(session)) => {
                    tracing::info!("SMS code accepted");
                    self.signed_in(&mut inner, response.member.email_address, token, session)
                        .await;
                }
                _ => {
                    inner.notice = Some(Notice::error(
                        "unexpected",
                        "Stytch accepted the code but sent no session. Try again.",
                    ))
                }
            },
            Err(e) => {
                tracing::info!("SMS code refused: {e}");
                match e.error_type() {
                    Some(ErrorType::IntermediateSessionNotFound) => self.sign_in_timed_out(&mut inner, email),
                    Some(ErrorType::OtpCodeNotFound | ErrorType::InvalidCode) => {
                        inner.notice = Some(Notice::error(
                            "wrong_code",
                            "That code isn't right. Check the SMS and try again.",
                        ))
                    }
                    Some(ErrorType::UnableToAuthOtpCode) => inner.notice = Some(code_expired()),
                    Some(ErrorType::UserLockLimitReached) => {
                        inner.notice = Some(
                            Notice::error(
                                "member_locked",
                                "Too many wrong codes: your account is locked for about an hour. Try again later, or ask IT to unlock it.",
                            )
                            .with_action(Action::Restart),
                        )
                    }
                    _ => inner.notice = Some(problem(&e)),
                }
            }
        }
        self.publish(&inner, false);
    }

    /// A full session: keep it in the keychain at once; a failing keychain does not block.
    async fn signed_in(
        &self,
        inner: &mut Inner,
        email: String,
        token: SessionToken,
        session: MemberSession,
    ) {
        let remembered = match self.vault.store(token.expose().to_owned()).await {
            Ok(()) => {
                inner.notice = None;
                true
            }
            Err(e) => {
                tracing::warn!("keychain write failed: {e}");
                inner.notice = Some(Notice::info(
                    "not_remembered",
                    format!("You're signed in, but the keychain could not save the session ({e}), so you'll be asked again next time."),
                ));
                false
            }
        };
        inner.last_email = Some(email.clone());
        inner.phase = Phase::SignedIn {
            email,
            token,
            session,
            remembered,
        };
    }

    /// Revoke at Stytch and wipe the keychain; when Stytch can't be reached, revoke later.
    pub async fn sign_out(&self) {
        let mut inner = self.inner.lock().await;
        let Phase::SignedIn { token, .. } = &inner.phase else {
            return;
        };
        let token = token.clone();
        self.publish(&inner, true);
        let wiped = self.vault.wipe().await;
        inner.phase = Phase::SignedOut;
        inner.notice = match self.client.sessions_revoke(&token).await {
            Ok(_) => None,
            Err(e) if e.error_type() == Some(&ErrorType::SessionNotFound) => None,
            Err(e) => {
                tracing::warn!("revoke failed, will retry: {e}");
                inner.pending_revocations.push(token);
                Some(Notice::info(
                    "revoke_pending",
                    "You're signed out on this computer. Stytch could not be reached, so the session will be revoked there as soon as it can be.",
                ))
            }
        };
        if let Err(e) = wiped {
            tracing::warn!("keychain wipe failed at sign-out: {e}");
            inner.notice = Some(Notice::error(
                "keychain_wipe_failed",
                format!("You're signed out here, but the keychain could not forget the session ({e}). Remove Gatehouse's entry from your keychain, or ask IT."),
            ));
        }
        tracing::info!("signed out");
        self.publish(&inner, false);
    }

    async fn wipe_vault(&self) {
        if let Err(e) = self.vault.wipe().await {
            tracing::warn!("keychain wipe failed: {e}");
        }
    }

    /// Re-checks the session about every 3 minutes (backing off on errors) and retries pending
    /// revocations. Runs for the life of the app.
    pub async fn keep_session_fresh(self: Arc<Self>) {
        let mut delay = SESSION_CHECK_INTERVAL;
        loop {
            tokio::time::sleep(delay).await;
            delay = match self.check_session().await {
                Ok(()) => SESSION_CHECK_INTERVAL,
                Err(()) => (delay * 2).min(SESSION_CHECK_MAX_BACKOFF),
            };
        }
    }

    /// One background check; `Err` when Stytch could not answer (the caller backs off).
    pub async fn check_session(&self) -> Result<(), ()> {
        let mut inner = self.inner.lock().await;
        let mut healthy = true;
        let pending = std::mem::take(&mut inner.pending_revocations);
        for token in pending {
            match self.client.sessions_revoke(&token).await {
                Ok(_) => tracing::info!("pending revocation done"),
                Err(e) if e.error_type() == Some(&ErrorType::SessionNotFound) => {}
                Err(_) => {
                    healthy = false;
                    inner.pending_revocations.push(token);
                }
            }
        }
        let Phase::SignedIn { token, .. } = &inner.phase else {
            return if healthy { Ok(()) } else { Err(()) };
        };
        let token = token.clone();
        match self.client.sessions_authenticate(&token, None).await {
            Ok(response) => {
                if let Phase::SignedIn { session, .. } = &mut inner.phase {
                    *session = response.member_session;
                }
            }
            Err(e) if e.error_type() == Some(&ErrorType::SessionNotFound) => {
                tracing::info!("the session has ended");
                self.wipe_vault().await;
                inner.phase = Phase::SignedOut;
                inner.notice = Some(Notice::info(
                    "session_ended",
                    "Your session has ended (it expired or was signed out elsewhere). Sign in again.",
                ));
            }
            Err(e) => {
                tracing::warn!("session check failed, backing off: {e}");
                healthy = false;
            }
        }
        self.publish(&inner, false);
        if healthy {
            Ok(())
        } else {
            Err(())
        }
    }
}

fn phone_of(member: &Member) -> Option<String> {
    member.mfa_phone_number.clone().filter(|p| !p.is_empty())
}

fn factor_view(factor: &stytch_b2b::AuthenticationFactor) -> FactorView {
    let (kind, label) = if let Some(email) = &factor.email_factor {
        ("email", format!("Email link to {}", email.email_address))
    } else if let Some(phone) = &factor.phone_number_factor {
        (
            "sms",
            format!("SMS code to {}", mask_phone(&phone.phone_number)),
        )
    } else {
        ("other", factor.factor_type.as_str().to_owned())
    };
    FactorView {
        kind: kind.to_owned(),
        label,
        last_authenticated_at: factor
            .last_authenticated_at
            .map(rfc3339)
            .unwrap_or_default(),
    }
}

/// The country the phone screen starts on, from the locale (LANG=en_GB.UTF-8 → GB).
fn default_country() -> String {
    std::env::var("LC_ALL")
        .or_else(|_| std::env::var("LANG"))
        .ok()
        .and_then(|lang| {
            let region = lang.split(['.', '@']).next()?.split('_').nth(1)?.to_owned();
            (region.len() == 2 && region.chars().all(|c| c.is_ascii_uppercase())).then_some(region)
        })
        .unwrap_or_else(|| "US".to_owned())
}

fn code_expired() -> Notice {
    Notice::error(
        "code_expired",
        "That code has expired (codes last 2 minutes). Send a new one.",
    )
    .with_action(Action::ResendCode)
}

fn link_rejected(rejection: &LinkRejection) -> Notice {
    let message = match rejection {
        LinkRejection::NotOurs => "That link is not a Gatehouse sign-in link, so it was ignored.",
        LinkRejection::WrongTokenType => {
            "That link is for another kind of sign-in than the email link, so it was ignored."
        }
        LinkRejection::Malformed => {
            "That sign-in link is damaged or incomplete. Open the link from the email again, or paste all of it."
        }
    };
    Notice::error("link_refused", message)
}

/// Words for failures that are not about what the member typed.
fn problem(error: &StytchError) -> Notice {
    match error {
        StytchError::Stytch { error_type: ErrorType::TooManyRequests, retry_after, .. } => {
            let wait = retry_after.unwrap_or(Duration::from_secs(30));
            Notice::error(
                "rate_limited",
                format!("Too many attempts in a short time. Wait {} seconds, then try again.", wait.as_secs().max(1)),
            )
            .retry_at(now() + wait)
        }
        StytchError::Stytch { error_type: ErrorType::UnauthorizedCredentials | ErrorType::EndpointNotAuthorizedForSdk | ErrorType::BadAppBundleForStytchSdk | ErrorType::BadDomainForStytchSdk, .. } => Notice::error(
            "stytch_refused_app",
            "Stytch refused Gatehouse's credentials. Ask IT to check the project id and public token.",
        ),
        StytchError::Stytch { status, .. } if *status >= 500 => Notice::error(
            "stytch_down",
            "Stytch is having trouble right now. Nothing was lost: try again in a minute.",
        ),
        StytchError::Transport { .. } | StytchError::Timeout { .. } => Notice::error(
            "network_down",
            "Stytch can't be reached. Check your network connection, then try again: nothing was lost.",
        ),
        _ => Notice::error("unexpected", "Something went wrong talking to Stytch. Try again."),
    }
}
