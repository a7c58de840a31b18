//! A typed client for the Stytch B2B endpoints Gatehouse uses.
//! The only code in Gatehouse that speaks HTTP to Stytch; it knows nothing of Tauri.
//!
//! # Families
//!
//! One [`Client`] speaks either the **backend API** (`/v1/b2b/…`, HTTP Basic
//! `project_id:secret`) or the **client SDK API** (`/sdk/v1/b2b/…`, HTTP Basic
//! `public_token:public_token`, or `public_token:session_token` for sessions/authenticate and
//! revoke; success bodies wrapped in `{"data": …}`; an `X-SDK-Client` header describing the app).
//! The [`Credentials`] variant chooses.
//!
//! # Endpoints
//!
//! | method | endpoint | retried automatically |
//! |---|---|---|
//! | [`Client::get_organization`] | backend: GET organizations/{id or slug} | 429, 5xx, transport, timeout |
//! | [`Client::search_organization`] | SDK: POST organizations/search {organization_slug} | 429, 5xx, transport, timeout |
//! | [`Client::organization_of_session`] | SDK: GET organizations/me | 429, 5xx, transport, timeout |
//! | [`Client::update_organization`] | backend: PUT organizations/{id} | connect failure only |
//! | [`Client::magic_links_email_login_or_signup`] | POST magic_links/email/login_or_signup | connect failure only |
//! | [`Client::magic_links_authenticate`] | POST magic_links/authenticate | never (single-use token) |
//! | [`Client::otps_sms_send`] | POST otps/sms/send | connect failure only |
//! | [`Client::otps_sms_authenticate`] | POST otps/sms/authenticate | never (single-use code, IST) |
//! | [`Client::totp_create`] | POST totp | never (each call mints a secret) |
//! | [`Client::totp_authenticate`] | POST totp/authenticate | never (IST) |
//! | [`Client::recovery_codes_recover`] | POST recovery_codes/recover | never (single-use code, IST) |
//! | [`Client::recovery_codes_get`] | backend: GET recovery_codes/{org}/{member}; SDK: GET recovery_codes as the session | 429, 5xx, transport, timeout |
//! | [`Client::recovery_codes_rotate`] | POST recovery_codes/rotate (SDK: as the session) | connect failure only |
//! | [`Client::sessions_authenticate`] | POST sessions/authenticate | 429, 5xx, transport, timeout |
//! | [`Client::sessions_revoke`] | POST sessions/revoke | connect failure only |
//! | [`Client::sessions_jwks`] | GET /v1/b2b/sessions/jwks/{project_id}, no credentials, both families | 429, 5xx, transport, timeout |
//!
//! Every path comes from [`routes::ROUTES`], each with the public source that shows Stytch
//! serves it. A rate limit is retried only where the call is safe to repeat, and a member lock
//! (`user_lock_limit_reached`, 429) never: it lasts an hour.
//!
//! Retries use capped exponential backoff with jitter and honour `Retry-After`
//! ([`RetryPolicy`]). [`SessionJwtVerifier`] checks a session JWT offline.
//!
//! # Secrets and inputs
//!
//! Secrets ([`ProjectSecret`], [`PublicToken`], [`SessionToken`], [`SessionJwt`],
//! [`IntermediateSessionToken`], [`MagicLinkToken`], [`PkceCodeVerifier`], [`SmsCode`],
//! [`TotpCode`], [`RecoveryCode`], [`TotpSecret`], [`TotpQrCode`]) print a redaction and have no
//! `Serialize`; request bodies borrow them with `expose()` at send time.
//! Inputs Stytch would refuse are refused first: [`EmailAddress`], [`E164`], [`SmsCode`],
//! [`TotpCode`], [`RecoveryCode`].
//!
//! # Languages
//!
//! Stytch writes its emails and SMS in the request's `locale`, from a list per route:
//! [`MagicLinkLocale`] (login_or_signup, magic_links/authenticate: no German) and [`SmsLocale`]
//! (otps/sms/send: German is `de-DE`). Each is built from a BCP 47 tag, or is `None` (English).

mod api;
mod call;
mod client;
mod config;
mod error;
mod jwt;
mod locale;
mod objects;
mod pkce;
mod probe;
pub mod routes;
mod secret;
mod serde_util;
mod session_gone;
mod validated;

pub use api::{
    magic_links::{
        LoginOrSignupRequest, LoginOrSignupResponse, MagicLinksAuthenticateRequest,
        MagicLinksAuthenticateResponse,
    },
    members::{DeleteTotpRequest, DeleteTotpResponse},
    organizations::{
        OrganizationResponse, OrganizationSearchResponse, OrganizationSummary,
        UpdateOrganizationRequest,
    },
    otps::{
        MfaEnrollment, SmsAuthenticateRequest, SmsAuthenticateResponse, SmsSendRequest,
        SmsSendResponse,
    },
    proof::PrimaryFactorProof,
    recovery_codes::{
        RecoverRequest, RecoverResponse, RecoveryCodesRequest, RecoveryCodesResponse,
    },
    sessions::{Jwk, Jwks, JwksResponse, RevokeResponse, SessionsAuthenticateResponse},
    totp::{
        TotpAuthenticateRequest, TotpAuthenticateResponse, TotpCreateRequest, TotpCreateResponse,
        TOTP_EXPIRATION_MINUTES,
    },
    DEFAULT_SESSION_DURATION_MINUTES, MAGIC_LINK_EXPIRATION_MINUTES, SESSION_DURATION_MINUTES,
};
#[doc(hidden)]
pub use call::decode_response;
pub use call::MAX_RESPONSE_BYTES;
pub use client::{is_loopback, Client, SDK_IDENTIFIER};
pub use config::{
    AppInfo, ClientConfig, Credentials, Family, RetryPolicy, LIVE_BASE_URL, TEST_BASE_URL,
};
pub use error::{Error, ErrorType, JwtRejection, RawBody, TransportKind, RAW_BODY_LIMIT};
pub use jwt::{
    use_rust_crypto, JwtOrganization, JwtSession, JwtSessionAttributes, SessionClaims,
    SessionJwtVerifier, DEFAULT_LEEWAY, DEFAULT_REFETCH_INTERVAL,
};
pub use locale::{MagicLinkLocale, SmsLocale};
pub use objects::{
    AuthMethods, AuthenticationFactor, DeliveryMethod, EmailFactor, FactorType, JsonObject, Member,
    MemberOptions, MemberRole, MemberRoleSource, MemberSession, MemberStatus, MfaMethod,
    MfaMethods, MfaPolicy, MfaRequired, OAuthRegistration, Organization, PhoneNumberFactor,
    PrimaryRequired, RetiredEmail, SecondaryAuthInitiated, SequenceOrder, SsoRegistration,
};
pub use pkce::{PkceCodeChallenge, PkceCodeVerifier};
pub use probe::Probe;
/// Re-exported for building requests and configs.
pub use reqwest::StatusCode;
pub use secret::{
    IntermediateSessionToken, MagicLinkToken, ProjectSecret, PublicToken, SessionJwt, SessionToken,
    TotpQrCode, TotpSecret,
};
pub use url::Url;
pub use validated::{
    EmailAddress, InvalidInput, MemberId, MemberSessionId, OrganizationId, OrganizationRef,
    OrganizationSlug, ProjectId, RecoveryCode, RequestId, SessionMinutes, SmsCode, TotpCode, E164,
    RECOVERY_CODE_MAX_LEN,
};
