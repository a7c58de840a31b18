//! Gatehouse's configuration, as IT installs it: built-in defaults, then the system file, then
//! the user's file (or GATEHOUSE_CONFIG), then the environment — later wins, unless the system
//! file lists a key under `enforced`. The project secret is taken from STYTCH_SECRET only.
//!
//! `layers.rs` merges the layers and knows where each value came from; `keys.rs` has one function
//! a setting, turning its value into a checked type; [`load`] puts them together.

mod keys;
mod layers;
#[cfg(test)]
mod tests;

pub use layers::{provenance, Provenance, Sources};

use std::path::{Path, PathBuf};

use stytch_b2b::{OrganizationRef, ProjectId, ProjectSecret, PublicToken, SessionMinutes, Url};

use crate::stytch_facts::SESSION_CHECK_INTERVAL;

pub const SYSTEM_FILE: &str = "/etc/gatehouse/config.toml";
/// The development switch (environment only): lets a user file or the environment point Gatehouse
/// at another Stytch host, and shows the development-mode banner.
pub const DEV_SWITCH: &str = "GATEHOUSE_DEVELOPMENT";
pub const DEFAULT_SCHEME: &str = "gatehouse";

/// Whether `scheme` can be Gatehouse's deep-link scheme: at least two characters, lowercase
/// letters first, then letters, digits, `+`, `-` or `.` (RFC 3986), and not a web or file scheme.
pub fn valid_scheme(scheme: &str) -> bool {
    scheme.len() >= 2
        && scheme.starts_with(|c: char| c.is_ascii_lowercase())
        && scheme
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+-.".contains(c))
        && !matches!(scheme, "http" | "https" | "file")
}

/// The email link's redirect URL for `scheme`: `{scheme}://auth/callback`, registered with
/// Stytch for both Login and Sign-up.
pub fn callback_url_for(scheme: &str) -> Url {
    Url::parse(&format!("{scheme}://auth/callback")).expect("a valid scheme")
}

/// The language the configuration asks for, even when it does not load (so that its error is
/// said in it): `[ui] locale` from the layers that can be read — all of them, else IT's file with
/// the environment (a broken user file cannot undo what IT enforces) — else the environment's
/// `GATEHOUSE_LOCALE`, else the desktop session's.
pub fn language(sources: &Sources) -> gatehouse_i18n::Language {
    let without_user_file = Sources {
        user_file: None,
        ..sources.clone()
    };
    for layers in [sources, &without_user_file] {
        if let Ok((merged, _, files_read)) = layers::merge(layers) {
            return keys::Keys {
                merged: &merged,
                sources: layers,
                development: layers.env(DEV_SWITCH) == Some("1"),
                files_read: &files_read,
            }
            .language();
        }
    }
    match sources.env("GATEHOUSE_LOCALE") {
        Some(locale) => gatehouse_i18n::negotiate(&[locale.to_owned()]),
        None => gatehouse_i18n::negotiate(&gatehouse_i18n::from_environment(|name| {
            sources.env(name).map(str::to_owned)
        })),
    }
}

/// Which Stytch API family Gatehouse speaks, with its credentials.
#[derive(Debug, Clone)]
pub enum StytchAuth {
    /// The client SDK API: what ships to employees.
    PublicToken(PublicToken),
    /// The backend API on a project secret from the environment: development and tests only.
    Secret {
        project_id: ProjectId,
        secret: ProjectSecret,
    },
}

#[derive(Debug, Clone)]
pub struct Config {
    pub auth: StytchAuth,
    pub project_id: ProjectId,
    pub api_base: Option<Url>,
    pub organization: OrganizationRef,
    /// The file that set the organization (None: the environment), for errors that name it.
    pub organization_from: Option<PathBuf>,
    pub scheme: String,
    /// The session length asked of Stytch (Stytch's default unless IT says otherwise).
    pub session_minutes: SessionMinutes,
    /// How many wrong codes in a row lock a member: the project's setting, which the client SDK
    /// cannot read, so IT repeats it here (Stytch's default 10 otherwise). Gatehouse warns when
    /// three or fewer attempts are left.
    pub lock_threshold: u32,
    /// The country the phone screen starts on (ISO 3166 alpha-2), from the locale.
    pub default_country: String,
    /// The language everything a person reads is in: `[ui] locale` (IT may enforce it), else
    /// the desktop session's, negotiated against the catalog's languages (English last).
    pub language: gatehouse_i18n::Language,
    /// The development switch was on (see [`DEV_SWITCH`]).
    pub development: bool,
    /// The company's workspace, shown after sign-in with the session JWT as its cookie.
    pub workspace: Option<Workspace>,
    /// How often the session is checked and its JWT renewed: 3 minutes, as Stytch's SDKs do;
    /// `GATEHOUSE_SESSION_CHECK_SECONDS` changes it in development only (tests use it).
    pub session_check: std::time::Duration,
    /// How long a copied setup key or set of recovery codes stays on the clipboard:
    /// [`CLIPBOARD_FORGET`]; `GATEHOUSE_CLIPBOARD_SECONDS` changes it in development only.
    pub clipboard_forget: std::time::Duration,
}

/// A copied setup key or set of recovery codes leaves the clipboard after this long, if the
/// clipboard still holds it (a person pastes it within a minute, or copies something else).
pub const CLIPBOARD_FORGET: std::time::Duration = std::time::Duration::from_secs(60);

/// `[workspace]`: the web app Gatehouse opens after sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    /// The page to open (https, or http to this computer only).
    pub url: Url,
    /// Its name for people; the URL's host when not set.
    pub name: String,
    /// Origins the workspace may navigate to besides its own (same rule as `url`).
    pub allowed_origins: Vec<url::Origin>,
}

impl Workspace {
    /// Whether a navigation to `url` stays in the workspace.
    pub fn allows(&self, url: &Url) -> bool {
        let origin = url.origin();
        origin == self.url.origin() || self.allowed_origins.contains(&origin)
    }
}

impl Config {
    /// True when running on a project secret or with the development switch: the UI shows a
    /// development-mode notice.
    pub fn dev_mode(&self) -> bool {
        self.development || matches!(self.auth, StytchAuth::Secret { .. })
    }

    pub fn callback_url(&self) -> Url {
        callback_url_for(&self.scheme)
    }
}

/// What is wrong with the configuration, and in which file (None: the environment or no file):
/// a sentence of the catalog (`locales/<language>/config.ftl`), said in the person's language by
/// [`ConfigError::message`]; `Display` (logs) says it in English.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub file: Option<PathBuf>,
    pub text: gatehouse_i18n::Text,
}

impl ConfigError {
    pub fn new(file: Option<&Path>, text: gatehouse_i18n::Text) -> Self {
        Self {
            file: file.map(Path::to_path_buf),
            text,
        }
    }

    /// What is wrong, in `catalog`'s language.
    pub fn message(&self, catalog: &gatehouse_i18n::Catalog) -> String {
        catalog.say(&self.text)
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(&gatehouse_i18n::Catalog::english()))
    }
}

impl std::error::Error for ConfigError {}

/// Reads every layer and checks the result; the error names the file at fault.
pub fn load(sources: &Sources) -> Result<Config, ConfigError> {
    let (merged, _, files_read) = layers::merge(sources)?;
    let keys = keys::Keys {
        merged: &merged,
        sources,
        development: sources.env(DEV_SWITCH) == Some("1"),
        files_read: &files_read,
    };
    let project_id = keys.project_id()?;
    let auth = keys.auth(&project_id)?;
    let api_base = keys.api_base()?;
    let (organization, organization_from) = keys.organization()?;
    Ok(Config {
        auth,
        project_id,
        api_base,
        organization,
        organization_from,
        scheme: keys.scheme()?,
        session_minutes: keys.session_minutes()?,
        lock_threshold: keys.lock_threshold()?,
        default_country: keys.default_country(),
        language: keys.language(),
        development: keys.development,
        workspace: keys.workspace()?,
        session_check: keys
            .dev_seconds("GATEHOUSE_SESSION_CHECK_SECONDS", SESSION_CHECK_INTERVAL)?,
        clipboard_forget: keys.dev_seconds("GATEHOUSE_CLIPBOARD_SECONDS", CLIPBOARD_FORGET)?,
    })
}
