//! Gatehouse's sign-in core: one state machine that is the truth about where the member is in
//! Stytch's email-link → second-factor flow. It owns every secret, talks to Stytch through
//! `stytch_b2b`, keeps the session in a [`Vault`], and reports a secret-free [`View`] to an
//! observer after every change. It depends on no Tauri crate (CI checks `cargo tree`), reads
//! neither the wall clock ([`Clock`]) nor the environment (a [`Config`] value), so every path
//! runs in a test without a display.
//!
//! | module | holds |
//! |---|---|
//! | [`machine`] | the state machine, a file a phase (launch, email link, first factor, SMS, authenticator, recovery codes, session, refresh, workspace): see its table |
//! | [`factor`] | second factors as data: which is under way, which others the member has |
//! | [`stytch_facts`] | Stytch's lifetimes and limits the core relies on, each with its source |
//! | [`notices`] | every message a person sees, and its [`NoticeCode`] |
//! | [`view`] | what the webview receives ([`View`]) and command errors ([`CommandError`]) |
//! | [`intents`] | what the webview may ask (the commands and their arguments) |
//! | [`config`] | the layered configuration IT installs: its layers, and a function a key |
//! | [`link`] | which callback URLs are magic links worth sending to Stytch |
//! | [`pending`] | the record of a sign-in waiting for its link |
//! | [`vault`] | where secrets outlive the process (the shell puts the OS keychain behind it) |
//! | [`doctor`] | `gatehouse doctor`'s checks of the configuration, Stytch and the clock |
//! | [`token`] | `gatehouse token`: a session JWT for scripts, from the kept session |
//! | [`jwt_sink`] | the session JWT for the workspace's cookie, in order |
//!
//! # Adding a second factor (say, a passkey)
//!
//! 1. `factor.rs`: the [`FactorKind`], a `Step` variant holding what the step needs, its
//!    `Step::kind`, the line in `factors_of` that reads it from Stytch's `member_options`, and
//!    list it in [`factor::SUPPORTED`]; `machine/first_factor.rs` puts it first when it is the
//!    member's default (a row in its table test).
//! 2. `machine/<factor>.rs`: its submit intent, in the protocol of `machine`'s docs. Under the
//!    lock, `typed_code` does the common checks; call the client; then `code_accepted` with
//!    `NewSession::from_answer` (it keeps the session, or revokes a token minted without one) or
//!    `code_refused` with the factor's `Refusal` words — an IST Stytch forgot is
//!    handled there for every factor. `switch_factor` in `machine/second_factor.rs` learns the
//!    step to switch to.
//! 3. `machine/render.rs`: the step's screen (`Screen::EnterCode` fits a code); `notices.rs`:
//!    its error words; the UI's types follow by regeneration (`cargo test -p gatehouse-core`).

pub mod clock;
pub mod config;
pub mod doctor;
pub mod factor;
pub mod intents;
pub mod jwt_sink;
pub mod link;
pub mod machine;
pub mod notices;
pub mod pending;
pub mod stytch_dashboard;
pub mod stytch_facts;
pub mod token;
pub mod vault;
pub mod view;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{Config, ConfigError, Sources, StytchAuth};
pub use factor::FactorKind;
/// The message catalog, for the shell and tests: the same one the core says its notices in.
pub use gatehouse_i18n as i18n;
pub use jwt_sink::{JwtEvent, JwtObserver};
pub use machine::{Machine, Parts, Vaults};
pub use notices::NoticeCode;
pub use vault::Vault;
pub use view::{CommandError, View};
