//! The project's settings that change at run time (through the Management API, or the control
//! surface for the emulator's own): the B2B SDK configuration, the redirect URLs, the member-lock
//! settings of the environment, and which answer the SDK API gives a dead session. Readers take
//! an `Arc` snapshot (cheap, lock held for a pointer copy); a change swaps in a new snapshot.

use std::sync::Arc;

use parking_lot::RwLock;
use serde::{Deserialize, Serialize};
use time::Duration;

use crate::facts;
use crate::redirect_urls::RedirectUrls;
use crate::sdk_config::{B2BConfig, GATEHOUSE_BUNDLE_ID};
use crate::seed::{SeedError, SeedProject};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub sdk: B2BConfig,
    pub redirect_urls: RedirectUrls,
    pub lock: UserLock,
    pub dead_session_answer: DeadSessionAnswer,
    pub unauthorized_app_answer: UnauthorizedAppAnswer,
    pub captcha_answer: CaptchaAnswer,
    pub http_only_answer: HttpOnlyAnswer,
}

impl Settings {
    /// A project configured for Gatehouse ([`B2BConfig::gatehouse`]), with the seed's bundle ids
    /// and `sdk_enabled`; each seed redirect URL valid for LOGIN and SIGNUP (the first, or the
    /// seed's `default_*_redirect_url`, the default); locks at their defaults.
    pub fn from_seed(p: &SeedProject) -> Result<Settings, SeedError> {
        for url in &p.redirect_urls {
            url::Url::parse(url)
                .map_err(|e| SeedError::Invalid(format!("redirect URL {url:?}: {e}")))?;
        }
        let bundle_ids = p
            .bundle_ids
            .clone()
            .unwrap_or_else(|| vec![GATEHOUSE_BUNDLE_ID.to_string()]);
        let mut sdk = B2BConfig::gatehouse(bundle_ids);
        sdk.basic.enabled = p.sdk_enabled;
        if let Some(problem) = sdk.problem() {
            return Err(SeedError::Invalid(problem));
        }
        Ok(Settings {
            sdk,
            redirect_urls: RedirectUrls::login_and_signup(
                &p.redirect_urls,
                p.default_login_redirect_url.as_deref(),
                p.default_signup_redirect_url.as_deref(),
            ),
            lock: UserLock::default(),
            dead_session_answer: DeadSessionAnswer::default(),
            unauthorized_app_answer: UnauthorizedAppAnswer::default(),
            captcha_answer: CaptchaAnswer::default(),
            http_only_answer: HttpOnlyAnswer::default(),
        })
    }
}

/// The environment's member-lock settings (`user_lock_*`, see [`facts::LOCK_THRESHOLD_DEFAULT`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserLock {
    pub self_serve_enabled: bool,
    pub threshold: u32,
    pub ttl_seconds: u32,
}

impl Default for UserLock {
    fn default() -> Self {
        UserLock {
            self_serve_enabled: false,
            threshold: facts::LOCK_THRESHOLD_DEFAULT,
            ttl_seconds: facts::LOCK_TTL_DEFAULT_SECONDS,
        }
    }
}

impl UserLock {
    pub fn ttl(&self) -> Duration {
        Duration::seconds(i64::from(self.ttl_seconds))
    }
}

/// What the SDK API answers for an unknown, expired or revoked session (not published: see
/// [`facts::DEAD_SESSION_ANSWERS`]). An emulator setting, not Stytch's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadSessionAnswer {
    #[default]
    SessionNotFound,
    UnauthorizedCredentials,
}

/// What the SDK API answers an app whose identifier is not authorized: both types are Stytch's,
/// which one it sends is not settled (see [`facts::UNAUTHORIZED_APP_ANSWERS`]). An emulator
/// setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnauthorizedAppAnswer {
    #[default]
    BadAppBundleForStytchSdk,
    InvalidMobileIdentifier,
}

/// How the SDK API demands a captcha: Stytch's documented JSON error, or the text body
/// stytch-browser's NetworkClient handles (see [`facts::CAPTCHA_ANSWERS`]). An emulator setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptchaAnswer {
    #[default]
    Json,
    Text,
}

/// What HttpOnly cookies Enforced does to an SDK call: tokens left out of the answer (a custom
/// domain), or 401 `cname_required_for_http_only_cookies` (Stytch's default host); see
/// [`facts::HTTP_ONLY_ANSWERS`]. An emulator setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HttpOnlyAnswer {
    #[default]
    OmitTokens,
    CnameRequired,
}

/// The current [`Settings`], swapped whole on each change.
#[derive(Debug)]
pub struct SettingsCell {
    current: RwLock<Arc<Settings>>,
}

impl SettingsCell {
    pub fn new(settings: Settings) -> SettingsCell {
        SettingsCell {
            current: RwLock::new(Arc::new(settings)),
        }
    }

    pub fn get(&self) -> Arc<Settings> {
        self.current.read().clone()
    }

    /// Changes the settings; `change` sees the current ones and may refuse (nothing changes).
    pub fn update<T, E>(&self, change: impl FnOnce(&mut Settings) -> Result<T, E>) -> Result<T, E> {
        let mut current = self.current.write();
        let mut next = Settings::clone(&current);
        let answer = change(&mut next)?;
        *current = Arc::new(next);
        Ok(answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::Seed;

    #[test]
    fn an_older_seed_gets_gatehouses_configuration_and_sdk_enabled_maps_to_basic_enabled() {
        let seed: Seed = serde_json::from_str(
            r#"{"project": {"project_id": "project-test-x", "secret": "s", "public_token": "t",
                "redirect_urls": ["a://b", "c://d"], "default_signup_redirect_url": "c://d",
                "sdk_enabled": false}}"#,
        )
        .unwrap();
        let s = Settings::from_seed(&seed.project).unwrap();
        assert!(!s.sdk.basic.enabled);
        assert_eq!(
            s.sdk.basic.bundle_ids,
            vec![GATEHOUSE_BUNDLE_ID.to_string()]
        );
        assert_eq!(s.redirect_urls.default_for("LOGIN"), Some("a://b"));
        assert_eq!(s.redirect_urls.default_for("SIGNUP"), Some("c://d"));
        assert_eq!(s.lock, UserLock::default());
        assert_eq!(s.dead_session_answer, DeadSessionAnswer::SessionNotFound);
    }

    #[test]
    fn a_seed_names_its_own_bundle_ids() {
        let mut seed = Seed::demo();
        seed.project.bundle_ids = Some(vec!["com.acme.gatehouse".into()]);
        let s = Settings::from_seed(&seed.project).unwrap();
        assert!(s.sdk.allows_bundle("com.acme.gatehouse"));
        assert!(!s.sdk.allows_bundle(GATEHOUSE_BUNDLE_ID));
        seed.project.bundle_ids = Some(vec![String::new()]);
        assert!(Settings::from_seed(&seed.project).is_err());
    }

    #[test]
    fn the_demo_workspace_key_has_stytchs_format() {
        assert!(crate::seed::DEMO_WORKSPACE_KEY_ID.starts_with(facts::WORKSPACE_KEY_ID_PREFIX));
    }
}
