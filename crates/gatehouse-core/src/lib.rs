//! Gatehouse's sign-in core: one state machine that is the truth about where the member is in
//! Stytch's email-link → second-factor flow. It owns every secret, talks to Stytch through
//! `stytch_b2b`, keeps the session in a [`Vault`], and reports a secret-free [`View`] to an
//! observer after every change. It depends on no Tauri crate (CI checks `cargo tree`), reads
//! neither the wall clock ([`Clock`]) nor the environment (a [`Config`] value), so every path
//! runs in a test without a display.
//!
//! | module | holds |
//! |---|---|
//! | [`machine`] | the phases and the intents (`start_sign_in`, `open_link`, `submit_code`, …) |
//! | [`refresh`] | the background session check and pending revocations |
//! | [`factor`] | second factors as data: which is under way, which others the member has |
//! | [`second_factor`] | choosing and switching factors, the authenticator app, recovery codes |
//! | [`notices`] | every message a person sees, and its [`NoticeCode`] |
//! | [`view`] | what the webview receives ([`View`]) and command errors ([`CommandError`]) |
//! | [`config`] | the layered configuration IT installs, loaded from [`config::Sources`] |
//! | [`link`] | which callback URLs are magic links worth sending to Stytch |
//! | [`pending`] | the record of a sign-in waiting for its link |
//! | [`doctor`] | `gatehouse doctor`'s checks of the configuration, Stytch and the clock |
//! | [`token`] | `gatehouse token`: a session JWT for scripts, from the kept session |
//! | [`jwt_sink`], [`workspace`] | the session JWT for the workspace's cookie; a workspace that failed to load |
//!
//! # Adding a second factor (say, an authenticator app)
//!
//! 1. `factor.rs`: add the [`FactorKind`] (it already names `Totp` and `RecoveryCode`), a
//!    `Step` variant holding what the step needs (e.g. `Totp { registration_id }`), its
//!    `Step::kind`, the line in `factors_of` that reads it from Stytch's `member_options`, and
//!    list it in [`factor::SUPPORTED`].
//! 2. `machine.rs`: render the step (`Screen::EnterCode { factor: Totp, .. }` needs no new
//!    screen), and add the intent that authenticates it — a copy of `submit_code`'s three
//!    phases (check and build under the lock, call, apply if the ticket still holds) calling
//!    the client's endpoint; a `switch_factor(kind)` intent moves between steps.
//! 3. `notices.rs`: the factor's error words. The UI's types follow by regeneration.
//!
//! The rest — tickets, the IST's expiry, keeping the session, sign-out — is shared.

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
pub mod stytch_facts;
pub mod token;
pub mod vault;
pub mod view;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{Config, ConfigError, Sources, StytchAuth};
pub use factor::FactorKind;
pub use jwt_sink::{JwtEvent, JwtObserver};
pub use machine::{Parts, SignIn, Vaults};
pub use notices::NoticeCode;
pub use vault::Vault;
pub use view::{CommandError, View};
