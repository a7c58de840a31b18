//! Every Stytch fact the emulator relies on, in one place.
//! Items marked **(inferred)** are our best guess, not documented by Stytch: change them here only.

use time::Duration;

// ---------------------------------------------------------------------------------------------
// Lifetimes and limits (documented in Stytch's API reference unless marked).
// ---------------------------------------------------------------------------------------------

/// An SMS one-time passcode lives 2 minutes.
pub const SMS_CODE_LIFETIME: Duration = Duration::minutes(2);
/// SMS codes have 6 digits.
pub const SMS_CODE_DIGITS: usize = 6;
/// An intermediate session token lives 10 minutes.
pub const IST_LIFETIME: Duration = Duration::minutes(10);
/// Magic links: default, minimum and maximum `*_expiration_minutes`.
pub const MAGIC_LINK_DEFAULT_MINUTES: i64 = 60;
pub const MAGIC_LINK_MIN_MINUTES: i64 = 5;
pub const MAGIC_LINK_MAX_MINUTES: i64 = 10080;
/// Sessions: default, minimum and maximum `session_duration_minutes`.
pub const SESSION_DEFAULT_MINUTES: i64 = 60;
pub const SESSION_MIN_MINUTES: i64 = 5;
pub const SESSION_MAX_MINUTES: i64 = 527_040;
/// A session JWT always lives 5 minutes.
pub const JWT_LIFETIME: Duration = Duration::minutes(5);
/// A locked member stays locked 1 hour by default.
pub const LOCK_DURATION: Duration = Duration::hours(1);
/// Failed SMS codes that lock a member **(inferred: Stytch documents the lock, not the count)**.
pub const LOCK_THRESHOLD: u32 = 10;
/// Failures older than this no longer count toward a lock **(inferred)**.
pub const LOCK_WINDOW: Duration = Duration::hours(1);
/// Request bodies above this size are refused with 413 **(inferred: limit and error type)**.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// The magic-link `stytch_token_type` of this flow.
pub const MAGIC_LINK_TOKEN_TYPE: &str = "multi_tenant_magic_links";
/// The role every member holds, and the source Stytch reports for it **(inferred: source type)**.
pub const DEFAULT_MEMBER_ROLE: &str = "stytch_member";
pub const DEFAULT_MEMBER_ROLE_SOURCE: &str = "direct_assignment";

/// Not a Stytch fact but an emulator choice, kept here because it shows in responses:
/// sessions/authenticate hands back the same session JWT while it is younger than this and the
/// session's expiry has not moved. RS256 signing costs about a millisecond, so minting on every
/// call would cap the emulator far below real-world polling rates. The JWT stays valid (exp is
/// iat + 5 minutes), so a client cannot tell, except by comparing `iat`.
pub const JWT_REUSE_WINDOW: Duration = Duration::seconds(30);

// ---------------------------------------------------------------------------------------------
// Test-environment sandbox values (documented; backend API only).
// ---------------------------------------------------------------------------------------------

pub const SANDBOX_EMAIL: &str = "sandbox@stytch.com";
pub const SANDBOX_ORGANIZATION_ID: &str = "organization-test-007d9d4a-deac-4a87-ba0a-e6e8afba4d4b";
pub const SANDBOX_TOKEN_OK: &str = "DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=";
pub const SANDBOX_TOKEN_UNAUTHORIZED: &str = "3pzjQpgksDlGKWEwUq2Up--hCHC_0oamfLHyfspKDFU=";
pub const SANDBOX_TOKEN_NOT_FOUND: &str = "CprTtwhnRNiMBiUS2jSLcWYrfuO2POeBNdo5HhW6qTM=";
/// The sandbox member's id **(inferred: Stytch does not publish a B2B sandbox member)**.
pub const SANDBOX_MEMBER_ID: &str = "member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f";

/// Countries SMS may be sent to when international SMS is off (the default): +1 only
/// **(inferred: Stytch says international SMS is off by default; we treat NANP as domestic)**.
pub const DOMESTIC_SMS_PREFIXES: &[&str] = &["+1"];

// ---------------------------------------------------------------------------------------------
// Error types and their HTTP statuses.
// ---------------------------------------------------------------------------------------------

/// An `error_type` with its HTTP status, and whether the pairing is documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorKind {
    pub error_type: &'static str,
    pub status: u16,
    /// true when Stytch does not document this status (or this use of the error type).
    pub inferred: bool,
}

const fn documented(error_type: &'static str, status: u16) -> ErrorKind {
    ErrorKind {
        error_type,
        status,
        inferred: false,
    }
}

const fn inferred(error_type: &'static str, status: u16) -> ErrorKind {
    ErrorKind {
        error_type,
        status,
        inferred: true,
    }
}

pub const UNAUTHORIZED_CREDENTIALS: ErrorKind = documented("unauthorized_credentials", 401);
pub const TOO_MANY_REQUESTS: ErrorKind = documented("too_many_requests", 429);
pub const MAGIC_LINK_NOT_FOUND: ErrorKind = documented("magic_link_not_found", 404);
pub const UNABLE_TO_AUTH_MAGIC_LINK: ErrorKind = documented("unable_to_auth_magic_link", 401);
pub const SESSION_NOT_FOUND: ErrorKind = documented("session_not_found", 404);
pub const INTERNAL_SERVER_ERROR: ErrorKind = documented("internal_server_error", 500);

pub const PKCE_MISMATCH: ErrorKind = inferred("pkce_mismatch", 400);
pub const PKCE_EXPECTED_CODE_VERIFIER: ErrorKind = inferred("pkce_expected_code_verifier", 400);
/// A verifier sent for a flow started without a challenge (type from Stytch's SDK error list).
pub const PKCE_DID_NOT_EXPECT_CODE_VERIFIER: ErrorKind =
    inferred("pkce_did_not_expect_code_verifier", 400);
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
pub const USER_LOCK_LIMIT_REACHED: ErrorKind = inferred("user_lock_limit_reached", 400);
pub const ENDPOINT_NOT_AUTHORIZED_FOR_SDK: ErrorKind =
    inferred("endpoint_not_authorized_for_sdk", 403);

// The following types all appear in Stytch's published error-type list (stytch-android's
// StytchAPIErrorType); which one Stytch picks in each situation, and the status, are inferred.

/// Malformed JSON, a missing required field or a field of the wrong type.
pub const BAD_REQUEST: ErrorKind = inferred("bad_request", 400);
/// A body over [`MAX_BODY_BYTES`] (this type is not in Stytch's list).
pub const REQUEST_TOO_LARGE: ErrorKind = inferred("request_too_large", 413);
pub const ROUTE_NOT_FOUND: ErrorKind = inferred("route_not_found", 404);
pub const METHOD_NOT_ALLOWED: ErrorKind = inferred("method_not_allowed", 405);
/// A login/signup redirect URL that is not registered for the project.
pub const NO_MATCH_FOR_PROVIDED_MAGIC_LINK_URL: ErrorKind =
    inferred("no_match_for_provided_magic_link_url", 400);
pub const INVALID_EXPIRATION: ErrorKind = inferred("invalid_expiration", 400);
pub const EMAIL_JIT_PROVISIONING_NOT_ALLOWED: ErrorKind =
    inferred("email_jit_provisioning_not_allowed", 403);
pub const INVALID_EMAIL_FOR_JIT_PROVISIONING: ErrorKind =
    inferred("invalid_email_for_jit_provisioning", 403);
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
/// The JWKS endpoint asked for another project's keys.
pub const PROJECT_NOT_FOUND: ErrorKind = inferred("project_not_found", 404);
/// Used when a fault is injected with a 503 and no error_type.
pub const SERVER_UNAVAILABLE: ErrorKind = inferred("server_unavailable", 503);

/// The error a fault with only a status answers with.
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
