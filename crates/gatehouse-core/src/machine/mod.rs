//! The sign-in state machine: the one truth about where the member is in Stytch's email-link →
//! second-factor flow. Each file is one phase or one shared concern:
//!
//! | file | holds |
//! |---|---|
//! | [`state`] | the phases and what each holds |
//! | `render.rs` | the view of a state, and publishing it |
//! | `launch.rs` | the launch: restore a kept session or a sign-in waiting for its link; Try again |
//! | `organization.rs` | learning the organization's id and name |
//! | `email_link.rs` | sending the email link, and opening it |
//! | [`first_factor`] | which second factor comes first after the link (a pure function) |
//! | `second_factor.rs` | what every code shares: checks before sending, a refusal, switching factor |
//! | `sms.rs`, `totp.rs`, `recovery_codes.rs` | each second factor's own calls |
//! | `new_authenticator.rs` | replacing a lost authenticator app, once signed in |
//! | `session.rs` | keeping a new session, signing out |
//! | `revocations.rs` | sessions to revoke once Stytch can be reached |
//! | `refresh.rs` | the background session check |
//! | `workspace.rs` | the workspace's two intents |
//!
//! Every intent follows one protocol, so that no lock is ever held across a Stytch or keychain
//! call:
//!
//! 1. lock the state, check the intent fits the phase, build the request, then [`begin`]: a call
//!    is in flight, the busy view is published, and a [`Ticket`] (the state's epoch) is returned;
//! 2. make the call, unlocked;
//! 3. [`resume`] with the ticket: the state again *only if the epoch is unchanged* — if the person
//!    cancelled, signed out or restarted meanwhile, the answer is dropped (a minted session is
//!    revoked).
//!
//! A second submission while a call is in flight is ignored: one attempt is one call.
//!
//! [`begin`]: Machine::begin
//! [`resume`]: Machine::resume

mod email_link;
pub(crate) mod first_factor;
mod launch;
mod new_authenticator;
mod organization;
mod recovery_codes;
mod refresh;
mod render;
mod revocations;
mod second_factor;
mod session;
mod sms;
pub(crate) mod state;
mod totp;
mod workspace;

use std::sync::{Arc, Mutex, MutexGuard};

use stytch_b2b::{AppInfo, Client, ClientConfig, Credentials, Error as StytchError};
use time::OffsetDateTime;

use gatehouse_i18n::Catalog;

use crate::clock::Clock;
use crate::config::{Config, StytchAuth};
use crate::jwt_sink::{JwtObserver, JwtSink};
use crate::notices::{self, Asked, Product};
use crate::vault::{self, Vault, KEYCHAIN_LIMIT};
use crate::view::{Notice, View};
use state::{State, Ticket};

pub use launch::SLOW_STEP;
pub use recovery_codes::RECOVERY_CODES_LOW;

/// Where each new view goes (the shell emits it to the local window).
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
    /// Recovery codes shown but not yet confirmed saved: the member's email (no code), so that
    /// the next launch can say so if the window went away first.
    pub unsaved_codes: Arc<dyn Vault>,
}

/// What the machine is given: configuration, storage, time, and where views go.
pub struct Parts {
    pub config: Config,
    pub vaults: Vaults,
    pub app: AppInfo,
    pub clock: Arc<dyn Clock>,
    pub observer: Observer,
}

/// The sign-in state machine: one for the life of the app, through every sign-in, sign-out and
/// restore. The shell holds it in an `Arc` and sends it the webview's intents.
pub struct Machine {
    client: Client,
    config: Config,
    /// What this build and configuration ask of the Stytch project, for refusals' words.
    asked: Asked,
    /// Every sentence the window shows, in the person's language.
    catalog: Catalog,
    clock: Arc<dyn Clock>,
    vault: Arc<dyn Vault>,
    pending: Arc<dyn Vault>,
    revocations: Arc<dyn Vault>,
    unsaved_codes: Arc<dyn Vault>,
    state: Mutex<State>,
    view: Mutex<View>,
    observer: Observer,
    jwt_sink: JwtSink,
}

impl Machine {
    pub fn new(parts: Parts) -> Result<Self, StytchError> {
        let Parts {
            config,
            vaults,
            app,
            clock,
            observer,
        } = parts;
        let asked = Asked::new(&config, &app.identifier);
        let client = stytch_client(&config, app)?;
        let catalog = Catalog::new(config.language.clone());
        let view = View::starting(config.dev_mode(), &catalog);
        Ok(Self {
            client,
            config,
            asked,
            catalog,
            clock,
            vault: vault::bounded(vaults.session, KEYCHAIN_LIMIT),
            pending: vault::bounded(vaults.pending_sign_in, KEYCHAIN_LIMIT),
            revocations: vault::bounded(vaults.revocations, KEYCHAIN_LIMIT),
            unsaved_codes: vault::bounded(vaults.unsaved_codes, KEYCHAIN_LIMIT),
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

    /// The catalog in the person's language (the shell's menu and window title say it too).
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The configuration it runs on.
    pub fn config(&self) -> &Config {
        &self.config
    }

    fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    /// Whether `answer`, to a call that carried the session, says the session is gone (a wrong
    /// public token says the same words: see [`Client::ends_session`]).
    async fn session_ended<T>(&self, answer: &Result<T, StytchError>) -> bool {
        match answer {
            Err(e) => self.client.ends_session(e).await,
            Ok(_) => false,
        }
    }

    /// The words for a failed call needing `product`: a refusal IT fixes in the Stytch project
    /// names what to change ([`notices::project_refusal`]); anything else gets `words`.
    fn refused(
        &self,
        e: &StytchError,
        product: Product,
        words: impl FnOnce(&StytchError, OffsetDateTime) -> Notice,
    ) -> Notice {
        notices::project_refusal(e, product, &self.asked).unwrap_or_else(|| words(e, self.now()))
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts a call: marks it in flight, shows busy, and returns its ticket.
    fn begin(&self, state: &mut State) -> Ticket {
        let ticket = state.ticket();
        self.publish(state);
        ticket
    }

    /// The state again after a call, if the answer still applies (see the module docs).
    fn resume(&self, ticket: Ticket) -> Option<MutexGuard<'_, State>> {
        let mut state = self.lock();
        if !state.holds(ticket) {
            tracing::info!("an answer arrived after the person moved on; dropped");
            return None;
        }
        state.in_flight = false;
        Some(state)
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
