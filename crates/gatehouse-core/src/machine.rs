//! The sign-in state machine. Every intent follows one pattern, so that no lock is ever held
//! across a Stytch or keychain call:
//!
//! 1. lock the state, check the intent fits the phase, build the request, mark a call in flight,
//!    take a [`Ticket`] (the state's epoch), publish the busy view, unlock;
//! 2. make the call;
//! 3. lock again and apply the answer *only if the epoch is unchanged* — if the person cancelled,
//!    signed out or restarted meanwhile, the answer is dropped (a minted session is revoked).
//!
//! A second submission while a call is in flight is ignored: one attempt is one call.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use sha2::{Digest, Sha256};
use stytch_b2b::{
    AppInfo, Client, ClientConfig, Credentials, EmailAddress, Error as StytchError, ErrorType,
    Family, IntermediateSessionToken, LoginOrSignupRequest, MagicLinksAuthenticateRequest,
    MagicLinksAuthenticateResponse, MemberId, MemberSession, MfaMethod, OrganizationId,
    OrganizationRef, PkceCodeVerifier, SecondaryAuthInitiated, SessionJwt, SessionToken,
    SmsAuthenticateRequest, SmsCode, SmsSendRequest, E164,
};
use time::OffsetDateTime;

use crate::clock::Clock;
use crate::config::{Config, StytchAuth};
use crate::factor::{alternatives, factors_of, Allowed, FactorKind, Step};
use crate::jwt_sink::{JwtObserver, JwtSink};
use crate::link::parse_callback;
use crate::notices::{self, NoticeCode};
use crate::pending::PendingSignIn;
use crate::vault::{self, Vault, KEYCHAIN_LIMIT};
use crate::view::{mask_phone, rfc3339, Action, FactorView, Notice, Screen, View, WorkspaceView};
use stytch_b2b::RecoveryCode;

/// Stytch's lifetimes, known here so the machine can say "expired" before Stytch does. No
/// response carries the IST's expiry: like stytch-android (`common/Constants.kt`), Gatehouse
/// keeps its 10 minutes itself.
pub const INTERMEDIATE_SESSION_LIFETIME: Duration = Duration::from_secs(10 * 60);
pub const SMS_CODE_LIFETIME: Duration = Duration::from_secs(2 * 60);
/// How long before the "resend the link" button works again.
pub const LINK_RESEND_COOLDOWN: Duration = Duration::from_secs(30);

pub type Observer = Box<dyn Fn(&View) + Send + Sync>;

/// Where the core keeps what must outlive the process.
pub struct Vaults {
    /// The session token, exactly as Stytch minted it.
    pub session: Arc<dyn Vault>,
    /// A sign-in waiting for its email link (email, PKCE verifier, when it was sent).
    pub pending_sign_in: Arc<dyn Vault>,
    /// Sessions signed out while Stytch could not be reached: the tokens to revoke, nothing
    /// else, so that a revoke survives quitting offline and is retried at the next launch.
    pub revocations: Arc<dyn Vault>,
}

/// What the machine is given: configuration, storage, time, and where views go.
pub struct Parts {
    pub config: Config,
    pub vaults: Vaults,
    pub app: AppInfo,
    pub clock: Arc<dyn Clock>,
    pub observer: Observer,
}

pub struct SignIn {
    pub(crate) client: Client,
    pub(crate) config: Config,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) vault: Arc<dyn Vault>,
    pending: Arc<dyn Vault>,
    revocations: Arc<dyn Vault>,
    state: Mutex<State>,
    view: Mutex<View>,
    observer: Observer,
    pub(crate) jwt_sink: JwtSink,
}

#[derive(Debug, Clone)]
pub(crate) struct Organization {
    pub id: OrganizationId,
    /// Unknown until Stytch names it: the SDK API has no lookup by id before sign-in, so the
    /// name comes with the magic-link answer or the restored session.
    pub name: Option<String>,
}

#[derive(Default)]
pub(crate) struct State {
    pub phase: Phase,
    /// Bumped at every phase change: an answer to a call started in an older epoch is dropped.
    epoch: u64,
    /// A call for the current epoch is under way; intents of the same phase wait for it.
    pub(crate) in_flight: bool,
    pub organization: Option<Organization>,
    pub notice: Option<Notice>,
    /// SHA-256 of every magic-link token this run has acted on: a replayed link never reaches Stytch.
    seen_links: HashSet<[u8; 32]>,
    last_email: Option<String>,
    /// Sessions signed out while Stytch could not be reached; revoked when it can be.
    pub pending_revocations: Vec<SessionToken>,
    /// The value Stytch just refused in this phase (a fingerprint, with its notice): the same
    /// value submitted again — a sixth digit then Enter — is not sent again.
    refused: Option<([u8; 32], Notice)>,
    /// A link Stytch could not check for a passing reason (down, busy, the network): Try again
    /// sends it again, so the person need not go back to the email.
    link_to_retry: Option<zeroize::Zeroizing<String>>,
    /// Why the workspace's page could not be loaded (see `workspace.rs`); a new phase clears it.
    pub workspace_failure: Option<String>,
}

impl State {
    pub(crate) fn set_phase(&mut self, phase: Phase) {
        self.phase = phase;
        self.epoch += 1;
        self.in_flight = false;
        self.refused = None;
        self.link_to_retry = None;
        self.workspace_failure = None;
    }

    /// True (and the refusal shown again) when `value` is what Stytch just refused for `form`.
    pub(crate) fn refused_again(&mut self, form: &str, value: &str) -> bool {
        let fingerprint = fingerprint(form, value);
        match &self.refused {
            Some((f, notice)) if *f == fingerprint => {
                self.notice = Some(notice.clone());
                true
            }
            _ => false,
        }
    }

    pub(crate) fn remember_refusal(&mut self, form: &str, value: &str, notice: &Notice) {
        self.refused = Some((fingerprint(form, value), notice.clone()));
    }

    pub(crate) fn ticket(&mut self) -> Ticket {
        self.in_flight = true;
        Ticket(self.epoch)
    }

    /// A new step within the phase: answers to the old one are dropped, its refusals forgotten.
    pub(crate) fn bump(&mut self) {
        self.epoch += 1;
        self.in_flight = false;
        self.refused = None;
    }
}

/// Proof that an answer belongs to the state it was asked from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ticket(u64);

#[derive(Default)]
pub(crate) enum Phase {
    #[default]
    Starting,
    /// Stytch says the configuration cannot work (an unknown organization): only IT can help.
    Misconfigured {
        file: Option<String>,
        message: String,
    },
    SignedOut,
    AwaitingLink {
        email: EmailAddress,
        verifier: PkceCodeVerifier,
        sent_at: OffsetDateTime,
    },
    /// The primary factor is done; a second factor is under way.
    SecondFactor {
        mfa: Mfa,
        step: Step,
    },
    SignedIn {
        email: String,
        token: SessionToken,
        session: MemberSession,
        remembered: bool,
        /// The newest session JWT (5 minutes), for the workspace's cookie.
        jwt: Option<SessionJwt>,
        /// The member has an authenticator app, so recovery codes they can renew.
        totp: bool,
        /// Something the person must see before the workspace opens (see [`Hold`]).
        hold: Option<Hold>,
    },
}

/// What keeps the local signed-in screens in front of the workspace for a moment.
#[derive(Clone)]
pub(crate) enum Hold {
    /// New recovery codes, shown once, until the person says they saved them.
    RecoveryCodes {
        codes: Vec<RecoveryCode>,
        rotated: bool,
    },
    /// A recovery code signed the member in: how many are left (a warning at 2 or fewer).
    RecoveryCodeUsed { left: u32 },
}

/// The primary factor is done: what any second factor needs.
#[derive(Clone)]
pub(crate) struct Mfa {
    pub(crate) email: EmailAddress,
    pub(crate) organization_id: OrganizationId,
    pub(crate) member_id: MemberId,
    pub(crate) ist: IntermediateSessionToken,
    pub(crate) ist_expires_at: OffsetDateTime,
    /// Every second factor the member has (and the organization allows).
    pub(crate) factors: Vec<FactorKind>,
    /// What a member without a factor may enrol (the organization's allowed methods).
    pub(crate) enrolments: Vec<FactorKind>,
    /// The phone on file, masked (`••• 1234`), if any.
    pub(crate) masked_phone: Option<String>,
    /// When an SMS code last went out in this sign-in (by Stytch or by us): switching back to
    /// SMS then shows the code screen without sending another.
    pub(crate) sms_sent_at: Option<OffsetDateTime>,
}

/// How long a launch step runs before the starting screen says what it is waiting for.
pub const SLOW_STEP: Duration = Duration::from_secs(2);

/// What a launch step waits on.
#[derive(Debug, Clone, Copy)]
enum Awaited {
    Keychain,
    Stytch,
}

/// What follows the link's answer, once the state is set.
enum Next {
    Nothing,
    SendSms,
    CreateTotp,
}

/// Why an SMS code is being sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SendReason {
    /// Right after the link, to the phone on file.
    AfterLink,
    /// To the number the member just entered.
    Enrolment,
    /// The member asked for a new code.
    Resend,
}

/// A full session from Stytch, not yet kept.
pub(crate) struct Minted {
    pub(crate) email: String,
    pub(crate) token: SessionToken,
    pub(crate) session: MemberSession,
    pub(crate) jwt: Option<SessionJwt>,
    /// The member has an authenticator app.
    pub(crate) totp: bool,
    pub(crate) hold: Option<Hold>,
}

impl SignIn {
    pub fn new(parts: Parts) -> Result<Self, StytchError> {
        let Parts {
            config,
            vaults,
            app,
            clock,
            observer,
        } = parts;
        let client = stytch_client(&config, app)?;
        let view = View::starting(config.dev_mode());
        Ok(Self {
            client,
            config,
            clock,
            vault: vault::bounded(vaults.session, KEYCHAIN_LIMIT),
            pending: vault::bounded(vaults.pending_sign_in, KEYCHAIN_LIMIT),
            revocations: vault::bounded(vaults.revocations, KEYCHAIN_LIMIT),
            state: Mutex::new(State::default()),
            view: Mutex::new(view),
            jwt_sink: JwtSink::default(),
            observer,
        })
    }

    /// Where the session JWT goes whenever it changes (see [`JwtObserver`]); the current one,
    /// if any, is reported at the next change of state.
    pub fn on_session_jwt(&self, observer: JwtObserver) {
        self.jwt_sink.set(observer);
    }

    /// The view last reported.
    pub fn view(&self) -> View {
        self.view.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn scheme(&self) -> &str {
        &self.config.scheme
    }

    pub(crate) fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The state again after a call, if the answer still applies (see the module docs).
    pub(crate) fn resume(&self, ticket: Ticket) -> Option<MutexGuard<'_, State>> {
        let mut state = self.lock();
        if state.epoch != ticket.0 {
            tracing::info!("an answer arrived after the person moved on; dropped");
            return None;
        }
        state.in_flight = false;
        Some(state)
    }

    /// Applies an answer with `f` and publishes, if the ticket still holds; `false` when the
    /// person had moved on (the guard never outlives this call, so callers may then await).
    pub(crate) fn apply(&self, ticket: Ticket, f: impl FnOnce(&mut State)) -> bool {
        let Some(mut state) = self.resume(ticket) else {
            return false;
        };
        f(&mut state);
        self.publish(&state);
        true
    }

    /// Starts a call: marks it in flight, shows busy, and returns its ticket.
    pub(crate) fn begin(&self, state: &mut State) -> Ticket {
        let ticket = state.ticket();
        self.publish(state);
        ticket
    }

    pub(crate) fn publish(&self, state: &State) {
        let view = self.render(state);
        let mut current = self.view.lock().unwrap_or_else(|e| e.into_inner());
        if *current != view {
            *current = view.clone();
            drop(current);
            let notice = view
                .notice
                .as_ref()
                .map(|n| format!("{:?}", n.code))
                .unwrap_or_else(|| "-".into());
            tracing::info!(
                screen = view.screen.name(),
                notice,
                busy = view.busy,
                "view"
            );
            // The whole payload the webview receives, for tests that scan it for secrets.
            // The setup key and recovery codes are in a view only to reach the person: never logged.
            tracing::debug!(payload = %serde_json::to_string(&view.redacted()).unwrap_or_default(), "view payload");
            (self.observer)(&view);
        }
        let (jwt, held) = match &state.phase {
            Phase::SignedIn { jwt, hold, .. } => (jwt.as_ref(), hold.is_some()),
            _ => (None, false),
        };
        self.jwt_sink.offer(jwt, held);
    }

    fn render(&self, state: &State) -> View {
        let organization_name = state.organization.as_ref().and_then(|o| o.name.clone());
        let screen = match &state.phase {
            Phase::Starting => Screen::Starting,
            Phase::Misconfigured { file, message } => Screen::ConfigError {
                file: file.clone(),
                message: message.clone(),
            },
            Phase::SignedOut => Screen::SignIn {
                organization_name,
                email: state.last_email.clone(),
            },
            Phase::AwaitingLink { email, sent_at, .. } => Screen::CheckEmail {
                organization_name,
                email: email.as_str().to_owned(),
                sent_at: rfc3339(*sent_at),
                resend_available_at: rfc3339(*sent_at + LINK_RESEND_COOLDOWN),
            },
            Phase::SecondFactor { mfa, step } => {
                let others = alternatives(&mfa.factors, &mfa.enrolments, step);
                let email = mfa.email.as_str().to_owned();
                match step {
                    Step::Choose => Screen::ChooseFactor {
                        organization_name,
                        email,
                        options: mfa.enrolments.clone(),
                    },
                    Step::EnrollTotp(enrolment) => Screen::EnrollTotp {
                        organization_name,
                        email,
                        qr_code: enrolment.qr_code.expose().to_owned(),
                        secret: enrolment.secret.expose().to_owned(),
                        alternatives: others,
                    },
                    Step::Totp => Screen::EnterCode {
                        organization_name,
                        email,
                        factor: FactorKind::Totp,
                        masked_phone: None,
                        sent_at: None,
                        code_expires_at: None,
                        alternatives: others,
                    },
                    Step::RecoveryCode => Screen::EnterRecoveryCode {
                        organization_name,
                        email,
                        alternatives: others,
                    },
                    Step::EnrollPhone => Screen::EnrollPhone {
                        organization_name,
                        email,
                        default_country: self.config.default_country.clone(),
                        alternatives: others,
                    },
                    Step::Sms {
                        masked_phone,
                        sent_at,
                        ..
                    } => Screen::EnterCode {
                        organization_name,
                        email,
                        factor: FactorKind::Sms,
                        masked_phone: Some(masked_phone.clone()),
                        sent_at: Some(rfc3339(*sent_at)),
                        code_expires_at: Some(rfc3339(*sent_at + SMS_CODE_LIFETIME)),
                        alternatives: others,
                    },
                }
            }
            Phase::SignedIn {
                email,
                hold: Some(Hold::RecoveryCodes { codes, rotated }),
                ..
            } => Screen::RecoveryCodes {
                organization_name,
                email: email.clone(),
                codes: codes.iter().map(|c| c.expose().to_owned()).collect(),
                rotated: *rotated,
            },
            Phase::SignedIn {
                email,
                session,
                remembered,
                totp,
                hold,
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
                workspace: self.config.workspace.as_ref().map(|w| WorkspaceView {
                    name: w.name.clone(),
                    failure: state.workspace_failure.clone(),
                }),
                recovery_codes_left: match hold {
                    Some(Hold::RecoveryCodeUsed { left }) => Some(*left),
                    _ => None,
                },
                can_renew_recovery_codes: *totp,
            },
        };
        View {
            screen,
            dev_mode: self.config.dev_mode(),
            busy: state.in_flight,
            notice: state.notice.clone(),
        }
    }

    /// Launch: learn the organization, then restore a session kept in the vault (or a sign-in
    /// waiting for its link).
    pub async fn start(&self) {
        let ticket = {
            let mut state = self.lock();
            state.set_phase(Phase::Starting);
            self.begin(&mut state)
        };
        self.launch_step(ticket, Awaited::Keychain, self.load_revocations())
            .await;
        let organization = self
            .launch_step(ticket, Awaited::Stytch, self.organization())
            .await;
        let stored = self
            .launch_step(ticket, Awaited::Keychain, self.vault.load())
            .await;
        let pending = match &stored {
            Ok(None) => {
                self.launch_step(ticket, Awaited::Keychain, self.pending_sign_in())
                    .await
            }
            _ => None,
        };
        // The state is handled in this block, so no guard lives across the restore's call.
        let restore = {
            let Some(mut state) = self.resume(ticket) else {
                return;
            };
            if let Err(notice) = organization {
                state.notice = Some(notice);
                if matches!(state.phase, Phase::Misconfigured { .. }) {
                    return self.publish(&state);
                }
            }
            match stored {
                Ok(Some(token)) => (state.ticket(), SessionToken::new(token)),
                Ok(None) => {
                    state.set_phase(match pending {
                        Some(p) => Phase::AwaitingLink {
                            email: p.email,
                            verifier: p.verifier,
                            sent_at: p.sent_at,
                        },
                        None => Phase::SignedOut,
                    });
                    return self.publish(&state);
                }
                Err(e) => {
                    tracing::warn!("keychain unreadable at launch: {e}");
                    state.notice = Some(notices::keychain_unavailable(&e));
                    state.set_phase(Phase::SignedOut);
                    return self.publish(&state);
                }
            }
        };
        self.restore(restore.0, restore.1).await;
    }

    async fn restore(&self, ticket: Ticket, token: SessionToken) {
        let answer = self
            .launch_step(
                ticket,
                Awaited::Stytch,
                self.client.sessions_authenticate(&token, None),
            )
            .await;
        if matches!(&answer, Err(e) if e.error_type() == Some(&ErrorType::SessionNotFound)) {
            self.wipe_vault().await;
        }
        let Some(mut state) = self.resume(ticket) else {
            return;
        };
        match answer {
            Ok(response) => {
                tracing::info!("session restored from the keychain");
                learn_organization(&mut state, &response.organization);
                state.notice = None;
                state.set_phase(Phase::SignedIn {
                    email: response.member.email_address.clone(),
                    token,
                    session: response.member_session,
                    remembered: true,
                    jwt: response.session_jwt,
                    totp: response.member.totp_registration_id.is_some(),
                    hold: None,
                });
            }
            Err(e) if e.error_type() == Some(&ErrorType::SessionNotFound) => {
                tracing::info!("the saved session has ended");
                state.notice = Some(notices::session_ended());
                state.set_phase(Phase::SignedOut);
            }
            Err(e) => {
                tracing::warn!("could not check the saved session: {e}");
                // The token stays in the keychain: a network failure never drops a session.
                state.notice = Some(notices::problem(&e, self.now()).with_action(Action::Retry));
                state.set_phase(Phase::Starting);
            }
        }
        self.publish(&state);
    }

    /// One step of the launch: past [`SLOW_STEP`] the starting screen says what it waits for and
    /// offers Try again; the step itself is bounded (the client's timeouts, [`KEYCHAIN_LIMIT`]).
    async fn launch_step<T>(
        &self,
        ticket: Ticket,
        awaited: Awaited,
        step: impl std::future::Future<Output = T>,
    ) -> T {
        let mut step = std::pin::pin!(step);
        if let Ok(answer) = tokio::time::timeout(SLOW_STEP, step.as_mut()).await {
            return answer;
        }
        let waiting = match awaited {
            Awaited::Keychain => notices::waiting_for_keychain(),
            Awaited::Stytch => {
                notices::waiting_for_stytch(self.client.base_url().host_str().unwrap_or("?"))
            }
        };
        tracing::info!(step = ?awaited, "a launch step is slow");
        self.show_waiting(ticket, Some(waiting));
        let answer = step.await;
        self.show_waiting(ticket, None);
        answer
    }

    /// Shows (or takes down) what the launch waits for, if the launch is still the current one.
    fn show_waiting(&self, ticket: Ticket, waiting: Option<Notice>) {
        let mut state = self.lock();
        if state.epoch != ticket.0 {
            return;
        }
        match waiting {
            Some(notice) => state.notice = Some(notice),
            None if state.notice.as_ref().is_some_and(|n| n.code.is_waiting()) => {
                state.notice = None
            }
            None => return,
        }
        self.publish(&state);
    }

    /// "Try again", offered where nothing the person typed can be resent for them: the launch
    /// (restore the saved session), the organization lookup, and a link Stytch could not check.
    /// On the starting screen it starts the launch over even while a step is still waiting:
    /// that step's answer is then dropped.
    pub async fn retry(&self) {
        let (starting, link) = {
            let mut state = self.lock();
            let starting = matches!(state.phase, Phase::Starting);
            if state.in_flight && !starting {
                return;
            }
            (starting, state.link_to_retry.take())
        };
        if starting {
            return self.start().await;
        }
        if let Some(link) = link {
            return self.open_link(&link).await;
        }
        let notice = self.organization().await.err();
        let mut state = self.lock();
        state.notice = notice;
        self.publish(&state);
    }

    /// The organization's id, learnt once per run. Backend API: `GET organizations/{id or slug}`.
    /// SDK API: a slug is searched; an id needs no lookup (the SDK API has none before sign-in).
    /// An organization Stytch does not know turns the phase into a configuration error.
    pub(crate) async fn organization(&self) -> Result<OrganizationId, Notice> {
        let known = self.lock().organization.clone();
        if let Some(org) = known {
            return Ok(org.id);
        }
        let found = match (self.client.family(), &self.config.organization) {
            (Family::Sdk, OrganizationRef::Id(id)) => Ok(Some(Organization {
                id: id.clone(),
                name: None,
            })),
            (Family::Sdk, OrganizationRef::Slug(slug)) => {
                self.client.search_organization(slug).await.map(|r| {
                    r.organization.map(|o| Organization {
                        id: o.organization_id,
                        name: Some(o.organization_name).filter(|n| !n.is_empty()),
                    })
                })
            }
            (Family::Backend, organization) => self
                .client
                .get_organization(organization.clone())
                .await
                .map(|r| {
                    Some(Organization {
                        id: r.organization.organization_id,
                        name: Some(r.organization.organization_name),
                    })
                }),
        };
        let mut state = self.lock();
        match found {
            Ok(Some(organization)) => {
                let id = organization.id.clone();
                state.organization = Some(organization);
                Ok(id)
            }
            Err(e) if e.error_type() != Some(&ErrorType::OrganizationNotFound) => {
                tracing::warn!("could not read the organization: {e}");
                Err(notices::problem(&e, self.now()).with_action(Action::Retry))
            }
            Ok(None) | Err(_) => {
                let value = self.config.organization.as_str();
                tracing::warn!("Stytch knows no organization {value}");
                let what = match &self.config.organization {
                    OrganizationRef::Slug(_) => "slug",
                    OrganizationRef::Id(_) => "id",
                };
                // Not set_phase: the call under way (the launch) still applies, and shows it.
                state.phase = Phase::Misconfigured {
                    file: self
                        .config
                        .organization_from
                        .as_ref()
                        .map(|f| f.display().to_string()),
                    message: format!(
                        "Stytch has no organization with the {what} \"{value}\" (set in {}). Ask IT to check Gatehouse's configuration.",
                        self.config.organization_source(),
                    ),
                };
                Err(notices::organization_not_found(what, value))
            }
        }
    }

    /// The member entered their work email: send the magic link, bound to a fresh PKCE verifier.
    pub async fn start_sign_in(&self, email: String) {
        let (email, ticket) = {
            let mut state = self.lock();
            if !matches!(state.phase, Phase::SignedOut) || state.in_flight {
                return;
            }
            state.last_email = Some(email.trim().to_owned());
            if state.refused_again("email", &email.trim().to_lowercase()) {
                tracing::info!("the same address again, just refused: not sent");
                return self.publish(&state);
            }
            match EmailAddress::parse(&email) {
                Ok(email) => {
                    state.notice = None;
                    (email, self.begin(&mut state))
                }
                Err(e) => {
                    state.notice = Some(notices::invalid_email(e));
                    return self.publish(&state);
                }
            }
        };
        let verifier = PkceCodeVerifier::generate();
        let sent = self.send_link(&email, &verifier).await;
        let sent_at = self.now();
        let sent_ok = sent.is_ok();
        if sent_ok {
            tracing::info!("magic link sent");
            self.keep_pending_sign_in(&PendingSignIn {
                email: email.clone(),
                verifier: verifier.clone(),
                sent_at,
            })
            .await;
        }
        let applied = self.apply(ticket, |state| match sent {
            Ok(()) => state.set_phase(Phase::AwaitingLink {
                email,
                verifier,
                sent_at,
            }),
            Err(notice) => {
                if notice.code == NoticeCode::InvalidEmail {
                    state.remember_refusal("email", &email.as_str().to_lowercase(), &notice);
                }
                state.notice = Some(notice)
            }
        });
        if !applied && sent_ok {
            self.forget_pending_sign_in().await;
        }
    }

    async fn send_link(
        &self,
        email: &EmailAddress,
        verifier: &PkceCodeVerifier,
    ) -> Result<(), Notice> {
        let organization_id = self.organization().await?;
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
                    Some(ErrorType::InvalidEmail) => notices::email_refused_by_stytch(),
                    _ => notices::problem(&e, self.now()),
                })
            }
        }
    }

    /// Sends the link again (same verifier, so either email's link works), after the cooldown.
    pub async fn resend_link(&self) {
        let (email, verifier, ticket) = {
            let mut state = self.lock();
            let Phase::AwaitingLink {
                email,
                verifier,
                sent_at,
            } = &state.phase
            else {
                return;
            };
            if state.in_flight || self.now() < *sent_at + LINK_RESEND_COOLDOWN {
                return;
            }
            let (email, verifier) = (email.clone(), verifier.clone());
            state.notice = None;
            (email, verifier, self.begin(&mut state))
        };
        let sent = self.send_link(&email, &verifier).await;
        let Some(mut state) = self.resume(ticket) else {
            return;
        };
        match sent {
            Ok(()) => {
                let now = self.now();
                if let Phase::AwaitingLink { sent_at, .. } = &mut state.phase {
                    *sent_at = now;
                }
                state.notice = Some(notices::link_resent(email.as_str()));
            }
            Err(notice) => state.notice = Some(notice),
        }
        self.publish(&state);
    }

    /// Back to the email screen, forgetting the sign-in under way (its secrets are dropped).
    /// Answers at once, even while a call is in flight: that call's answer will be dropped.
    pub async fn restart(&self) {
        {
            let mut state = self.lock();
            if matches!(
                state.phase,
                Phase::SignedIn { .. } | Phase::Starting | Phase::Misconfigured { .. }
            ) {
                return;
            }
            state.notice = None;
            state.set_phase(Phase::SignedOut);
            self.publish(&state);
        }
        self.forget_pending_sign_in().await;
    }

    async fn keep_pending_sign_in(&self, pending: &PendingSignIn) {
        if let Err(e) = self.pending.store(pending.encode()).await {
            tracing::warn!("could not keep the waiting sign-in in the keychain: {e}");
        }
    }

    async fn forget_pending_sign_in(&self) {
        if let Err(e) = self.pending.wipe().await {
            tracing::warn!("could not clear the waiting sign-in from the keychain: {e}");
        }
    }

    /// A sign-in waiting for its link from an earlier run, if its link can still work.
    async fn pending_sign_in(&self) -> Option<PendingSignIn> {
        let record = zeroize::Zeroizing::new(self.pending.load().await.ok()??);
        match PendingSignIn::decode(&record, self.now()) {
            Some(pending) => {
                tracing::info!("a sign-in from an earlier run is waiting for its link");
                Some(pending)
            }
            None => {
                self.forget_pending_sign_in().await;
                None
            }
        }
    }

    /// A `gatehouse://auth/callback?...` URL from the OS or pasted by the member.
    pub async fn open_link(&self, raw: &str) {
        let (request, fingerprint, ticket) = {
            let mut state = self.lock();
            let token = match parse_callback(raw, &self.config.scheme) {
                Ok(token) => token,
                Err(rejection) => {
                    tracing::info!("link refused: {rejection}");
                    state.notice = Some(notices::link_rejected(&rejection));
                    return self.publish(&state);
                }
            };
            let fingerprint: [u8; 32] = Sha256::digest(token.expose().as_bytes()).into();
            if state.seen_links.contains(&fingerprint) {
                tracing::info!("link refused: already used");
                state.notice = Some(notices::link_used());
                return self.publish(&state);
            }
            let Phase::AwaitingLink { verifier, .. } = &state.phase else {
                tracing::info!("link refused: no sign-in is waiting for one");
                state.notice = Some(notices::link_not_expected());
                return self.publish(&state);
            };
            if state.in_flight {
                return;
            }
            let request = MagicLinksAuthenticateRequest::new(
                token,
                Some(verifier.clone()),
                Some(self.config.session_minutes),
            );
            state.seen_links.insert(fingerprint);
            state.notice = None;
            (request, fingerprint, self.begin(&mut state))
        };
        let answer = self.client.magic_links_authenticate(&request).await;
        if answer.is_ok() {
            self.forget_pending_sign_in().await;
        }
        let response = match answer {
            Ok(response) => response,
            Err(e) => {
                tracing::warn!("magic link refused by Stytch: {e}");
                let Some(mut state) = self.resume(ticket) else {
                    return;
                };
                let notice = notices::link_refused_by_stytch(&e, self.now());
                state.notice = Some(if e.is_before_send() || e.is_retryable() {
                    state.seen_links.remove(&fingerprint);
                    state.link_to_retry = Some(zeroize::Zeroizing::new(raw.to_owned()));
                    notice.with_action(Action::Retry)
                } else {
                    notice
                });
                return self.publish(&state);
            }
        };
        self.after_primary(ticket, response).await;
    }

    /// The link worked: a session already, or the second factor the member needs next.
    async fn after_primary(&self, ticket: Ticket, response: MagicLinksAuthenticateResponse) {
        // Stytch's answer must be for the sign-in that is waiting: the same email (in any case)
        // in the same organization. Anything else is a link someone else requested.
        let forged = {
            let state = self.lock();
            match &state.phase {
                Phase::AwaitingLink { email, .. } => {
                    !email
                        .as_str()
                        .eq_ignore_ascii_case(&response.member.email_address)
                        || state
                            .organization
                            .as_ref()
                            .is_some_and(|o| o.id != response.organization_id)
                }
                _ => false,
            }
        };
        if forged {
            tracing::warn!("a magic link for another member or organization was refused");
            if let Some(token) = response.session_token.clone() {
                self.drop_minted(token).await;
            }
            self.apply(ticket, |state| state.notice = Some(notices::link_forged()));
            return;
        }
        if let (true, Some(token), Some(session)) = (
            response.member_authenticated,
            response.session_token.clone(),
            response.member_session.clone(),
        ) {
            tracing::info!("signed in with the email link alone (no MFA required)");
            let resumed = self.resume(ticket).map(|mut state| {
                learn_organization(&mut state, &response.organization);
                state.ticket()
            });
            let Some(ticket) = resumed else {
                return self.drop_minted(token).await;
            };
            let minted = Minted {
                email: response.member.email_address.clone(),
                token,
                session,
                jwt: response.session_jwt.clone(),
                totp: response.member.totp_registration_id.is_some(),
                hold: None,
            };
            return self.keep_session(ticket, minted).await;
        }
        // Decided under the lock; the SMS send (a call) happens after the guard is gone.
        let send_now = {
            let Some(mut state) = self.resume(ticket) else {
                return;
            };
            learn_organization(&mut state, &response.organization);
            let Phase::AwaitingLink { email, .. } = &state.phase else {
                return;
            };
            let email = email.clone();
            let (Some(mfa_required), Some(ist)) = (
                &response.mfa_required,
                response.intermediate_session_token.clone(),
            ) else {
                state.notice = Some(match &response.primary_required {
                    Some(_) => notices::primary_required(),
                    None => notices::unexpected_answer(),
                });
                state.set_phase(Phase::SignedOut);
                return self.publish(&state);
            };
            let phone_on_file = mfa_required
                .member_options
                .as_ref()
                .and_then(|o| o.mfa_phone_number.clone())
                .or_else(|| {
                    response
                        .member
                        .mfa_phone_number
                        .clone()
                        .filter(|p| !p.is_empty())
                });
            let allowed = Allowed::of(&response.organization);
            let factors = factors_of(
                mfa_required.member_options.as_ref(),
                phone_on_file.is_some(),
                allowed,
            );
            let now = self.now();
            let auto_sent = matches!(
                mfa_required.secondary_auth_initiated,
                Some(SecondaryAuthInitiated::SmsOtp)
            );
            let mut mfa = Mfa {
                email,
                organization_id: response.organization_id.clone(),
                member_id: response.member_id.clone(),
                ist,
                ist_expires_at: now + INTERMEDIATE_SESSION_LIFETIME,
                enrolments: allowed.enrolments(),
                masked_phone: phone_on_file.as_deref().map(mask_phone),
                sms_sent_at: auto_sent.then_some(now),
                factors,
            };
            // The member's default factor first: an authenticator app when that is their
            // default (or their only factor), else SMS. Stytch may have sent the SMS already.
            let totp_first = mfa.factors.contains(&FactorKind::Totp)
                && (response.member.default_mfa_method == Some(MfaMethod::Totp)
                    || !mfa.factors.contains(&FactorKind::Sms));
            let (step, then) = if auto_sent {
                tracing::info!("MFA required; Stytch already sent the SMS code");
                // Stytch sent it: the phone exists, whatever the options said.
                if !mfa.factors.contains(&FactorKind::Sms) {
                    mfa.factors.insert(0, FactorKind::Sms);
                }
                (self.sms_step(&mfa, now), Next::Nothing)
            } else if totp_first {
                tracing::info!("MFA required; the member's authenticator app");
                (Step::Totp, Next::Nothing)
            } else if mfa.factors.contains(&FactorKind::Sms) {
                tracing::info!("MFA required; sending the SMS code");
                (self.sms_step(&mfa, now), Next::SendSms)
            } else {
                match mfa.enrolments.as_slice() {
                    [FactorKind::Sms] => {
                        tracing::info!("MFA required; the member has no factor yet: a phone");
                        (Step::EnrollPhone, Next::Nothing)
                    }
                    [FactorKind::Totp] => {
                        tracing::info!("MFA required; the member has no factor yet: an app");
                        (Step::Choose, Next::CreateTotp)
                    }
                    [] => {
                        state.notice = Some(notices::no_factor_allowed());
                        state.set_phase(Phase::SignedOut);
                        return self.publish(&state);
                    }
                    _ => {
                        tracing::info!("MFA required; the member has no factor yet: choosing");
                        (Step::Choose, Next::Nothing)
                    }
                }
            };
            state.set_phase(Phase::SecondFactor { mfa, step });
            if matches!(then, Next::Nothing) {
                self.publish(&state);
            }
            then
        };
        match send_now {
            Next::SendSms => self.send_code(None, SendReason::AfterLink).await,
            Next::CreateTotp => self.create_totp().await,
            Next::Nothing => {}
        }
    }

    /// The SMS code step for the phone on file.
    fn sms_step(&self, mfa: &Mfa, sent_at: OffsetDateTime) -> Step {
        Step::Sms {
            masked_phone: mfa.masked_phone.clone().unwrap_or_else(|| mask_phone("")),
            phone: None,
            sent_at,
        }
    }

    /// A session the person no longer wants (they moved on while it was minted): revoke it.
    pub(crate) async fn drop_minted(&self, token: SessionToken) {
        if let Err(e) = self.client.sessions_revoke(&token).await {
            tracing::warn!("could not revoke a session minted after the person moved on: {e}");
            self.queue_revocation(token).await;
        }
    }

    /// The IST is older than Stytch keeps it: back to the email screen, saying why. Checked
    /// with the machine's own clock before a call that needs it.
    pub(crate) fn ist_expired(&self, state: &mut State) -> bool {
        let Phase::SecondFactor { mfa, .. } = &state.phase else {
            return false;
        };
        if self.now() < mfa.ist_expires_at {
            return false;
        }
        let email = mfa.email.clone();
        sign_in_timed_out(state, email);
        true
    }

    /// Sends an SMS code (to the number the member entered in an `EnrollPhone` step, or to the
    /// one on file) and moves to the code screen. A failed send leaves the member where they
    /// were, with what they typed.
    pub(crate) async fn send_code(&self, new_phone: Option<E164>, why: SendReason) {
        let (request, ticket) = {
            let mut state = self.lock();
            if state.in_flight || self.ist_expired(&mut state) {
                return self.publish(&state);
            }
            let Phase::SecondFactor { mfa, step } = &state.phase else {
                return;
            };
            let phone = match (step, &new_phone) {
                (Step::EnrollPhone, Some(p)) => Some(p.clone()),
                (Step::Sms { phone, .. }, None) => phone.clone(),
                _ => return,
            };
            let request = SmsSendRequest::new(
                mfa.organization_id.clone(),
                mfa.member_id.clone(),
                phone,
                Some(mfa.ist.clone()),
            );
            state.notice = None;
            (request, self.begin(&mut state))
        };
        let answer = self.client.otps_sms_send(&request).await;
        let Some(mut state) = self.resume(ticket) else {
            return;
        };
        let now = self.now();
        match answer {
            Ok(_) => {
                tracing::info!("SMS code sent");
                if let Phase::SecondFactor { step, mfa } = &mut state.phase {
                    mfa.sms_sent_at = Some(now);
                    *step = match (&*step, new_phone) {
                        (Step::EnrollPhone, Some(phone)) => Step::Sms {
                            masked_phone: mask_phone(phone.as_str()),
                            phone: Some(phone),
                            sent_at: now,
                        },
                        (
                            Step::Sms {
                                masked_phone,
                                phone,
                                ..
                            },
                            _,
                        ) => Step::Sms {
                            masked_phone: masked_phone.clone(),
                            phone: phone.clone(),
                            sent_at: now,
                        },
                        (other, _) => other.clone(),
                    };
                }
                if why == SendReason::Resend {
                    state.notice = Some(notices::code_resent());
                }
            }
            Err(e) => {
                tracing::warn!("otps/sms/send failed: {e}");
                if e.error_type() == Some(&ErrorType::IntermediateSessionNotFound) {
                    if let Phase::SecondFactor { mfa, .. } = &state.phase {
                        let email = mfa.email.clone();
                        sign_in_timed_out(&mut state, email);
                    }
                } else {
                    let notice = notices::send_refused(&e, now);
                    if let (Some(phone), true) = (&new_phone, refuses_the_number(&e)) {
                        state.remember_refusal("phone", phone.as_str(), &notice);
                    }
                    // Right after the link the code screen shows with no code yet: offer Resend.
                    state.notice = Some(if why == SendReason::AfterLink {
                        notice.with_action(Action::ResendCode)
                    } else {
                        notice
                    });
                }
            }
        }
        self.publish(&state);
    }

    /// A member without a phone entered one (E.164 from the UI; checked again here).
    pub async fn enroll_phone(&self, phone: String) {
        let phone = {
            let mut state = self.lock();
            let enrolling = matches!(
                state.phase,
                Phase::SecondFactor {
                    step: Step::EnrollPhone,
                    ..
                }
            );
            if !enrolling || state.in_flight {
                return;
            }
            match E164::parse(&phone) {
                Ok(phone) if state.refused_again("phone", phone.as_str()) => {
                    tracing::info!("the same number again, just refused: not sent");
                    return self.publish(&state);
                }
                Ok(phone) => phone,
                Err(e) => {
                    state.notice = Some(notices::invalid_phone(e));
                    return self.publish(&state);
                }
            }
        };
        self.send_code(Some(phone), SendReason::Enrolment).await;
    }

    /// A new code; the old one stops working.
    pub async fn resend_code(&self) {
        self.send_code(None, SendReason::Resend).await;
    }

    /// The member typed (or pasted) a code on the SMS or authenticator screen; `factor` is the
    /// screen's. A code typed for one factor is never sent to the other: after a switch in between
    /// it would be refused there and count toward the member's lock.
    pub async fn submit_code(&self, factor: FactorKind, code: String) {
        let screen = match &self.lock().phase {
            Phase::SecondFactor { step, .. } => step.kind(),
            _ => None,
        };
        if screen != Some(factor) {
            tracing::info!(
                ?factor,
                ?screen,
                "a code typed for another screen: not sent"
            );
            return;
        }
        if factor == FactorKind::Totp {
            return self.submit_totp(code).await;
        }
        let (request, email, typed, ticket) = {
            let mut state = self.lock();
            let Phase::SecondFactor {
                step: Step::Sms { sent_at, .. },
                ..
            } = &state.phase
            else {
                return;
            };
            let sent_at = *sent_at;
            let Some((code, typed)) = self.typed_code(
                &mut state,
                "code",
                &code,
                SmsCode::parse,
                notices::invalid_code,
            ) else {
                return;
            };
            if self.now() >= sent_at + SMS_CODE_LIFETIME {
                state.notice = Some(notices::code_expired());
                return self.publish(&state);
            }
            let Phase::SecondFactor { mfa, .. } = &state.phase else {
                return;
            };
            let request = SmsAuthenticateRequest::new(
                mfa.organization_id.clone(),
                mfa.member_id.clone(),
                code,
                mfa.ist.clone(),
                Some(self.config.session_minutes),
            );
            let email = mfa.email.clone();
            state.notice = None;
            (request, email, typed, self.begin(&mut state))
        };
        let answer = self.client.otps_sms_authenticate(&request).await;
        match answer {
            Ok(response) => match (response.session_token, response.member_session) {
                (Some(token), Some(session)) => {
                    tracing::info!("SMS code accepted");
                    let minted = Minted {
                        totp: response.member.totp_registration_id.is_some(),
                        email: response.member.email_address,
                        token,
                        session,
                        jwt: response.session_jwt,
                        hold: None,
                    };
                    self.keep_session(ticket, minted).await;
                }
                (token, _) => self.no_session(ticket, token).await,
            },
            Err(e) => {
                tracing::info!("SMS code refused: {e}");
                let Some(mut state) = self.resume(ticket) else {
                    return;
                };
                match e.error_type() {
                    Some(ErrorType::IntermediateSessionNotFound) => {
                        sign_in_timed_out(&mut state, email)
                    }
                    Some(ErrorType::OtpCodeNotFound | ErrorType::InvalidCode) => {
                        let notice = notices::wrong_code();
                        state.remember_refusal("code", &typed, &notice);
                        state.notice = Some(notice);
                    }
                    Some(ErrorType::UnableToAuthOtpCode) => {
                        state.notice = Some(notices::code_expired())
                    }
                    _ => state.notice = Some(notices::problem(&e, self.now())),
                }
                self.publish(&state);
            }
        }
    }

    /// The checks every typed code (SMS, authenticator, recovery) passes under the lock before it
    /// is sent: no call in flight, not the value Stytch just refused (`form` names the field), well
    /// formed, the IST still alive. `None`: not to be sent — the view already says why, if
    /// anything needs saying.
    pub(crate) fn typed_code<T, E>(
        &self,
        state: &mut State,
        form: &str,
        code: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
        invalid: impl FnOnce() -> Notice,
    ) -> Option<(T, String)> {
        if state.in_flight {
            return None;
        }
        let typed = code.trim().to_owned();
        if state.refused_again(form, &typed) {
            tracing::info!("the same value again, just refused: not sent");
            self.publish(state);
            return None;
        }
        let Ok(parsed) = parse(&typed) else {
            state.notice = Some(invalid());
            self.publish(state);
            return None;
        };
        if self.ist_expired(state) {
            self.publish(state);
            return None;
        }
        Some((parsed, typed))
    }

    /// A full session: keep it in the keychain at once; a failing keychain does not block.
    pub(crate) async fn keep_session(&self, ticket: Ticket, minted: Minted) {
        if self.lock().epoch != ticket.0 {
            return self.drop_minted(minted.token).await;
        }
        let stored = self.vault.store(minted.token.expose().to_owned()).await;
        let remembered = stored.is_ok();
        let applied = self.apply(ticket, |state| {
            state.notice = match &stored {
                Ok(()) => None,
                Err(e) => {
                    tracing::warn!("keychain write failed: {e}");
                    Some(notices::not_remembered(e))
                }
            };
            state.last_email = Some(minted.email.clone());
            state.set_phase(Phase::SignedIn {
                email: minted.email.clone(),
                token: minted.token.clone(),
                session: minted.session.clone(),
                remembered,
                jwt: minted.jwt.clone(),
                totp: minted.totp,
                hold: minted.hold.clone(),
            });
        });
        if !applied {
            if remembered {
                self.wipe_vault().await;
            }
            self.drop_minted(minted.token).await;
        }
    }

    /// Revoke at Stytch and wipe the keychain; when Stytch can't be reached, revoke later.
    /// The window is signed out at once, whatever else is in flight.
    pub async fn sign_out(&self) {
        let offline_at_launch = matches!(self.lock().phase, Phase::Starting);
        if offline_at_launch {
            return self.sign_out_unchecked().await;
        }
        let (token, ticket) = {
            let mut state = self.lock();
            let Phase::SignedIn { token, .. } = &state.phase else {
                return;
            };
            let token = token.clone();
            state.notice = None;
            state.set_phase(Phase::SignedOut);
            let ticket = state.ticket();
            self.publish(&state);
            (token, ticket)
        };
        let wiped = self.vault.wipe().await;
        let revoked = self.client.sessions_revoke(&token).await;
        let mut notice = match revoked {
            Ok(_) => None,
            Err(e) if e.error_type() == Some(&ErrorType::SessionNotFound) => None,
            Err(e) => {
                tracing::warn!("revoke failed, will retry: {e}");
                self.queue_revocation(token).await;
                Some(notices::revoke_pending())
            }
        };
        if let Err(e) = wiped {
            tracing::warn!("keychain wipe failed at sign-out: {e}");
            notice = Some(notices::keychain_wipe_failed(&e));
        }
        tracing::info!("signed out");
        if let Some(mut state) = self.resume(ticket) {
            // A notice set meanwhile (recovery codes renewed as the member signed out) stays.
            state.notice = notice.or(state.notice.take());
            self.publish(&state);
        }
    }

    /// Sign-out while the launch could not check the saved session (Stytch unreachable): the
    /// keychain forgets it at once and the revoke waits for Stytch, in the keychain.
    async fn sign_out_unchecked(&self) {
        let stored = self.vault.load().await;
        let wiped = self.vault.wipe().await;
        if let Ok(Some(token)) = stored {
            self.queue_revocation(SessionToken::new(token)).await;
        }
        let mut state = self.lock();
        if !matches!(state.phase, Phase::Starting) {
            return;
        }
        state.notice = Some(match wiped {
            Ok(()) => notices::revoke_pending(),
            Err(e) => notices::keychain_wipe_failed(&e),
        });
        state.set_phase(Phase::SignedOut);
        self.publish(&state);
    }

    /// Remembers a session to revoke, in memory and in the keychain.
    pub(crate) async fn queue_revocation(&self, token: SessionToken) {
        let record = {
            let mut state = self.lock();
            if !state
                .pending_revocations
                .iter()
                .any(|t| t.expose() == token.expose())
            {
                state.pending_revocations.push(token);
            }
            revocations_record(&state.pending_revocations)
        };
        self.save_revocations(record).await;
    }

    /// Writes the list of sessions to revoke (or wipes it when empty).
    pub(crate) async fn save_revocations(&self, record: Option<String>) {
        let saved = match record {
            Some(record) => self.revocations.store(record).await,
            None => self.revocations.wipe().await,
        };
        if let Err(e) = saved {
            tracing::warn!("could not keep the sessions to revoke in the keychain: {e}");
        }
    }

    async fn load_revocations(&self) {
        let Ok(Some(record)) = self.revocations.load().await else {
            return;
        };
        let record = zeroize::Zeroizing::new(record);
        let mut state = self.lock();
        for token in record.lines().filter(|l| !l.trim().is_empty()) {
            if !state
                .pending_revocations
                .iter()
                .any(|t| t.expose() == token)
            {
                state.pending_revocations.push(SessionToken::new(token));
            }
        }
        if !state.pending_revocations.is_empty() {
            tracing::info!("sessions signed out offline are still to be revoked");
        }
    }

    pub(crate) async fn wipe_vault(&self) {
        if let Err(e) = self.vault.wipe().await {
            tracing::warn!("keychain wipe failed: {e}");
        }
    }
}

/// The Stytch client `config` asks for: its API family's credentials, its API base.
pub(crate) fn stytch_client(config: &Config, app: AppInfo) -> Result<Client, StytchError> {
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
    Client::new(client_config)
}

/// The keychain record of sessions to revoke: one token a line; `None` when there are none.
pub(crate) fn revocations_record(tokens: &[SessionToken]) -> Option<String> {
    (!tokens.is_empty()).then(|| {
        tokens
            .iter()
            .map(|t| t.expose())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Stytch refused the number itself (not the moment): sending it again would be refused again.
fn refuses_the_number(e: &StytchError) -> bool {
    matches!(
        e.error_type(),
        Some(ErrorType::InvalidPhoneNumber | ErrorType::InvalidPhoneNumberCountryCode)
    )
}

fn fingerprint(form: &str, value: &str) -> [u8; 32] {
    Sha256::new()
        .chain_update(form.as_bytes())
        .chain_update([0])
        .chain_update(value.trim().as_bytes())
        .finalize()
        .into()
}

pub(crate) fn sign_in_timed_out(state: &mut State, email: EmailAddress) {
    tracing::info!("the intermediate session expired");
    state.last_email = Some(email.as_str().to_owned());
    state.notice = Some(notices::sign_in_timed_out());
    state.set_phase(Phase::SignedOut);
}

/// Stytch named the organization (magic-link answer, restored session): remember its name.
pub(crate) fn learn_organization(state: &mut State, organization: &stytch_b2b::Organization) {
    let name = Some(organization.organization_name.clone()).filter(|n| !n.is_empty());
    match &mut state.organization {
        Some(known) if known.id == organization.organization_id => {
            if name.is_some() {
                known.name = name;
            }
        }
        _ => {
            state.organization = Some(Organization {
                id: organization.organization_id.clone(),
                name,
            })
        }
    }
}

fn factor_view(factor: &stytch_b2b::AuthenticationFactor) -> FactorView {
    let (kind, label) = if let Some(email) = &factor.email_factor {
        ("email", format!("Email link to {}", email.email_address))
    } else if let Some(phone) = &factor.phone_number_factor {
        (
            "sms",
            format!("SMS code to {}", mask_phone(&phone.phone_number)),
        )
    } else if factor.factor_type == stytch_b2b::FactorType::Totp {
        ("totp", "Authenticator app".to_owned())
    } else if factor.factor_type == stytch_b2b::FactorType::RecoveryCodes {
        ("recovery_code", "Recovery code".to_owned())
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
