//! A project's B2B SDK configuration, in the Management API's JSON shape
//! (stytchauth/stytch-management-go: pkg/models/sdk/types.go, `B2BConfig`): what the client-SDK
//! API lets callers do. [`B2BConfig::gatehouse`] is the configuration Gatehouse needs.

use serde::{Deserialize, Serialize};

use crate::facts;

/// The whole configuration. Every section is always present in what the emulator answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct B2BConfig {
    pub basic: Basic,
    pub sessions: Sessions,
    pub magic_links: PkceProduct,
    pub oauth: PkceProduct,
    pub totps: Totps,
    pub sso: PkceProduct,
    pub otps: Otps,
    pub dfppa: Dfppa,
    pub passwords: Passwords,
    pub cookies: Cookies,
    pub user_impersonation: Toggle,
}

/// A `PUT …/sdk/b2b` body's `config`: each section given replaces that section whole (see
/// [`facts::SDK_CONFIG_PUT_REPLACES_SECTIONS`]); unknown fields are refused.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct B2BConfigPatch {
    pub basic: Option<Basic>,
    pub sessions: Option<Sessions>,
    pub magic_links: Option<PkceProduct>,
    pub oauth: Option<PkceProduct>,
    pub totps: Option<Totps>,
    pub sso: Option<PkceProduct>,
    pub otps: Option<Otps>,
    pub dfppa: Option<Dfppa>,
    pub passwords: Option<Passwords>,
    pub cookies: Option<Cookies>,
    pub user_impersonation: Option<Toggle>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Basic {
    pub enabled: bool,
    pub allow_self_onboarding: bool,
    pub enable_member_permissions: bool,
    /// Authorized web origins (callers that send `Origin`).
    pub domains: Vec<AuthorizedDomain>,
    /// Authorized app identifiers (callers without `Origin`: `X-SDK-Client`'s `app.identifier`).
    pub bundle_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthorizedDomain {
    pub domain: String,
    pub slug_pattern: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sessions {
    pub max_session_duration_minutes: i64,
}

/// Magic links, OAuth and SSO: a switch and whether PKCE is required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PkceProduct {
    pub enabled: bool,
    pub pkce_required: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Totps {
    pub create_totps: bool,
    pub enabled: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Otps {
    pub sms_enabled: bool,
    pub sms_autofill_metadata: Vec<SmsAutofillMetadata>,
    pub email_enabled: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmsAutofillMetadata {
    /// `domain` or `hash`.
    pub metadata_type: String,
    pub metadata_value: String,
    pub bundle_id: String,
}

/// Device-fingerprinting protected auth.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Dfppa {
    pub enabled: DfppaSetting,
    pub on_challenge: OnChallenge,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DfppaSetting {
    Enabled,
    Passive,
    #[default]
    Disabled,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OnChallenge {
    #[default]
    Allow,
    Block,
    TriggerCaptcha,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Passwords {
    pub enabled: bool,
    pub pkce_required_for_password_resets: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Cookies {
    pub http_only: HttpOnly,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum HttpOnly {
    #[default]
    Disabled,
    Enabled,
    Enforced,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Toggle {
    pub enabled: bool,
}

/// The app identifier Gatehouse's build has (tauri.conf.json `identifier`), the bundle id the
/// default configuration authorizes.
pub const GATEHOUSE_BUNDLE_ID: &str = "com.example.gatehouse";

/// The session cap of the default configuration: a working day and a half (Gatehouse asks for
/// less by default). An emulator choice, like the rest of [`B2BConfig::gatehouse`].
pub const GATEHOUSE_MAX_SESSION_MINUTES: i64 = 720;

impl B2BConfig {
    /// A project configured for Gatehouse, as its README tells IT: the SDK on, the app's
    /// identifier authorized (no web domains), email magic links with PKCE, SMS OTP, TOTP with
    /// creation, a 12-hour session cap, HttpOnly cookies not enforced, fingerprinting off, and
    /// every other product off.
    pub fn gatehouse(bundle_ids: Vec<String>) -> B2BConfig {
        B2BConfig {
            basic: Basic {
                enabled: true,
                bundle_ids,
                ..Basic::default()
            },
            sessions: Sessions {
                max_session_duration_minutes: GATEHOUSE_MAX_SESSION_MINUTES,
            },
            magic_links: PkceProduct {
                enabled: true,
                pkce_required: true,
            },
            oauth: PkceProduct::default(),
            totps: Totps {
                create_totps: true,
                enabled: true,
            },
            sso: PkceProduct::default(),
            otps: Otps {
                sms_enabled: true,
                ..Otps::default()
            },
            dfppa: Dfppa::default(),
            passwords: Passwords::default(),
            cookies: Cookies::default(),
            user_impersonation: Toggle::default(),
        }
    }

    /// Each section the patch gives replaces this one's, whole.
    pub fn apply(&mut self, patch: B2BConfigPatch) {
        fn put<T>(into: &mut T, section: Option<T>) {
            if let Some(section) = section {
                *into = section;
            }
        }
        put(&mut self.basic, patch.basic);
        put(&mut self.sessions, patch.sessions);
        put(&mut self.magic_links, patch.magic_links);
        put(&mut self.oauth, patch.oauth);
        put(&mut self.totps, patch.totps);
        put(&mut self.sso, patch.sso);
        put(&mut self.otps, patch.otps);
        put(&mut self.dfppa, patch.dfppa);
        put(&mut self.passwords, patch.passwords);
        put(&mut self.cookies, patch.cookies);
        put(&mut self.user_impersonation, patch.user_impersonation);
    }

    /// Why this configuration cannot be stored, if it cannot: a session cap outside Stytch's
    /// session bounds (**inferred**: the same bounds as `session_duration_minutes`), an empty
    /// bundle id or domain, or an autofill metadata type other than `domain` and `hash`
    /// (stytch-management-go: SMSAutofillMetadataMetadataTypes).
    pub fn problem(&self) -> Option<String> {
        let cap = self.sessions.max_session_duration_minutes;
        if !(facts::SESSION_MIN_MINUTES..=facts::SESSION_MAX_MINUTES).contains(&cap) {
            return Some(format!(
                "sessions.max_session_duration_minutes must be between {} and {}.",
                facts::SESSION_MIN_MINUTES,
                facts::SESSION_MAX_MINUTES
            ));
        }
        if self.basic.bundle_ids.iter().any(|b| b.trim().is_empty()) {
            return Some("basic.bundle_ids must not contain an empty string.".into());
        }
        if self
            .basic
            .domains
            .iter()
            .any(|d| d.domain.trim().is_empty())
        {
            return Some("basic.domains[].domain must not be empty.".into());
        }
        let types = ["domain", "hash"];
        if self
            .otps
            .sms_autofill_metadata
            .iter()
            .any(|m| !types.contains(&m.metadata_type.as_str()))
        {
            return Some(
                "otps.sms_autofill_metadata[].metadata_type must be domain or hash.".into(),
            );
        }
        None
    }

    /// Whether `origin` (an `Origin` header) is one of the authorized domains: same origin
    /// (scheme, host, port); a domain written without a scheme matches any scheme on its host
    /// and port (**inferred**).
    pub fn allows_origin(&self, origin: &str) -> bool {
        let Some(origin) = Origin::parse(origin) else {
            return false;
        };
        self.basic.domains.iter().any(|d| {
            if d.domain.contains("://") {
                Origin::parse(&d.domain).is_some_and(|o| o == origin)
            } else {
                Origin::parse(&format!("{}://{}", origin.scheme, d.domain))
                    .is_some_and(|o| o == origin)
            }
        })
    }

    pub fn allows_bundle(&self, identifier: &str) -> bool {
        self.basic.bundle_ids.iter().any(|b| b == identifier)
    }

    /// Whether a call that names no `captcha_token` on a fingerprint-protected route is refused.
    pub fn demands_captcha(&self) -> bool {
        self.dfppa.enabled == DfppaSetting::Enabled
            && matches!(
                self.dfppa.on_challenge,
                OnChallenge::TriggerCaptcha | OnChallenge::Block
            )
    }
}

/// An origin: scheme, host, port (the scheme's default when absent).
#[derive(Debug, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: Option<u16>,
}

impl Origin {
    fn parse(text: &str) -> Option<Origin> {
        let url = url::Url::parse(text.trim()).ok()?;
        Some(Origin {
            scheme: url.scheme().to_string(),
            host: url.host_str()?.to_ascii_lowercase(),
            port: url.port_or_known_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_domains(domains: &[&str]) -> B2BConfig {
        let mut c = B2BConfig::gatehouse(vec![]);
        c.basic.domains = domains
            .iter()
            .map(|d| AuthorizedDomain {
                domain: d.to_string(),
                slug_pattern: String::new(),
            })
            .collect();
        c
    }

    #[test]
    fn origins_match_by_scheme_host_and_port() {
        let c = with_domains(&["http://localhost:3000", "app.example.com"]);
        assert!(c.allows_origin("http://localhost:3000"));
        assert!(!c.allows_origin("http://localhost:3001"));
        assert!(!c.allows_origin("https://localhost:3000"));
        assert!(c.allows_origin("https://app.example.com"));
        assert!(!c.allows_origin("https://evil.example.com"));
        assert!(!c.allows_origin("null"));
    }

    #[test]
    fn a_patch_replaces_the_sections_it_gives_whole() {
        let mut c = B2BConfig::gatehouse(vec!["a".into()]);
        let patch: B2BConfigPatch =
            serde_json::from_value(serde_json::json!({"magic_links": {"enabled": false}})).unwrap();
        c.apply(patch);
        assert!(!c.magic_links.enabled);
        assert!(
            !c.magic_links.pkce_required,
            "the section is replaced whole"
        );
        assert_eq!(c.basic.bundle_ids, vec!["a".to_string()], "others stay");
    }

    #[test]
    fn unknown_fields_and_values_are_refused() {
        let typo = serde_json::json!({"magic_links": {"enabeld": true}});
        assert!(serde_json::from_value::<B2BConfigPatch>(typo).is_err());
        let bad = serde_json::json!({"cookies": {"http_only": "SOMETIMES"}});
        assert!(serde_json::from_value::<B2BConfigPatch>(bad).is_err());
    }
}
