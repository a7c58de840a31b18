//! The `--seed FILE` format and the built-in demo seed.
//! A seed names one project, its organizations and their members; everything else is defaulted.

use serde::Deserialize;

/// The whole seed file. Unknown keys are refused, so a typo does not silently do nothing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seed {
    pub project: SeedProject,
    #[serde(default)]
    pub organizations: Vec<SeedOrganization>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedProject {
    /// `project-test-…` or `project-live-…`.
    pub project_id: String,
    pub secret: String,
    pub public_token: String,
    /// Redirect URLs registered for the project (custom schemes allowed).
    pub redirect_urls: Vec<String>,
    /// Used when login_or_signup names none; defaults to the first registered URL.
    #[serde(default)]
    pub default_login_redirect_url: Option<String>,
    #[serde(default)]
    pub default_signup_redirect_url: Option<String>,
    /// International SMS is off by default at Stytch.
    #[serde(default)]
    pub international_sms: bool,
    /// The SDK configuration's `basic.enabled`: whether the client SDK API is enabled (otherwise
    /// `endpoint_not_authorized_for_sdk`).
    #[serde(default = "yes")]
    pub sdk_enabled: bool,
    /// The SDK configuration's `basic.bundle_ids`; default `["com.example.gatehouse"]`.
    #[serde(default)]
    pub bundle_ids: Option<Vec<String>>,
    /// The Management API's names of the project and its one environment; default
    /// [`DEMO_PROJECT_SLUG`] and [`DEMO_ENVIRONMENT_SLUG`].
    #[serde(default)]
    pub project_slug: Option<String>,
    #[serde(default)]
    pub environment_slug: Option<String>,
    /// The workspace management key the Management API accepts; default
    /// [`DEMO_WORKSPACE_KEY_ID`] and [`DEMO_WORKSPACE_KEY_SECRET`].
    #[serde(default)]
    pub workspace_key_id: Option<String>,
    #[serde(default)]
    pub workspace_key_secret: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedOrganization {
    /// Generated (`organization-test-<uuid>`) when absent.
    #[serde(default)]
    pub organization_id: Option<String>,
    pub organization_name: String,
    pub organization_slug: String,
    /// `OPTIONAL` (default) or `REQUIRED_FOR_ALL`.
    #[serde(default)]
    pub mfa_policy: Option<String>,
    /// `ALL_ALLOWED` (default) or `RESTRICTED`.
    #[serde(default)]
    pub mfa_methods: Option<String>,
    #[serde(default)]
    pub allowed_mfa_methods: Vec<String>,
    #[serde(default)]
    pub email_allowed_domains: Vec<String>,
    /// `RESTRICTED` (default: members at the allowed domains may sign up), `NOT_ALLOWED`.
    #[serde(default)]
    pub email_jit_provisioning: Option<String>,
    #[serde(default)]
    pub members: Vec<SeedMember>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedMember {
    #[serde(default)]
    pub member_id: Option<String>,
    pub email_address: String,
    #[serde(default)]
    pub name: String,
    /// `active` (default), `pending` or `invited`.
    #[serde(default)]
    pub status: Option<String>,
    /// E.164; a member seeded with a phone is enrolled with it verified unless told otherwise.
    #[serde(default)]
    pub mfa_phone_number: Option<String>,
    #[serde(default)]
    pub mfa_phone_number_verified: Option<bool>,
    #[serde(default)]
    pub mfa_enrolled: Option<bool>,
    #[serde(default)]
    pub is_admin: bool,
}

/// Why a seed was refused.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("cannot read seed file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("seed is not valid JSON for the seed format: {0}")]
    Json(#[from] serde_json::Error),
    #[error("invalid seed: {0}")]
    Invalid(String),
}

/// The demo project's fixed credentials (test-format, so scripts are reproducible).
pub const DEMO_PROJECT_ID: &str = "project-test-4d3c2b1a-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
pub const DEMO_SECRET: &str = "secret-test-Vq3xN8bL2mKp7RtY5wZc9HfJ4sDg6AeU1oQi";
pub const DEMO_PUBLIC_TOKEN: &str = "public-token-test-8b7a6c5d-4e3f-4a1b-9c2d-7e6f5a4b3c2d";
pub const DEMO_ORGANIZATION_ID: &str = "organization-test-1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b";
pub const DEMO_REDIRECT_URL: &str = "gatehouse://auth/callback";
/// The app identifier the default SDK configuration authorizes: Gatehouse's (tauri.conf.json).
pub const DEMO_BUNDLE_ID: &str = crate::sdk_config::GATEHOUSE_BUNDLE_ID;
/// The Management API's demo workspace key and the project's and environment's slugs (every seed
/// gets these unless it names its own).
pub const DEMO_WORKSPACE_KEY_ID: &str = "workspace-key-prod-2c9e4f7a-6b1d-4e3f-9a8b-5d4c3b2a1f0e";
pub const DEMO_WORKSPACE_KEY_SECRET: &str =
    "workspace-secret-demo-Hk4Tz8Qw2Lm6Np0Rs3Vx7Yb1Cd5Fg9Jq";
pub const DEMO_PROJECT_SLUG: &str = "gatehouse-demo";
pub const DEMO_ENVIRONMENT_SLUG: &str = "test";

impl Seed {
    /// One project, "Example Org" (slug example-org, MFA optional, domain example.com) and
    /// four members:
    /// - ada@example.com, Ada Lovelace: no phone;
    /// - grace@example.com, Grace Hopper: +14155550123, verified and MFA-enrolled (so Stytch
    ///   sends her code itself after the magic link: `secondary_auth_initiated: "sms_otp"`);
    /// - alan@example.com, Alan Turing: no phone;
    /// - linus@example.com, Linus: +15555550123 on file but not verified and not enrolled (under
    ///   `REQUIRED_FOR_ALL` Stytch sends nothing, `secondary_auth_initiated` is null and
    ///   `member_options` shows the masked phone: the client sends exactly one code itself).
    pub fn demo() -> Seed {
        let member = |id: &str, email: &str, name: &str, phone: Option<&str>| SeedMember {
            member_id: Some(format!("member-test-{id}")),
            email_address: email.into(),
            name: name.into(),
            status: None,
            mfa_phone_number: phone.map(Into::into),
            mfa_phone_number_verified: None,
            mfa_enrolled: None,
            is_admin: false,
        };
        let linus = SeedMember {
            mfa_phone_number_verified: Some(false),
            mfa_enrolled: Some(false),
            ..member(
                "d0d0d0d0-4444-4ddd-8ddd-000000000004",
                "linus@example.com",
                "Linus",
                Some("+15555550123"),
            )
        };
        Seed {
            project: SeedProject {
                project_id: DEMO_PROJECT_ID.into(),
                secret: DEMO_SECRET.into(),
                public_token: DEMO_PUBLIC_TOKEN.into(),
                redirect_urls: vec![
                    DEMO_REDIRECT_URL.into(),
                    "http://localhost:3000/authenticate".into(),
                ],
                default_login_redirect_url: None,
                default_signup_redirect_url: None,
                international_sms: false,
                sdk_enabled: true,
                bundle_ids: None,
                project_slug: None,
                environment_slug: None,
                workspace_key_id: None,
                workspace_key_secret: None,
            },
            organizations: vec![SeedOrganization {
                organization_id: Some(DEMO_ORGANIZATION_ID.into()),
                organization_name: "Example Org".into(),
                organization_slug: "example-org".into(),
                mfa_policy: Some("OPTIONAL".into()),
                mfa_methods: None,
                allowed_mfa_methods: vec![],
                email_allowed_domains: vec!["example.com".into()],
                email_jit_provisioning: None,
                members: vec![
                    member(
                        "a0a0a0a0-1111-4aaa-8aaa-000000000001",
                        "ada@example.com",
                        "Ada Lovelace",
                        None,
                    ),
                    member(
                        "b0b0b0b0-2222-4bbb-8bbb-000000000002",
                        "grace@example.com",
                        "Grace Hopper",
                        Some("+14155550123"),
                    ),
                    member(
                        "c0c0c0c0-3333-4ccc-8ccc-000000000003",
                        "alan@example.com",
                        "Alan Turing",
                        None,
                    ),
                    linus,
                ],
            }],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_credentials_have_test_formats() {
        assert!(DEMO_PROJECT_ID.starts_with("project-test-"));
        assert_eq!(DEMO_SECRET.len(), "secret-test-".len() + 36);
        assert!(DEMO_PUBLIC_TOKEN.starts_with("public-token-test-"));
    }

    #[test]
    fn unknown_seed_keys_are_refused() {
        let err = serde_json::from_str::<Seed>(
            r#"{"project": {"project_id": "p", "secret": "s", "public_token": "t",
                "redirect_urls": [], "typo": 1}}"#,
        );
        assert!(err.is_err());
    }
}
