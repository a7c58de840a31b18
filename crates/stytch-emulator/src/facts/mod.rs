//! Every Stytch fact the emulator relies on, in one place, each with its public source: a
//! repository and path (read with `git show`), a docs page URL, or the word **inferred** (our best
//! guess: change it here only). Routes are in [`ROUTES`]; the router is built from that table, so
//! the table and what is served cannot drift.

use time::Duration;

// Sources used more than once. Repositories are github.com/<owner>/<name>.
macro_rules! android_api {
    ($f:literal) => {
        concat!(
            "stytchauth/stytch-android: source/sdk/src/main/java/com/stytch/sdk/b2b/network/StytchB2BApiService.kt (",
            $f,
            "); stytchauth/stytch-mobile: source/sdks/sdk/resources/openapi.yml"
        )
    };
}
macro_rules! node {
    ($file:literal, $f:literal) => {
        concat!("stytchauth/stytch-node: lib/b2b/", $file, " (", $f, ")")
    };
}

// The routes (a table of their own: the router is built from it).
mod routes;
pub use routes::*;
// The Management API: its routes, errors and environment settings.
mod management;
pub use management::*;
// What the project's B2B SDK configuration makes the SDK API refuse.
mod sdk_config;
pub use sdk_config::*;

// ---------------------------------------------------------------------------------------------
// Lifetimes and limits
// ---------------------------------------------------------------------------------------------

/// An SMS one-time passcode lives 2 minutes; a new one kills the old.
/// Source: stytchauth/stytch-node: lib/b2b/otp_sms.ts (send: "OTP codes expire after two minutes").
pub const SMS_CODE_LIFETIME: Duration = Duration::minutes(2);
/// SMS codes have 6 digits. **Inferred** (every code in Stytch's docs examples has 6 digits).
pub const SMS_CODE_DIGITS: usize = 6;
/// An intermediate session token lives 10 minutes. No response carries its expiry.
/// Source: stytchauth/stytch-android: source/sdk/src/main/java/com/stytch/sdk/common/Constants.kt
/// (IST_EXPIRATION_TIME); stytchauth/stytch-node: lib/b2b/magic_links.ts ("default expiry of
/// 10 minutes").
pub const IST_LIFETIME: Duration = Duration::minutes(10);
/// Magic links: default, minimum and maximum `login_/signup_expiration_minutes`.
/// Source: stytchauth/stytch-node: lib/b2b/magic_links_email.ts (LoginOrSignupRequest:
/// "Defaults to 60 (1 hour) with a minimum of 5 and a maximum of 10080").
pub const MAGIC_LINK_DEFAULT_MINUTES: i64 = 60;
pub const MAGIC_LINK_MIN_MINUTES: i64 = 5;
pub const MAGIC_LINK_MAX_MINUTES: i64 = 10080;
/// Sessions: default, minimum and maximum `session_duration_minutes`.
/// Source: stytchauth/stytch-node: lib/b2b/magic_links.ts (AuthenticateRequest: "a minimum of 5
/// and a maximum of 527040 minutes", "a Stytch session will be created with a 60 minute duration").
pub const SESSION_DEFAULT_MINUTES: i64 = 60;
pub const SESSION_MIN_MINUTES: i64 = 5;
pub const SESSION_MAX_MINUTES: i64 = 527_040;
/// A session JWT always lives 5 minutes.
/// Source: stytchauth/stytch-node: lib/b2b/sessions.ts (getJWKS: "JWTs have a set lifetime of
/// 5 minutes").
pub const JWT_LIFETIME: Duration = Duration::minutes(5);
/// A session JWT's `iss`: `stytch.com/{project_id}`.
/// Source: stytchauth/stytch-node: the B2B client's `jwtConfig.issuers`
/// (`stytch.com/${project_id}`, beside the API's base URL).
pub fn jwt_issuer(project_id: &str) -> String {
    format!("stytch.com/{project_id}")
}
/// The cookie Stytch's frontend SDKs keep the session JWT in, which a company backend reads (the
/// demo workspace does). Source: honojs/middleware: packages/stytch-auth/README.md ("By default,
/// it reads JWTs from the stytch_session_jwt cookie"); **inferred** for Stytch's SDKs themselves.
pub const SESSION_JWT_COOKIE: &str = "stytch_session_jwt";
/// A session JWT stays valid locally until its `exp` even after its session is revoked.
/// Source: https://stytch.com/docs/guides/sessions/session-tokens-vs-jwts ("Will locally validate
/// during the 5-minute period, even if the underlying session is revoked"). The demo workspace
/// does not follow this (see `workspace::verify`).
pub const JWT_VALID_UNTIL_EXP_AFTER_REVOKE: bool = true;
/// After the primary factor, Stytch sends the SMS code by itself (`secondary_auth_initiated:
/// "sms_otp"`) only when the member has a phone number and is enrolled in MFA.
/// Source: stytchauth/stytch-node: lib/b2b/otp_sms.ts (send: "If a Member has a phone number and
/// is enrolled in MFA, then after a successful primary authentication event ... an SMS OTP will
/// automatically be sent to their phone number"). Not when the member's
/// default MFA method is TOTP: **inferred** (the source names only the phone and the enrolment).
pub fn sms_sent_after_primary_factor(
    has_phone: bool,
    mfa_enrolled: bool,
    default_method_is_totp: bool,
) -> bool {
    has_phone && mfa_enrolled && !default_method_is_totp
}
// Consecutive failed code attempts lock a member: how many and for how long are the
// environment's `user_lock_threshold` and `user_lock_ttl` ([`LOCK_THRESHOLD_DEFAULT`],
// [`LOCK_TTL_DEFAULT_SECONDS`]). A successful authentication, while no lock is active, resets
// the count; there is no window. The count is kept per member, so SMS codes, TOTP codes and
// recovery codes all count toward it.
// Source: https://stytch.com/docs/resources/platform/user-locks
/// TOTP per RFC 6238: HMAC-SHA-1, a 30-second step, 6 digits. **Inferred** for Stytch: its docs
/// say codes are "valid for a specific amount of time (generally 30 seconds)"
/// (https://stytch.com/docs/sdks/javascript-sdk/totps); SHA-1 and 6 digits are what authenticator
/// apps assume when the QR code's URL names neither.
pub const TOTP_STEP_SECONDS: u64 = 30;
pub const TOTP_DIGITS: usize = 6;
/// Codes of one step before and after the current one are accepted too (clock drift). **Inferred**
/// (RFC 6238 section 5.2 recommends at most one step of transmission delay).
pub const TOTP_SKEW_STEPS: u8 = 1;
/// A TOTP secret: 20 random bytes, shown as 32 base32 characters without padding, like the
/// `BTGNX5RKJRMQWQFRQKTG34JCF6XDRHZS` of Stytch's example
/// (https://stytch.com/docs/api-reference/consumer/frontend-sdks/react/methods/totps/create).
pub const TOTP_SECRET_BYTES: usize = 20;
/// A TOTP registration not authenticated within `expiration_minutes` (default 60, 5 to 1440)
/// must be created again. Source: stytch crate src/b2b/totps.rs (`CreateRequest.expiration_minutes`).
pub const TOTP_REGISTRATION_DEFAULT_MINUTES: i64 = 60;
pub const TOTP_REGISTRATION_MIN_MINUTES: i64 = 5;
pub const TOTP_REGISTRATION_MAX_MINUTES: i64 = 1440;
/// The QR code: a `data:` URL of a 200×200 16-bit greyscale PNG, with a space after the comma,
/// exactly as Stytch's example `qr_code` ("data:image/png;base64, iVBORw0KGgoAAAANSUhEUgAAAMgAAADI
/// EAAAAADYoy0B…", whose IHDR decodes to 200×200, depth 16, colour type 0) in
/// https://stytch.com/docs/api-reference/consumer/frontend-sdks/react/methods/totps/create.
/// That the B2B API draws the same image is **inferred**. The QR's URL is Google's Key URI format,
/// `otpauth://totp/<issuer>:<email>?secret=…&issuer=…`, the organization's name as issuer
/// (**inferred**).
pub const TOTP_QR_PREFIX: &str = "data:image/png;base64, ";
pub const TOTP_QR_PIXELS: u32 = 200;
/// Recovery codes: 10 per registration, each three groups of four lowercase letters and digits,
/// like `ckss-2skx-ebow`. Source: the example response in
/// https://stytch.com/docs/api-reference/consumer/frontend-sdks/react/methods/totps/create (ten
/// codes); that B2B codes look the same is **inferred**. Each works once.
pub const RECOVERY_CODE_COUNT: usize = 10;
/// Request bodies above this size are refused with 413. **Inferred** (limit and error type).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// The magic-link `stytch_token_type` of this flow, sent with `token` in the redirect's query.
/// Source: stytchauth/stytch-browser: packages/react-native/src/ui/b2b/hooks/useDeeplinkParser.ts
/// (case 'multi_tenant_magic_links'); stytchauth/stytch-android:
/// source/sdk/src/main/java/com/stytch/sdk/common/Constants.kt (QUERY_TOKEN_TYPE, QUERY_TOKEN).
pub const MAGIC_LINK_TOKEN_TYPE: &str = "multi_tenant_magic_links";
/// The role every member holds, and the source Stytch reports for it. **Inferred** (the role id
/// is Stytch's default member role; the source type is a guess).
pub const DEFAULT_MEMBER_ROLE: &str = "stytch_member";
pub const DEFAULT_MEMBER_ROLE_SOURCE: &str = "direct_assignment";

/// PKCE (RFC 7636): a `code_challenge` (S256) is BASE64URL without padding of a SHA-256 digest,
/// so 43 characters; a `code_verifier` is 43 to 128 characters of `[A-Za-z0-9-._~]`.
/// Source: https://www.rfc-editor.org/rfc/rfc7636#section-4.1 and #section-4.2. That Stytch
/// refuses values outside these rules (with `invalid_pkce_code_verifier` /
/// `invalid_pkce_code_challenge`) is **inferred**. Stytch's SDKs send a 64-character hex verifier
/// (stytchauth/stytch-android: source/sdk/src/main/java/com/stytch/sdk/common/Constants.kt,
/// CODE_CHALLENGE_BYTE_COUNT = 32).
pub const PKCE_CHALLENGE_LEN: usize = 43;
pub const PKCE_VERIFIER_MIN_LEN: usize = 43;
pub const PKCE_VERIFIER_MAX_LEN: usize = 128;

/// The `locale` values of the magic-link routes (`magic_links/email/login_or_signup`: the email's
/// language; `magic_links/authenticate`: the language of the SMS Stytch sends itself). No German.
/// Source: stytchauth/stytch-node: lib/b2b/magic_links_email.ts (LoginOrSignupRequest `locale`:
/// "en" | "es" | "pt-br" | "fr"; "if no value is provided, the copy defaults to English") and
/// lib/b2b/magic_links.ts (AuthenticateRequest `locale`, the same four); the `stytch` crate:
/// src/b2b/magic_links_email.rs (LoginOrSignupRequestLocale). The field is an optional string on
/// the SDK API too (stytchauth/stytch-mobile: source/sdks/sdk/resources/openapi.yml,
/// B2BMagicLinksLoginOrSignupRequest; stytchauth/stytch-browser:
/// packages/core/src/HeadlessClients/b2b/HeadlessB2BMagicLinkClient.ts).
pub const MAGIC_LINK_LOCALES: &[&str] = &["en", "es", "pt-br", "fr"];
/// The `locale` values of `otps/sms/send` (the code's SMS).
/// Source: stytchauth/stytch-node: lib/b2b/otp_sms.ts (SendRequest `locale`, since 2efdf9d "Add
/// more locales to SMS OTP", 2025-04-14); the `stytch` crate: src/b2b/otp_sms.rs
/// (SendRequestLocale). An optional string on the SDK API too (stytchauth/stytch-mobile:
/// source/sdks/sdk/resources/openapi.yml, B2BOTPsSMSSendRequest; stytchauth/stytch-browser:
/// packages/core/src/HeadlessClients/b2b/HeadlessB2BOTPsClient.ts).
pub const SMS_LOCALES: &[&str] = &["en", "es", "pt-br", "fr", "it", "de-DE", "zh-Hans", "ca-ES"];
/// Stytch's language when a request names none. Source: as [`MAGIC_LINK_LOCALES`] ("the copy
/// defaults to English").
pub const DEFAULT_LOCALE: &str = "en";
// A `locale` is compared exactly as the lists spell it (`de-DE`, not `de-de`): **inferred** (no
// source says whether Stytch folds case).

/// The fields of an organization that `POST /sdk/v1/b2b/organizations/search` answers with
/// (a subset of Organization; `null` when no organization has the slug): the union of what
/// stytch-android reads (`InternalOrganizationData` in
/// source/sdk/src/main/java/com/stytch/sdk/b2b/network/models/B2BResponseData.kt) and what
/// stytch-browser types (`OrganizationBySlugMatch` in packages/core/src/public/b2b/organizations.ts).
/// Neither has `mfa_methods` or `allowed_mfa_methods`; only stytch-browser has `mfa_policy`.
pub const SEARCH_ORGANIZATION_FIELDS: &[&str] = &[
    "organization_id",
    "organization_name",
    "organization_slug",
    "organization_logo_url",
    "sso_active_connections",
    "sso_default_connection_id",
    "email_allowed_domains",
    "email_jit_provisioning",
    "email_invites",
    "oauth_tenant_jit_provisioning",
    "allowed_oauth_tenants",
    "auth_methods",
    "allowed_auth_methods",
    "mfa_policy",
];

/// Not a Stytch fact but an emulator choice, kept here because it shows in responses:
/// sessions/authenticate hands back the same session JWT while it is younger than this and the
/// session's expiry has not moved. RS256 signing costs about a millisecond, so minting on every
/// call would cap the emulator far below real-world polling rates. The JWT stays valid (exp is
/// iat + 5 minutes), so a client cannot tell, except by comparing `iat`.
pub const JWT_REUSE_WINDOW: Duration = Duration::seconds(30);

// ---------------------------------------------------------------------------------------------
// Test-environment sandbox values: backend API only ("They will not work when used with a
// frontend or mobile Stytch SDK"). Source: https://stytch.com/docs/b2b/guides/testing/sandbox-values
// ---------------------------------------------------------------------------------------------

pub const SANDBOX_EMAIL: &str = "sandbox@stytch.com";
pub const SANDBOX_ORGANIZATION_ID: &str = "organization-test-007d9d4a-deac-4a87-ba0a-e6e8afba4d4b";
/// 200.
pub const SANDBOX_TOKEN_OK: &str = "DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=";
/// 401 `unable_to_auth_magic_link`.
pub const SANDBOX_TOKEN_UNAUTHORIZED: &str = "3pzjQpgksDlGKWEwUq2Up--hCHC_0oamfLHyfspKDFU=";
/// 404 `magic_link_not_found`.
pub const SANDBOX_TOKEN_NOT_FOUND: &str = "CprTtwhnRNiMBiUS2jSLcWYrfuO2POeBNdo5HhW6qTM=";
/// The sandbox member's id. **Inferred** (Stytch does not publish a B2B sandbox member).
pub const SANDBOX_MEMBER_ID: &str = "member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f";

/// Countries SMS may be sent to when international SMS is off (the default): +1 only.
/// **Inferred** (Stytch says international SMS is off by default; we treat NANP as domestic).
pub const DOMESTIC_SMS_PREFIXES: &[&str] = &["+1"];

// ---------------------------------------------------------------------------------------------
// Error types and their HTTP statuses
// ---------------------------------------------------------------------------------------------

/// An `error_type` with its HTTP status and where the pairing comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorKind {
    pub error_type: &'static str,
    pub status: u16,
    /// true when no public source gives this status (or this use of the error type).
    pub inferred: bool,
    /// A docs page URL or repository path, or `inferred: …` with the reason.
    pub source: &'static str,
}

const fn documented(error_type: &'static str, status: u16, source: &'static str) -> ErrorKind {
    ErrorKind {
        error_type,
        status,
        inferred: false,
        source,
    }
}

/// Every type below is in Stytch's published list (stytchauth/stytch-android:
/// source/sdk/src/main/java/com/stytch/sdk/common/errors/StytchAPIErrorType.kt) unless its
/// source says otherwise; the status and the situation it is used in are guesses.
const fn inferred(error_type: &'static str, status: u16) -> ErrorKind {
    ErrorKind {
        error_type,
        status,
        inferred: true,
        source: "inferred",
    }
}

const ERRORS_400: &str = "https://stytch.com/docs/b2b/api/errors/400";
const ERRORS_401: &str = "https://stytch.com/docs/b2b/api/errors/401";
const ERRORS_429: &str = "https://stytch.com/docs/api/errors/429";
const OPENAPI_EXAMPLES: &str =
    "stytchauth/stytch-mobile: source/sdks/sdk/resources/openapi.yml (every route's 401 and 500 examples)";

pub const UNAUTHORIZED_CREDENTIALS: ErrorKind =
    documented("unauthorized_credentials", 401, OPENAPI_EXAMPLES);
pub const TOO_MANY_REQUESTS: ErrorKind = documented("too_many_requests", 429, ERRORS_429);
pub const MAGIC_LINK_NOT_FOUND: ErrorKind = documented(
    "magic_link_not_found",
    404,
    "https://stytch.com/docs/b2b/guides/testing/sandbox-values",
);
pub const UNABLE_TO_AUTH_MAGIC_LINK: ErrorKind = documented(
    "unable_to_auth_magic_link",
    401,
    "https://stytch.com/docs/b2b/guides/testing/sandbox-values",
);
pub const SESSION_NOT_FOUND: ErrorKind = documented(
    "session_not_found",
    404,
    "https://stytch.com/docs/guides/testing/sandbox-values",
);
pub const INTERNAL_SERVER_ERROR: ErrorKind =
    documented("internal_server_error", 500, OPENAPI_EXAMPLES);
/// The SDK configuration's `basic.enabled` is off, or the switch of the route's product (see
/// [`product_of`]); message [`ENDPOINT_NOT_AUTHORIZED_MESSAGE`].
pub const ENDPOINT_NOT_AUTHORIZED_FOR_SDK: ErrorKind =
    documented("endpoint_not_authorized_for_sdk", 401, ERRORS_401);
/// A locked member: answered with no `Retry-After` (a lock lasts the environment's `user_lock_ttl`, [`LOCK_TTL_DEFAULT_SECONDS`] by default).
pub const USER_LOCK_LIMIT_REACHED: ErrorKind =
    documented("user_lock_limit_reached", 429, ERRORS_429);
/// Malformed JSON on either family; on the backend API also a missing required field or a field
/// of the wrong type (the SDK API answers those with [`SCHEMA_ERROR_STATUS`] instead). The type
/// and status are documented; the situations are inferred.
pub const BAD_REQUEST: ErrorKind = documented("bad_request", 400, ERRORS_400);

pub const PKCE_MISMATCH: ErrorKind = inferred("pkce_mismatch", 400);
pub const PKCE_EXPECTED_CODE_VERIFIER: ErrorKind = inferred("pkce_expected_code_verifier", 400);
/// A verifier sent for a flow started without a challenge.
pub const PKCE_DID_NOT_EXPECT_CODE_VERIFIER: ErrorKind =
    inferred("pkce_did_not_expect_code_verifier", 400);
/// A `pkce_code_verifier` outside RFC 7636's rules (see [`PKCE_VERIFIER_MIN_LEN`]).
pub const INVALID_PKCE_CODE_VERIFIER: ErrorKind = inferred("invalid_pkce_code_verifier", 400);
/// A `pkce_code_challenge` that is not 43 characters of base64url (see [`PKCE_CHALLENGE_LEN`]).
pub const INVALID_PKCE_CODE_CHALLENGE: ErrorKind = inferred("invalid_pkce_code_challenge", 400);
/// A `locale` outside the route's list ([`MAGIC_LINK_LOCALES`], [`SMS_LOCALES`]), on both families
/// (the SDK schema types the field as a plain string, so it is no schema error). The type is
/// Stytch's (stytchauth/stytch-browser: packages/core/src/public/StytchAPIErrorType.ts,
/// 'invalid_locale'); that Stytch refuses an unlisted value at all (the backend SDKs type the
/// field as the listed values `| string`) and its status are **inferred**.
pub const INVALID_LOCALE: ErrorKind = inferred("invalid_locale", 400);
pub const OTP_CODE_NOT_FOUND: ErrorKind = inferred("otp_code_not_found", 404);
pub const UNABLE_TO_AUTH_OTP_CODE: ErrorKind = inferred("unable_to_auth_otp_code", 401);
pub const INTERMEDIATE_SESSION_NOT_FOUND: ErrorKind =
    inferred("intermediate_session_not_found", 404);
pub const INVALID_IST_FOR_ORGANIZATION: ErrorKind =
    inferred("invalid_intermediate_session_token_for_organization", 400);
pub const MEMBER_NOT_FOUND: ErrorKind = inferred("member_not_found", 404);
pub const ORGANIZATION_NOT_FOUND: ErrorKind = inferred("organization_not_found", 404);
pub const INVALID_EMAIL: ErrorKind = inferred("invalid_email", 400);
pub const INVALID_PHONE_NUMBER: ErrorKind = inferred("invalid_phone_number", 400);
pub const INVALID_PHONE_NUMBER_COUNTRY_CODE: ErrorKind =
    inferred("invalid_phone_number_country_code", 400);
pub const INVALID_CODE: ErrorKind = inferred("invalid_code", 400);
pub const INVALID_SESSION_DURATION_MINUTES: ErrorKind =
    inferred("invalid_session_duration_minutes", 400);
/// Not 403 (https://stytch.com/docs/b2b/api/errors/403 does not list it, per the project's
/// reference page); no public source gives its status.
pub const EMAIL_JIT_PROVISIONING_NOT_ALLOWED: ErrorKind =
    inferred("email_jit_provisioning_not_allowed", 400);
/// Not 403, as [`EMAIL_JIT_PROVISIONING_NOT_ALLOWED`]; no public source gives its status.
pub const INVALID_EMAIL_FOR_JIT_PROVISIONING: ErrorKind =
    inferred("invalid_email_for_jit_provisioning", 400);
/// A body over [`MAX_BODY_BYTES`] (this type is not in Stytch's list).
pub const REQUEST_TOO_LARGE: ErrorKind = inferred("request_too_large", 413);
pub const ROUTE_NOT_FOUND: ErrorKind = inferred("route_not_found", 404);
pub const METHOD_NOT_ALLOWED: ErrorKind = inferred("method_not_allowed", 405);
/// A login/signup redirect URL that is not registered for the project.
pub const NO_MATCH_FOR_PROVIDED_MAGIC_LINK_URL: ErrorKind =
    inferred("no_match_for_provided_magic_link_url", 400);
pub const INVALID_EXPIRATION: ErrorKind = inferred("invalid_expiration", 400);
pub const TOO_MANY_SESSION_ARGUMENTS: ErrorKind = inferred("too_many_session_arguments", 400);
pub const NO_SESSION_ARGUMENTS: ErrorKind = inferred("no_session_arguments", 400);
pub const NO_SESSION_REVOKE_ARGUMENTS: ErrorKind = inferred("no_session_revoke_arguments", 400);
pub const TOO_MANY_SESSION_REVOKE_ARGUMENTS: ErrorKind =
    inferred("too_many_session_revoke_arguments", 400);
pub const UNABLE_TO_PARSE_SESSION_JWT: ErrorKind = inferred("unable_to_parse_session_jwt", 400);
/// sms/send for a member who already has an MFA factor, without proof of the primary factor.
pub const INVALID_SESSION_MISSING_PRIMARY_FACTOR: ErrorKind =
    inferred("invalid_session_missing_primary_factor", 400);
pub const INVALID_ORGANIZATION_MFA_POLICY: ErrorKind =
    inferred("invalid_organization_mfa_policy", 400);
pub const INVALID_ORGANIZATION_ALLOWED_MFA_METHODS: ErrorKind =
    inferred("invalid_organization_allowed_mfa_methods", 400);
pub const INVALID_ORGANIZATION_SLUG: ErrorKind = inferred("invalid_organization_slug", 400);
pub const ORGANIZATION_SLUG_ALREADY_USED: ErrorKind =
    inferred("organization_slug_already_used", 400);
/// A wrong TOTP code, or one outside the accepted steps ([`TOTP_SKEW_STEPS`]).
pub const INVALID_TOTP_CODE: ErrorKind = inferred("invalid_totp_code", 401);
/// A TOTP code of a step that already authenticated (a replay).
pub const TOTP_CODE_ALREADY_AUTHENTICATED: ErrorKind =
    inferred("totp_code_already_authenticated", 401);
/// totp/authenticate for a member without a TOTP registration.
pub const TOTP_NOT_FOUND: ErrorKind = inferred("totp_not_found", 404);
/// totp/authenticate against a pending registration whose `expiration_minutes` passed.
pub const UNABLE_TO_AUTHENTICATE_TOTP: ErrorKind = inferred("unable_to_authenticate_totp", 400);
pub const ACTIVE_TOTP_EXISTS: ErrorKind = documented("active_totp_exists", 400, ERRORS_400);
/// A wrong or already used recovery code.
pub const INVALID_RECOVERY_CODE: ErrorKind = inferred("invalid_recovery_code", 401);
/// The member has no authenticated TOTP registration, so no recovery codes.
pub const RECOVERY_CODES_NOT_FOUND: ErrorKind = inferred("recovery_codes_not_found", 404);
/// The organization's `mfa_methods` is RESTRICTED and `allowed_mfa_methods` lacks the method.
/// The type is Stytch's (stytchauth/stytch-node: lib/b2b/organizations.ts documents RESTRICTED:
/// "only methods that comply with `allowed_mfa_methods` can be used"); its status is inferred.
pub const OPERATION_RESTRICTED_BY_ORGANIZATION_MFA_METHODS: ErrorKind =
    inferred("operation_restricted_by_organization_mfa_methods", 403);
/// totp create by a member who has an MFA factor, with proof that lacks one (an IST, or a session
/// of the primary factor only). Stytch: "passing an intermediate session token, session token, or
/// session JWT with the existing MFA factor on it is required to prevent bypassing MFA"
/// (stytchauth/stytch-node: lib/b2b/totps.ts, create; the same text in the Create entry of
/// https://raw.githubusercontent.com/api-evangelist/stytch/main/collections/stytch-b2b-totp-api.opencollection.json);
/// the type and status are inferred.
pub const INSUFFICIENT_FACTORS: ErrorKind = inferred("insufficient_factors", 400);
/// The JWKS endpoint asked for another project's keys.
pub const PROJECT_NOT_FOUND: ErrorKind = inferred("project_not_found", 404);
/// Used when a fault is injected with a 503 and no error_type.
pub const SERVER_UNAVAILABLE: ErrorKind = inferred("server_unavailable", 503);
/// A `Host` a listening emulator does not serve (DNS rebinding protection; emulator only, not
/// in the list).
pub const MISDIRECTED_REQUEST: ErrorKind = inferred("misdirected_request", 421);
/// A control-surface POST whose body is not declared `application/json` (emulator only, not in
/// the list).
pub const UNSUPPORTED_MEDIA_TYPE: ErrorKind = inferred("unsupported_media_type", 415);

/// Every error kind above, for checks and listings.
pub const ERRORS: &[ErrorKind] = &[
    UNAUTHORIZED_CREDENTIALS,
    TOO_MANY_REQUESTS,
    MAGIC_LINK_NOT_FOUND,
    UNABLE_TO_AUTH_MAGIC_LINK,
    SESSION_NOT_FOUND,
    INTERNAL_SERVER_ERROR,
    ENDPOINT_NOT_AUTHORIZED_FOR_SDK,
    USER_LOCK_LIMIT_REACHED,
    BAD_REQUEST,
    PKCE_MISMATCH,
    PKCE_EXPECTED_CODE_VERIFIER,
    PKCE_DID_NOT_EXPECT_CODE_VERIFIER,
    INVALID_PKCE_CODE_VERIFIER,
    INVALID_PKCE_CODE_CHALLENGE,
    INVALID_LOCALE,
    OTP_CODE_NOT_FOUND,
    UNABLE_TO_AUTH_OTP_CODE,
    INTERMEDIATE_SESSION_NOT_FOUND,
    INVALID_IST_FOR_ORGANIZATION,
    MEMBER_NOT_FOUND,
    ORGANIZATION_NOT_FOUND,
    INVALID_EMAIL,
    INVALID_PHONE_NUMBER,
    INVALID_PHONE_NUMBER_COUNTRY_CODE,
    INVALID_CODE,
    INVALID_SESSION_DURATION_MINUTES,
    EMAIL_JIT_PROVISIONING_NOT_ALLOWED,
    INVALID_EMAIL_FOR_JIT_PROVISIONING,
    REQUEST_TOO_LARGE,
    ROUTE_NOT_FOUND,
    METHOD_NOT_ALLOWED,
    NO_MATCH_FOR_PROVIDED_MAGIC_LINK_URL,
    INVALID_EXPIRATION,
    TOO_MANY_SESSION_ARGUMENTS,
    NO_SESSION_ARGUMENTS,
    NO_SESSION_REVOKE_ARGUMENTS,
    TOO_MANY_SESSION_REVOKE_ARGUMENTS,
    UNABLE_TO_PARSE_SESSION_JWT,
    INVALID_SESSION_MISSING_PRIMARY_FACTOR,
    INVALID_ORGANIZATION_MFA_POLICY,
    INVALID_ORGANIZATION_ALLOWED_MFA_METHODS,
    INVALID_ORGANIZATION_SLUG,
    ORGANIZATION_SLUG_ALREADY_USED,
    PROJECT_NOT_FOUND,
    SERVER_UNAVAILABLE,
    MISDIRECTED_REQUEST,
    UNSUPPORTED_MEDIA_TYPE,
    INVALID_TOTP_CODE,
    TOTP_CODE_ALREADY_AUTHENTICATED,
    TOTP_NOT_FOUND,
    UNABLE_TO_AUTHENTICATE_TOTP,
    ACTIVE_TOTP_EXISTS,
    INVALID_RECOVERY_CODE,
    RECOVERY_CODES_NOT_FOUND,
    OPERATION_RESTRICTED_BY_ORGANIZATION_MFA_METHODS,
    INSUFFICIENT_FACTORS,
    BAD_APP_BUNDLE_FOR_STYTCH_SDK,
    INVALID_MOBILE_IDENTIFIER,
    BAD_DOMAIN_FOR_STYTCH_SDK,
    INVALID_SESSION_DURATION,
    CAPTCHA_REQUIRED,
    ENVIRONMENT_NOT_FOUND,
    REDIRECT_URL_NOT_FOUND,
    DUPLICATE_REDIRECT_URL,
];

/// The SDK API's answer to a request that fails its JSON schema (a missing required field, a
/// wrong type, a value outside an enum): this status and a body `{"body": [errors]}` with no
/// `error_type`, each error shaped like ajv's (`keyword`, `dataPath`, `schemaPath`, `params`,
/// `message`). Sources: stytchauth/stytch-browser: packages/core/src/NetworkClient.ts (a body
/// with `body`, `params` or `query` is a schema error) and NetworkClient.spec.ts
/// (MOCK_INVALID_SCHEMA_ERROR); stytchauth/stytch-android:
/// source/sdk/src/main/java/com/stytch/sdk/common/extensions/HttpExceptionExt.kt and
/// StytchSchemaError in common/network/models/CommonResponseData.kt. The status 400 is **inferred**
/// (stytch-android's test mock, source/sdk/src/test/java/com/stytch/sdk/utils/HttpExceptionUtils.kt,
/// uses 400). Malformed JSON is not a schema error: it answers [`BAD_REQUEST`] (**inferred**).
pub const SCHEMA_ERROR_STATUS: u16 = 400;

/// The error a fault with only a status answers with (emulator behaviour).
pub fn kind_for_status(status: u16) -> &'static str {
    match status {
        400 => BAD_REQUEST.error_type,
        401 => UNAUTHORIZED_CREDENTIALS.error_type,
        404 => ROUTE_NOT_FOUND.error_type,
        429 => TOO_MANY_REQUESTS.error_type,
        503 => SERVER_UNAVAILABLE.error_type,
        _ => INTERNAL_SERVER_ERROR.error_type,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_a_source(source: &str) -> bool {
        source.starts_with("inferred")
            || source.starts_with("https://")
            || (source.contains('/') && source.contains(": "))
    }

    #[test]
    fn every_route_and_error_names_a_source() {
        let all = ROUTES.iter().chain(MANAGEMENT_ROUTES);
        for r in all.chain([&MAGIC_LINK_REDIRECT_ROUTE]) {
            assert!(names_a_source(r.source), "{} {}", r.method, r.path);
        }
        for e in ERRORS {
            assert!(names_a_source(e.source), "{}", e.error_type);
            assert_eq!(
                e.inferred,
                e.source.starts_with("inferred"),
                "{}",
                e.error_type
            );
        }
    }

    #[test]
    fn routes_and_errors_are_listed_once() {
        for table in [ROUTES, MANAGEMENT_ROUTES] {
            for (i, a) in table.iter().enumerate() {
                assert!(!table[i + 1..]
                    .iter()
                    .any(|b| a.method == b.method && a.path == b.path));
            }
        }
        for (i, a) in ERRORS.iter().enumerate() {
            assert!(!ERRORS[i + 1..].iter().any(|b| a.error_type == b.error_type));
        }
    }

    #[test]
    fn every_sdk_rule_names_a_served_sdk_route() {
        let sdk = |p: &str| ROUTES.iter().any(|r| r.path == format!("/sdk/v1/b2b{p}"));
        for p in DFP_PROTECTED_ROUTES {
            assert!(sdk(p), "{p}");
        }
        for r in ROUTES.iter().filter(|r| r.path.starts_with("/sdk/")) {
            let route = &r.path["/sdk/v1/b2b".len()..];
            let open = route.starts_with("/sessions/") || route.starts_with("/organizations/");
            assert_eq!(product_of(route) == Product::None, open, "{route}");
        }
    }

    #[test]
    fn no_route_stytch_does_not_publish() {
        assert!(!ROUTES
            .iter()
            .any(|r| r.path.starts_with("/sdk/") && r.path.contains("jwks")));
        assert!(!ROUTES
            .iter()
            .any(|r| r.path == "/sdk/v1/b2b/organizations/{organization_id}"));
    }
}
