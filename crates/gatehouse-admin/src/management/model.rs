//! The Management API's objects that `stytch-setup` reads and writes: a B2B SDK configuration, a
//! redirect URL, an environment's member-lock settings. Only the fields Gatehouse checks are typed;
//! every other field read is kept as it came and sent back unchanged.
//!
//! Fields and values: stytchauth/stytch-management-go v3 `pkg/models/sdk/types.go`,
//! `pkg/models/redirecturls/types.go`, `pkg/models/environments/types.go`; the same names in
//! terraform-provider-stytch `docs/resources/b2b_sdk_config.md` and `redirect_url.md`. Every field
//! there is `omitempty`: an absent boolean is false, an absent number is unset.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Fields this tool does not model, kept exactly as read.
pub type Other = Map<String, Value>;

/// A string enum of the Management API that keeps a value it does not know (a newer Stytch)
/// verbatim, so reading and writing it back never changes it.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $s:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum $name {
            $($variant,)*
            /// A value this tool does not know, kept verbatim.
            Other(String),
        }

        impl $name {
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $s,)*
                    $name::Other(s) => s,
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match s.as_str() {
                    $($s => $name::$variant,)*
                    _ => $name::Other(s),
                }
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.as_str().to_owned()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// A B2B project environment's SDK configuration (`B2BConfig` in stytch-management-go
/// `pkg/models/sdk/types.go`). The sections Gatehouse checks are typed; `oauth`, `sso`,
/// `passwords`, `user_impersonation` and any newer section stay in `other`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct B2bSdkConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basic: Option<Basic>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sessions: Option<Sessions>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub magic_links: Option<MagicLinks>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub totps: Option<Totps>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub otps: Option<Otps>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dfppa: Option<Dfppa>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cookies: Option<Cookies>,
    #[serde(flatten)]
    pub other: Other,
}

/// `basic` (`B2BBasicConfig`): the SDK at all, and who may call it. `domains`,
/// `allow_self_onboarding` and `enable_member_permissions` stay in `other`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Basic {
    /// "Whether the B2B project SDK is enabled."
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// "A list of bundle IDs authorized for use in the SDK": native apps, which identify
    /// themselves only by `X-SDK-Client`'s `app.identifier` (stytch-browser
    /// `packages/react-native/src/NetworkClient.ts`); an identifier not listed is refused with
    /// `bad_app_bundle_for_stytch_sdk` (Stytch docs `api/errors/400`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bundle_ids: Option<Vec<String>>,
    #[serde(flatten)]
    pub other: Other,
}

/// `sessions` (`B2BSessionsConfig`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sessions {
    /// "The maximum session duration that can be created in minutes"; absent or 0: not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_session_duration_minutes: Option<u32>,
    #[serde(flatten)]
    pub other: Other,
}

/// `magic_links` (`B2BMagicLinksConfig`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MagicLinks {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// "PKCE is required in auth flows for the related SDK endpoints."
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pkce_required: Option<bool>,
    #[serde(flatten)]
    pub other: Other,
}

/// `totps` (`B2BTOTPsConfig`): using an authenticator app, and *creating* one, are two switches.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Totps {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_totps: Option<bool>,
    #[serde(flatten)]
    pub other: Other,
}

/// `otps` (`B2BOTPsConfig`); `email_enabled` and `sms_autofill_metadata` stay in `other`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Otps {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_enabled: Option<bool>,
    #[serde(flatten)]
    pub other: Other,
}

/// `dfppa` (`B2BDFPPAConfig`): Device Fingerprinting Protected Auth.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dfppa {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<DfppaSetting>,
    /// "The action to take when a DFPPA 'challenge' verdict is returned."
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_challenge: Option<DfppaOnChallenge>,
    #[serde(flatten)]
    pub other: Other,
}

string_enum!(
    /// `DFPPASetting` (stytch-management-go `pkg/models/sdk/types.go`).
    DfppaSetting {
        Enabled => "ENABLED",
        Passive => "PASSIVE",
        Disabled => "DISABLED",
    }
);

string_enum!(
    /// `DFPPAOnChallengeAction` (stytch-management-go `pkg/models/sdk/types.go`).
    DfppaOnChallenge {
        Allow => "ALLOW",
        Block => "BLOCK",
        TriggerCaptcha => "TRIGGER_CAPTCHA",
    }
);

/// `cookies` (`B2BCookiesConfig`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cookies {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_only: Option<HttpOnly>,
    #[serde(flatten)]
    pub other: Other,
}

string_enum!(
    /// `B2BCookiesConfigHttpOnly` (stytch-management-go `pkg/models/sdk/types.go`). "ENFORCED to
    /// enable and block web requests that don't use a custom authentication domain", and ENABLED
    /// "can only be set when the frontend SDK is configured to use a custom authentication domain"
    /// (terraform-provider-stytch `docs/resources/b2b_sdk_config.md`). Enforced, the SDK API omits
    /// tokens from response bodies (stytch-browser `packages/core/src/public/typeConfig.ts`).
    HttpOnly {
        Disabled => "DISABLED",
        Enabled => "ENABLED",
        Enforced => "ENFORCED",
    }
);

/// A redirect URL and the types it is valid for (`RedirectURL`, stytch-management-go
/// `pkg/models/redirecturls/types.go`). Stytch checks a request's URL against these by exact
/// match, per type (Stytch docs `b2b/api/url-validation`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RedirectUrl {
    pub url: String,
    #[serde(default)]
    pub valid_types: Vec<UrlType>,
    #[serde(flatten)]
    pub other: Other,
}

/// `URLType`: one type a redirect URL is valid for, and whether it is that type's default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UrlType {
    #[serde(rename = "type")]
    pub kind: RedirectType,
    #[serde(default)]
    pub is_default: bool,
    #[serde(flatten)]
    pub other: Other,
}

impl UrlType {
    /// A type added by this tool: never the default, so no other URL loses that role (Gatehouse
    /// names its redirect URL in every request).
    pub fn not_default(kind: RedirectType) -> Self {
        Self {
            kind,
            is_default: false,
            other: Other::new(),
        }
    }
}

string_enum!(
    /// `RedirectURLType` (stytch-management-go `pkg/models/redirecturls/types.go`).
    RedirectType {
        Login => "LOGIN",
        Invite => "INVITE",
        Signup => "SIGNUP",
        ResetPassword => "RESET_PASSWORD",
        Discovery => "DISCOVERY",
    }
);

/// The member-lock settings of an environment (`Environment`, stytch-management-go
/// `pkg/models/environments/types.go`; terraform-provider-stytch `docs/resources/environment.md`).
/// The other fields of the environment are not needed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct MemberLock {
    /// "The number of failed authenticate attempts that will cause a user … to be locked.
    /// Defaults to 10."
    pub user_lock_threshold: Option<u32>,
    /// "The time in seconds that the user … remains locked … Defaults to 1 hour (3600 seconds)."
    pub user_lock_ttl: Option<u32>,
    /// "Whether users … who get locked out should automatically get an unlock email magic link."
    pub user_lock_self_serve_enabled: Option<bool>,
}

impl MemberLock {
    /// Stytch's defaults where the answer leaves a field out (omitempty: 0 is unset).
    pub const DEFAULT_THRESHOLD: u32 = 10;
    pub const DEFAULT_TTL_SECONDS: u32 = 3600;

    pub fn threshold(&self) -> u32 {
        self.user_lock_threshold
            .filter(|&n| n > 0)
            .unwrap_or(Self::DEFAULT_THRESHOLD)
    }

    pub fn ttl_seconds(&self) -> u32 {
        self.user_lock_ttl
            .filter(|&n| n > 0)
            .unwrap_or(Self::DEFAULT_TTL_SECONDS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_configuration_read_and_written_back_is_unchanged_including_what_is_not_modelled() {
        let read = json!({
            "basic": {"enabled": true, "allow_self_onboarding": true,
                      "domains": [{"domain": "https://app.example.com", "slug_pattern": "https://{{slug}}.example.com"}],
                      "bundle_ids": ["com.example.other"]},
            "sessions": {"max_session_duration_minutes": 480},
            "magic_links": {"enabled": true, "pkce_required": true},
            "oauth": {"enabled": true, "pkce_required": false},
            "otps": {"sms_enabled": true, "email_enabled": true,
                     "sms_autofill_metadata": [{"metadata_type": "domain", "metadata_value": "example.com", "bundle_id": "com.example.other"}]},
            "dfppa": {"enabled": "PASSIVE", "on_challenge": "SOMETHING_NEW"},
            "cookies": {"http_only": "ENABLED", "same_site": "STRICT"},
            "user_impersonation": {"enabled": false},
            "a_newer_section": {"x": 1}
        });
        let config: B2bSdkConfig = serde_json::from_value(read.clone()).unwrap();
        assert_eq!(
            config.dfppa.as_ref().unwrap().on_challenge,
            Some(DfppaOnChallenge::Other("SOMETHING_NEW".into()))
        );
        assert_eq!(serde_json::to_value(&config).unwrap(), read);
    }

    #[test]
    fn an_empty_answer_reads_as_every_switch_off() {
        let config: B2bSdkConfig = serde_json::from_value(json!({})).unwrap();
        assert_eq!(config, B2bSdkConfig::default());
        assert_eq!(serde_json::to_value(&config).unwrap(), json!({}));
    }

    #[test]
    fn a_redirect_url_keeps_its_types_and_defaults() {
        let read = json!({"url": "gatehouse://auth/callback",
                          "valid_types": [{"type": "LOGIN", "is_default": true}, {"type": "SIGNUP", "is_default": false}]});
        let url: RedirectUrl = serde_json::from_value(read.clone()).unwrap();
        assert_eq!(url.valid_types[0].kind, RedirectType::Login);
        assert!(url.valid_types[0].is_default);
        assert_eq!(serde_json::to_value(&url).unwrap(), read);
    }

    #[test]
    fn the_member_lock_falls_back_to_stytchs_defaults() {
        let lock: MemberLock = serde_json::from_value(json!({"user_lock_ttl": 900})).unwrap();
        assert_eq!((lock.threshold(), lock.ttl_seconds()), (10, 900));
    }
}
