//! Stytch's B2B objects as they arrive in responses: member, organization, member session,
//! authentication factors, and the MFA/primary "what next" objects. Unknown fields are ignored;
//! `""` strings that mean "none" are `Option`s.

use serde::Deserialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::{
    serde_util::{empty_as_none, null_default, string_enum},
    validated::{MemberId, MemberSessionId, OrganizationId},
};

/// Free-form JSON objects Stytch stores for the customer (metadata, custom claims).
pub type JsonObject = Map<String, Value>;

string_enum!(
    /// A member's status.
    MemberStatus {
        /// Created by sign-up, not yet authenticated.
        Pending => "pending",
        /// Invited, not yet accepted.
        Invited => "invited",
        /// Can sign in.
        Active => "active",
        /// Deleted.
        Deleted => "deleted",
    }
);

string_enum!(
    /// An MFA method.
    MfaMethod {
        /// SMS one-time passcode.
        SmsOtp => "sms_otp",
        /// Time-based one-time passcode.
        Totp => "totp",
    }
);

string_enum!(
    /// An organization's MFA policy.
    MfaPolicy {
        /// Every member must complete MFA.
        RequiredForAll => "REQUIRED_FOR_ALL",
        /// Only members who enrolled do MFA (Stytch's default).
        Optional => "OPTIONAL",
    }
);

string_enum!(
    /// Which MFA methods an organization allows.
    MfaMethods {
        /// All methods.
        AllAllowed => "ALL_ALLOWED",
        /// Only `allowed_mfa_methods`.
        Restricted => "RESTRICTED",
    }
);

string_enum!(
    /// Which primary auth methods an organization allows.
    AuthMethods {
        /// All methods.
        AllAllowed => "ALL_ALLOWED",
        /// Only `allowed_auth_methods`.
        Restricted => "RESTRICTED",
    }
);

string_enum!(
    /// An authentication factor's `type`.
    FactorType {
        /// Email magic link.
        MagicLink => "magic_link",
        /// One-time passcode.
        Otp => "otp",
        /// TOTP.
        Totp => "totp",
        /// Password.
        Password => "password",
        /// SSO.
        Sso => "sso",
        /// OAuth.
        Oauth => "oauth",
        /// Recovery code (`recovery_codes`: stytch crate src/consumer/sessions.rs,
        /// `AuthenticationFactorType::RecoveryCodes`).
        RecoveryCodes => "recovery_codes",
        /// Imported.
        Impersonated => "impersonated",
    }
);

string_enum!(
    /// An authentication factor's `delivery_method`.
    DeliveryMethod {
        /// Email.
        Email => "email",
        /// SMS.
        Sms => "sms",
        /// WhatsApp.
        Whatsapp => "whatsapp",
        /// Authenticator app.
        AuthenticatorApp => "authenticator_app",
        /// Recovery code.
        RecoveryCode => "recovery_code",
        /// Knowledge (password).
        Knowledge => "knowledge",
    }
);

string_enum!(
    /// Whether a factor was the first or the second.
    SequenceOrder {
        /// The primary factor (the magic link here).
        Primary => "PRIMARY",
        /// The secondary factor (the SMS code here).
        Secondary => "SECONDARY",
    }
);

string_enum!(
    /// What Stytch already started for the second factor.
    SecondaryAuthInitiated {
        /// Stytch already sent an SMS code: do not send another.
        SmsOtp => "sms_otp",
    }
);

/// A role assignment of a member.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MemberRole {
    /// e.g. `stytch_member`, `stytch_admin`.
    pub role_id: String,
    /// Why the member has it.
    #[serde(default, deserialize_with = "null_default")]
    pub sources: Vec<MemberRoleSource>,
}

/// Why a member has a role.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MemberRoleSource {
    /// e.g. `direct_assignment`, `email_assignment`.
    #[serde(rename = "type")]
    pub source_type: String,
    /// Source-specific details.
    #[serde(default, deserialize_with = "null_default")]
    pub details: JsonObject,
}

/// A member's SSO registration.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SsoRegistration {
    /// The SSO connection.
    #[serde(default)]
    pub connection_id: String,
    /// The IdP's id for the member.
    #[serde(default)]
    pub external_id: String,
    /// The registration id.
    #[serde(default)]
    pub registration_id: String,
    /// IdP attributes.
    #[serde(default, deserialize_with = "null_default")]
    pub sso_attributes: JsonObject,
}

/// A member's OAuth registration.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OAuthRegistration {
    /// e.g. `google`.
    #[serde(default)]
    pub provider_type: String,
    /// The provider's subject.
    #[serde(default)]
    pub provider_subject: String,
    /// The registration id.
    #[serde(default)]
    pub member_oauth_registration_id: String,
    /// Profile picture URL.
    #[serde(default)]
    pub profile_picture_url: String,
    /// Locale.
    #[serde(default)]
    pub locale: String,
}

/// An email address a member used before.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RetiredEmail {
    /// The email id.
    #[serde(default)]
    pub email_id: String,
    /// The address.
    #[serde(default)]
    pub email_address: String,
}

/// A member of an organization.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Member {
    /// The organization.
    pub organization_id: OrganizationId,
    /// The member.
    pub member_id: MemberId,
    /// The email address.
    pub email_address: String,
    /// pending | invited | active | deleted.
    pub status: MemberStatus,
    /// Display name (may be empty).
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// Whether the email address is verified.
    #[serde(default)]
    pub email_address_verified: bool,
    /// Whether the member must do MFA even under an `OPTIONAL` policy.
    #[serde(default)]
    pub mfa_enrolled: bool,
    /// The MFA phone number in E.164; `None` for Stytch's `""`.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub mfa_phone_number: Option<String>,
    /// Whether an SMS code to that number was ever authenticated.
    #[serde(default)]
    pub mfa_phone_number_verified: bool,
    /// `sms_otp` | `totp`; `None` for `""`.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub default_mfa_method: Option<MfaMethod>,
    /// TOTP registration id; `None` for `""`.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub totp_registration_id: Option<String>,
    /// Organization admin.
    #[serde(default)]
    pub is_admin: bool,
    /// Break-glass member (bypasses SSO).
    #[serde(default)]
    pub is_breakglass: bool,
    /// Locked after too many failed attempts.
    #[serde(default)]
    pub is_locked: bool,
    /// Roles.
    #[serde(default, deserialize_with = "null_default")]
    pub roles: Vec<MemberRole>,
    /// SSO registrations.
    #[serde(default, deserialize_with = "null_default")]
    pub sso_registrations: Vec<SsoRegistration>,
    /// OAuth registrations.
    #[serde(default, deserialize_with = "null_default")]
    pub oauth_registrations: Vec<OAuthRegistration>,
    /// Earlier addresses.
    #[serde(default, deserialize_with = "null_default")]
    pub retired_email_addresses: Vec<RetiredEmail>,
    /// Password id; `None` for `""`.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub member_password_id: Option<String>,
    /// Created.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<OffsetDateTime>,
    /// Updated.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// The customer's id for the member; `None` for `""`.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub external_id: Option<String>,
    /// When the lock started.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub lock_created_at: Option<OffsetDateTime>,
    /// When the lock ends.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub lock_expires_at: Option<OffsetDateTime>,
    /// Backend-writable metadata.
    #[serde(default)]
    pub trusted_metadata: Option<JsonObject>,
    /// Member-writable metadata.
    #[serde(default)]
    pub untrusted_metadata: Option<JsonObject>,
}

/// An organization.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Organization {
    /// The id.
    pub organization_id: OrganizationId,
    /// The name, e.g. "Example Org".
    pub organization_name: String,
    /// The slug, e.g. `example-org`.
    pub organization_slug: String,
    /// Logo URL (may be empty).
    #[serde(default, deserialize_with = "null_default")]
    pub organization_logo_url: String,
    /// `REQUIRED_FOR_ALL` | `OPTIONAL`.
    pub mfa_policy: MfaPolicy,
    /// `ALL_ALLOWED` | `RESTRICTED`.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub mfa_methods: Option<MfaMethods>,
    /// Under `RESTRICTED`: the allowed MFA methods.
    #[serde(default, deserialize_with = "null_default")]
    pub allowed_mfa_methods: Vec<MfaMethod>,
    /// `ALL_ALLOWED` | `RESTRICTED`.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub auth_methods: Option<AuthMethods>,
    /// Under `RESTRICTED`: the allowed primary methods (`magic_link`, `sso`, …).
    #[serde(default, deserialize_with = "null_default")]
    pub allowed_auth_methods: Vec<String>,
    /// Domains for JIT provisioning and invites.
    #[serde(default, deserialize_with = "null_default")]
    pub email_allowed_domains: Vec<String>,
    /// `RESTRICTED` | `NOT_ALLOWED`.
    #[serde(default, deserialize_with = "null_default")]
    pub email_jit_provisioning: String,
    /// `ALL_ALLOWED` | `RESTRICTED` | `NOT_ALLOWED`.
    #[serde(default, deserialize_with = "null_default")]
    pub email_invites: String,
    /// `ALL_ALLOWED` | `RESTRICTED` | `NOT_ALLOWED`.
    #[serde(default, deserialize_with = "null_default")]
    pub sso_jit_provisioning: String,
    /// Default SSO connection, if any.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub sso_default_connection_id: Option<String>,
    /// Backend-writable metadata.
    #[serde(default)]
    pub trusted_metadata: Option<JsonObject>,
    /// Created.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<OffsetDateTime>,
    /// Updated.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<OffsetDateTime>,
}

/// The email part of an authentication factor.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EmailFactor {
    /// `member-email-test-…`.
    pub email_id: String,
    /// The address.
    pub email_address: String,
}

/// The phone part of an authentication factor.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PhoneNumberFactor {
    /// `member-phone-number-test-…`.
    pub phone_id: String,
    /// E.164.
    pub phone_number: String,
}

/// One factor that authenticated a session.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AuthenticationFactor {
    /// `magic_link`, `otp`, …
    #[serde(rename = "type")]
    pub factor_type: FactorType,
    /// `email`, `sms`, …
    pub delivery_method: DeliveryMethod,
    /// Created.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<OffsetDateTime>,
    /// Updated.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// Last authenticated.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub last_authenticated_at: Option<OffsetDateTime>,
    /// `PRIMARY` | `SECONDARY` (absent on older sessions).
    #[serde(default, deserialize_with = "empty_as_none")]
    pub sequence_order: Option<SequenceOrder>,
    /// Present for email factors.
    #[serde(default)]
    pub email_factor: Option<EmailFactor>,
    /// Present for phone factors.
    #[serde(default)]
    pub phone_number_factor: Option<PhoneNumberFactor>,
}

/// A member session.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MemberSession {
    /// `member-session-test-…`.
    pub member_session_id: MemberSessionId,
    /// The member.
    pub member_id: MemberId,
    /// The organization.
    pub organization_id: OrganizationId,
    /// The organization's slug.
    #[serde(default, deserialize_with = "null_default")]
    pub organization_slug: String,
    /// Started.
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    /// Last used.
    #[serde(with = "time::serde::rfc3339")]
    pub last_accessed_at: OffsetDateTime,
    /// Expires (RFC 3339 UTC).
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    /// The factors, primary first.
    #[serde(default, deserialize_with = "null_default")]
    pub authentication_factors: Vec<AuthenticationFactor>,
    /// Role ids.
    #[serde(default, deserialize_with = "null_default")]
    pub roles: Vec<String>,
    /// Custom claims.
    #[serde(default, deserialize_with = "null_default")]
    pub custom_claims: JsonObject,
}

/// What Stytch knows about the member's MFA options.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MemberOptions {
    /// The masked phone number (`"XXXXXXX1234"`); `None` for `""`.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub mfa_phone_number: Option<String>,
    /// The TOTP registration; `None` for `""`.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub totp_registration_id: Option<String>,
}

/// The second factor is required before a session is minted.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MfaRequired {
    /// `None` for a member with no MFA factor yet (ask for a phone number).
    #[serde(default)]
    pub member_options: Option<MemberOptions>,
    /// `Some(SmsOtp)` when Stytch already sent the code: send nothing more.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub secondary_auth_initiated: Option<SecondaryAuthInitiated>,
}

/// The organization requires a different primary method.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PrimaryRequired {
    /// The methods that would be accepted.
    #[serde(default, deserialize_with = "null_default")]
    pub allowed_auth_methods: Vec<String>,
}
