//! The emulator's records (project, organizations, members, tokens, sessions) and their wire
//! form: the Member, Organization, MemberSession and authentication-factor objects Stytch sends.

use serde::Serialize;
use serde_json::{json, Map, Value};
use time::OffsetDateTime;

use crate::facts;
use crate::ids::{serialize_opt_ts, serialize_ts, timestamp};

#[derive(Debug, Clone)]
pub struct Project {
    pub project_id: String,
    pub secret: String,
    pub public_token: String,
    pub international_sms: bool,
    /// The Management API's names of the project and of its one environment.
    pub project_slug: String,
    pub environment_slug: String,
    /// The workspace management key (HTTP Basic on the Management API).
    pub workspace_key_id: String,
    pub workspace_key_secret: String,
    /// When the emulator started (the environment's `created_at`).
    pub created_at: OffsetDateTime,
}

impl Project {
    pub fn live(&self) -> bool {
        self.project_id.starts_with("project-live-")
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Organization {
    pub organization_id: String,
    pub organization_name: String,
    pub organization_logo_url: String,
    pub organization_slug: String,
    pub sso_jit_provisioning: String,
    pub sso_jit_provisioning_allowed_connections: Vec<String>,
    pub sso_active_connections: Vec<Value>,
    pub sso_default_connection_id: Option<String>,
    pub email_allowed_domains: Vec<String>,
    pub email_jit_provisioning: String,
    pub email_invites: String,
    pub auth_methods: String,
    pub allowed_auth_methods: Vec<String>,
    pub mfa_policy: String,
    pub mfa_methods: String,
    pub allowed_mfa_methods: Vec<String>,
    pub rbac_email_implicit_role_assignments: Vec<Value>,
    pub oauth_tenant_jit_provisioning: String,
    pub allowed_oauth_tenants: Value,
    pub claimed_email_domains: Vec<String>,
    pub first_party_connected_apps_allowed_type: String,
    pub allowed_first_party_connected_apps: Vec<String>,
    pub third_party_connected_apps_allowed_type: String,
    pub allowed_third_party_connected_apps: Vec<String>,
    pub custom_roles: Vec<Value>,
    pub trusted_metadata: Value,
    pub organization_external_id: Option<String>,
    pub scim_active_connection: Option<Value>,
    #[serde(serialize_with = "serialize_ts")]
    pub created_at: OffsetDateTime,
    #[serde(serialize_with = "serialize_ts")]
    pub updated_at: OffsetDateTime,
    /// Not Stytch's: hides the sandbox organization from /emulator/project.
    #[serde(skip)]
    pub hidden: bool,
}

impl Organization {
    pub fn requires_mfa(&self) -> bool {
        self.mfa_policy == "REQUIRED_FOR_ALL"
    }
}

#[derive(Debug, Clone)]
pub struct Member {
    pub organization_id: String,
    pub member_id: String,
    pub email_id: String,
    pub email_address: String,
    pub status: String,
    pub name: String,
    pub email_address_verified: bool,
    pub mfa_enrolled: bool,
    pub phone_id: String,
    pub mfa_phone_number: String,
    pub mfa_phone_number_verified: bool,
    pub default_mfa_method: String,
    /// The authenticated TOTP registration's id; `""` while there is none (a pending one is not
    /// shown).
    pub totp_registration_id: String,
    pub is_admin: bool,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    /// Consecutive failed authentication attempts (any factor) since the last success or lock.
    pub failed_attempts: u32,
    pub lock_created_at: Option<OffsetDateTime>,
    pub lock_expires_at: Option<OffsetDateTime>,
}

impl Member {
    pub fn is_locked(&self, now: OffsetDateTime) -> bool {
        self.lock_expires_at.is_some_and(|until| until > now)
    }

    pub fn has_phone(&self) -> bool {
        !self.mfa_phone_number.is_empty()
    }

    pub fn has_totp(&self) -> bool {
        !self.totp_registration_id.is_empty()
    }

    /// A factor that MFA can use: a verified phone or an authenticated TOTP registration.
    pub fn has_mfa_factor(&self) -> bool {
        self.mfa_phone_number_verified || self.has_totp()
    }

    pub fn view(&self, now: OffsetDateTime) -> MemberView<'_> {
        let locked = self.is_locked(now);
        MemberView {
            organization_id: &self.organization_id,
            member_id: &self.member_id,
            email_address: &self.email_address,
            status: &self.status,
            name: &self.name,
            sso_registrations: [],
            is_breakglass: false,
            member_password_id: "",
            oauth_registrations: [],
            email_address_verified: self.email_address_verified,
            mfa_phone_number_verified: self.mfa_phone_number_verified,
            is_admin: self.is_admin,
            totp_registration_id: &self.totp_registration_id,
            retired_email_addresses: [],
            is_locked: locked,
            mfa_enrolled: self.mfa_enrolled,
            mfa_phone_number: &self.mfa_phone_number,
            default_mfa_method: &self.default_mfa_method,
            roles: [RoleView {
                role_id: facts::DEFAULT_MEMBER_ROLE,
                sources: [RoleSourceView {
                    type_: facts::DEFAULT_MEMBER_ROLE_SOURCE,
                    details: EmptyObject {},
                }],
            }],
            trusted_metadata: EmptyObject {},
            untrusted_metadata: EmptyObject {},
            created_at: self.created_at,
            updated_at: self.updated_at,
            external_id: "",
            lock_created_at: if locked { self.lock_created_at } else { None },
            lock_expires_at: if locked { self.lock_expires_at } else { None },
        }
    }
}

#[derive(Serialize)]
pub struct EmptyObject {}

#[derive(Serialize)]
pub struct RoleSourceView {
    #[serde(rename = "type")]
    type_: &'static str,
    details: EmptyObject,
}

#[derive(Serialize)]
pub struct RoleView {
    role_id: &'static str,
    sources: [RoleSourceView; 1],
}

/// The Member object as Stytch sends it.
#[derive(Serialize)]
pub struct MemberView<'a> {
    organization_id: &'a str,
    member_id: &'a str,
    email_address: &'a str,
    status: &'a str,
    name: &'a str,
    sso_registrations: [(); 0],
    is_breakglass: bool,
    member_password_id: &'static str,
    oauth_registrations: [(); 0],
    email_address_verified: bool,
    mfa_phone_number_verified: bool,
    is_admin: bool,
    totp_registration_id: &'a str,
    retired_email_addresses: [(); 0],
    is_locked: bool,
    mfa_enrolled: bool,
    mfa_phone_number: &'a str,
    default_mfa_method: &'a str,
    roles: [RoleView; 1],
    trusted_metadata: EmptyObject,
    untrusted_metadata: EmptyObject,
    #[serde(serialize_with = "serialize_ts")]
    created_at: OffsetDateTime,
    #[serde(serialize_with = "serialize_ts")]
    updated_at: OffsetDateTime,
    external_id: &'static str,
    #[serde(serialize_with = "serialize_opt_ts")]
    lock_created_at: Option<OffsetDateTime>,
    #[serde(serialize_with = "serialize_opt_ts")]
    lock_expires_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sequence {
    Primary,
    Secondary,
}

#[derive(Debug, Clone)]
pub enum FactorKind {
    MagicLinkEmail {
        email_id: String,
        email_address: String,
    },
    SmsOtp {
        phone_id: String,
        phone_number: String,
    },
    Totp {
        totp_id: String,
    },
    RecoveryCode {
        recovery_code_id: String,
    },
}

/// One authentication factor of a session (or of an intermediate session).
#[derive(Debug, Clone)]
pub struct Factor {
    pub kind: FactorKind,
    pub sequence: Sequence,
    pub created_at: OffsetDateTime,
    pub last_authenticated_at: OffsetDateTime,
}

impl Factor {
    pub fn to_json(&self) -> Value {
        let (type_, delivery, key, inner) = match &self.kind {
            FactorKind::MagicLinkEmail {
                email_id,
                email_address,
            } => (
                "magic_link",
                "email",
                "email_factor",
                json!({"email_id": email_id, "email_address": email_address}),
            ),
            FactorKind::SmsOtp {
                phone_id,
                phone_number,
            } => (
                "otp",
                "sms",
                "phone_number_factor",
                json!({"phone_id": phone_id, "phone_number": phone_number}),
            ),
            // Type and delivery names: stytch crate src/consumer/sessions.rs
            // (AuthenticationFactorType, AuthenticationFactorDeliveryMethod, AuthenticatorAppFactor,
            // RecoveryCodeFactor).
            FactorKind::Totp { totp_id } => (
                "totp",
                "authenticator_app",
                "authenticator_app_factor",
                json!({ "totp_id": totp_id }),
            ),
            FactorKind::RecoveryCode { recovery_code_id } => (
                "recovery_codes",
                "recovery_code",
                "recovery_code_factor",
                json!({ "totp_recovery_code_id": recovery_code_id }),
            ),
        };
        let mut factor = json!({
            "type": type_,
            "delivery_method": delivery,
            "created_at": timestamp(self.created_at),
            "updated_at": timestamp(self.last_authenticated_at),
            "last_authenticated_at": timestamp(self.last_authenticated_at),
            "sequence_order": match self.sequence {
                Sequence::Primary => "PRIMARY",
                Sequence::Secondary => "SECONDARY",
            },
        });
        factor[key] = inner;
        factor
    }
}

#[derive(Debug, Clone)]
pub struct Session {
    pub member_session_id: String,
    pub token: String,
    pub member_id: String,
    pub organization_id: String,
    pub started_at: OffsetDateTime,
    pub last_accessed_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub factors: Vec<Factor>,
    pub custom_claims: Map<String, Value>,
    pub revoked: bool,
    pub ip_address: String,
    pub user_agent: String,
    /// The last JWT minted: (jwt, minted at, session expiry it was minted for).
    pub jwt_cache: Option<(String, OffsetDateTime, OffsetDateTime)>,
}

impl Session {
    pub fn alive(&self, now: OffsetDateTime) -> bool {
        !self.revoked && self.expires_at > now
    }

    pub fn factors_json(&self) -> Value {
        Value::Array(self.factors.iter().map(Factor::to_json).collect())
    }

    pub fn to_json(&self, organization_slug: &str) -> Value {
        json!({
            "member_session_id": self.member_session_id,
            "member_id": self.member_id,
            "organization_id": self.organization_id,
            "organization_slug": organization_slug,
            "started_at": timestamp(self.started_at),
            "last_accessed_at": timestamp(self.last_accessed_at),
            "expires_at": timestamp(self.expires_at),
            "authentication_factors": self.factors_json(),
            "roles": [facts::DEFAULT_MEMBER_ROLE],
            "custom_claims": Value::Object(self.custom_claims.clone()),
        })
    }
}

#[derive(Debug, Clone)]
pub struct MagicLink {
    pub member_id: String,
    pub organization_id: String,
    pub redirect_url: String,
    pub pkce_code_challenge: Option<String>,
    pub expires_at: OffsetDateTime,
    pub used: bool,
}

#[derive(Debug, Clone)]
pub struct IntermediateSession {
    pub member_id: String,
    pub organization_id: String,
    pub expires_at: OffsetDateTime,
    pub factors: Vec<Factor>,
    pub consumed: bool,
}

#[derive(Debug, Clone)]
pub struct SmsCode {
    pub code: String,
    pub phone_number: String,
    pub expires_at: OffsetDateTime,
    /// Used, or superseded by a newer code.
    pub dead: bool,
}

/// A member's TOTP registration: pending until its first code authenticates, then active.
#[derive(Debug, Clone)]
pub struct TotpRegistration {
    pub registration_id: String,
    /// The raw secret (see [`facts::TOTP_SECRET_BYTES`]).
    pub secret: Vec<u8>,
    /// The issuer and account name in the QR code's URL.
    pub issuer: String,
    pub account_name: String,
    pub verified: bool,
    /// A pending registration dies at this time.
    pub expires_at: OffsetDateTime,
    /// The last time step whose code authenticated: it and earlier steps are refused.
    pub last_step: Option<u64>,
    pub recovery_codes: Vec<RecoveryCode>,
}

impl TotpRegistration {
    pub fn unused_recovery_codes(&self) -> Vec<String> {
        let unused = self.recovery_codes.iter().filter(|c| !c.used);
        unused.map(|c| c.code.clone()).collect()
    }
}

#[derive(Debug, Clone)]
pub struct RecoveryCode {
    pub id: String,
    pub code: String,
    pub used: bool,
}

/// An email or SMS the emulator "sent".
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    pub id: String,
    pub channel: &'static str,
    pub to: String,
    #[serde(serialize_with = "serialize_ts")]
    pub sent_at: OffsetDateTime,
    pub subject: String,
    pub body: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The `locale` the request asked for (`None`: it named none, so English). The words are in
    /// that language where the emulator has them (see the `wording` module), else in English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}
