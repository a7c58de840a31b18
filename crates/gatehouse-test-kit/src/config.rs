//! The shipped configuration (a public token: the client SDK API) pointed at an emulator, with
//! every other key at its default. Tests change a field with struct update syntax.

use std::path::PathBuf;

use gatehouse_core::config::CLIPBOARD_FORGET;
use gatehouse_core::stytch_facts::SESSION_CHECK_INTERVAL;
use gatehouse_core::{Config, StytchAuth};
use stytch_b2b::{
    AppInfo, OrganizationRef, OrganizationSlug, ProjectId, PublicToken, SessionMinutes, Url,
};
use stytch_emulator::RunningEmulator;

/// Where the tests say the configuration came from.
pub const CONFIG_FILE: &str = "/etc/gatehouse/config.toml";

/// The app the tests' Stytch client says it is (`X-SDK-Client`).
pub fn app() -> AppInfo {
    AppInfo {
        identifier: "com.example.gatehouse".into(),
        version: "0".into(),
    }
}

/// The demo emulator's organization `example-org`, by slug, set in [`CONFIG_FILE`].
pub fn config(emulator: &RunningEmulator) -> Config {
    Config {
        auth: StytchAuth::PublicToken(PublicToken::new(emulator.emulator.public_token())),
        project_id: ProjectId::new(emulator.emulator.project_id()),
        api_base: Some(Url::parse(&emulator.base_url).unwrap()),
        organization: OrganizationRef::Slug(OrganizationSlug::new("example-org")),
        organization_from: Some(PathBuf::from(CONFIG_FILE)),
        scheme: "gatehouse".into(),
        session_minutes: SessionMinutes::DEFAULT,
        lock_threshold: gatehouse_core::stytch_facts::LOCK_THRESHOLD_DEFAULT,
        default_country: "US".into(),
        language: gatehouse_core::i18n::Language::english(),
        development: false,
        workspace: None,
        session_check: SESSION_CHECK_INTERVAL,
        clipboard_forget: CLIPBOARD_FORGET,
    }
}
