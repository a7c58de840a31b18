//! The crate's one error type. A Stytch error keeps Stytch's own `error_type` untouched; transport
//! failures, timeouts, undecodable bodies and refused inputs are their own kinds. Display texts
//! are for logs (they never contain a secret); the app maps kinds to words for people.

use std::{fmt, time::Duration};

use crate::validated::{InvalidInput, RequestId};

/// How much of an undecodable body an error keeps.
pub const RAW_BODY_LIMIT: usize = 2048;

macro_rules! error_types {
    ($($variant:ident => $s:literal, $doc:literal;)*) => {
        /// Stytch's `error_type`, string-backed: the values the reference lists, and any other
        /// value kept verbatim in [`ErrorType::Unknown`].
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorType {
            $(#[doc = $doc] $variant,)*
            /// An `error_type` this crate does not know; the raw string.
            Unknown(String),
        }

        impl ErrorType {
            /// Every known variant (for tests and for the app's message tables).
            pub const KNOWN: &'static [ErrorType] = &[$(ErrorType::$variant,)*];

            /// Stytch's string.
            pub fn as_str(&self) -> &str {
                match self {
                    $(ErrorType::$variant => $s,)*
                    ErrorType::Unknown(s) => s,
                }
            }

            /// Maps Stytch's string to a variant; anything else becomes `Unknown`.
            pub fn parse(s: &str) -> Self {
                match s {
                    $($s => ErrorType::$variant,)*
                    other => ErrorType::Unknown(other.to_owned()),
                }
            }
        }
    };
}

error_types! {
    UnauthorizedCredentials => "unauthorized_credentials", "401: bad project id, secret or public token; on a call that carried a session, that session is gone (see [`ErrorType::ends_session`]).";
    UserUnauthenticated => "user_unauthenticated", "Status unpublished: the session a call carried is not valid (see [`ErrorType::ends_session`]).";
    InvalidSecretAuthentication => "invalid_secret_authentication", "Status unpublished: the session a call carried is not valid (see [`ErrorType::ends_session`]).";
    TooManyRequests => "too_many_requests", "429: rate limited (SMS sends hardest).";
    MagicLinkNotFound => "magic_link_not_found", "404: unknown magic link token.";
    UnableToAuthMagicLink => "unable_to_auth_magic_link", "401: magic link token used or expired.";
    PkceMismatch => "pkce_mismatch", "400: the verifier does not match the challenge (link opened elsewhere).";
    PkceExpectedCodeVerifier => "pkce_expected_code_verifier", "400: the flow started with a challenge but no verifier was sent.";
    OtpCodeNotFound => "otp_code_not_found", "404: wrong code.";
    UnableToAuthOtpCode => "unable_to_auth_otp_code", "401: code expired or already used.";
    IntermediateSessionNotFound => "intermediate_session_not_found", "404: IST unknown or expired.";
    SessionNotFound => "session_not_found", "404: session unknown, expired or revoked.";
    MemberNotFound => "member_not_found", "404.";
    OrganizationNotFound => "organization_not_found", "404.";
    InvalidEmail => "invalid_email", "400.";
    InvalidPhoneNumber => "invalid_phone_number", "400.";
    InvalidPhoneNumberCountryCode => "invalid_phone_number_country_code", "400: international SMS is off for the project.";
    InvalidCode => "invalid_code", "400.";
    InvalidSessionDurationMinutes => "invalid_session_duration_minutes", "400.";
    UserLockLimitReached => "user_lock_limit_reached", "429 (Stytch docs, errors/429): member locked after 10 consecutive failures, for an hour. Never retried.";
    EndpointNotAuthorizedForSdk => "endpoint_not_authorized_for_sdk", "401 (Stytch docs, B2B errors/401): the SDK endpoint is not enabled in the dashboard.";
    InvalidPkceCodeVerifier => "invalid_pkce_code_verifier", "400 (inferred status): a malformed PKCE verifier.";
    InvalidPkceCodeChallenge => "invalid_pkce_code_challenge", "400 (inferred status): a malformed PKCE challenge.";
    EmailJitProvisioningNotAllowed => "email_jit_provisioning_not_allowed", "Status undocumented: the organization does not let this email sign up.";
    InvalidEmailForJitProvisioning => "invalid_email_for_jit_provisioning", "Status undocumented: the email's domain may not sign up to this organization.";
    BadDomainForStytchSdk => "bad_domain_for_stytch_sdk", "Status inferred (400): the SDK call came from a web origin not among the SDK configuration's authorized domains.";
    BadAppBundleForStytchSdk => "bad_app_bundle_for_stytch_sdk", "400 (Stytch docs, api/errors/400): `X-SDK-Client`'s app identifier is not among the SDK configuration's authorized bundle IDs.";
    InvalidMobileIdentifier => "invalid_mobile_identifier", "Status inferred (400; the type is named in Stytch's react-native SDK configuration docs and stytch-browser `StytchAPIErrorType.ts`): the SDK call named no app identifier Stytch could check.";
    InvalidSessionDuration => "invalid_session_duration", "Status inferred (400; type and meaning from stytch-ios's localized error messages): `session_duration_minutes` exceeds the SDK configuration's maximum session duration.";
    NoMatchForProvidedMagicLinkUrl => "no_match_for_provided_magic_link_url", "Status inferred (400; type and meaning from stytch-ios's localized error messages): the redirect URL is not registered for the project (for its type).";
    InvalidLoginRedirectUrl => "invalid_login_redirect_url", "Status inferred (400; type from stytch-browser `StytchAPIErrorType.ts`): the login redirect URL is not a registered Login URL.";
    InvalidSignupRedirectUrl => "invalid_signup_redirect_url", "Status inferred (400; type from stytch-browser `StytchAPIErrorType.ts`): the sign-up redirect URL is not a registered Sign-up URL.";
    CaptchaRequired => "captcha_required", "403 (Stytch docs, api/errors/403): device-fingerprint protection demands a captcha.";
    CaptchaFailed => "captcha_failed", "429 (Stytch docs, api/errors/429): the captcha did not pass.";
    CnameRequiredForHttpOnlyCookies => "cname_required_for_http_only_cookies", "401 (Stytch docs, api/errors/401): HttpOnly cookies are Enforced, which the default API host cannot serve.";
    CnameInvalidForHttpOnlyCookies => "cname_invalid_for_http_only_cookies", "401 (Stytch docs, api/errors/401): HttpOnly cookies are Enforced and the host is not a valid custom domain.";
    InvalidTotpCode => "invalid_totp_code", "Status inferred (401): the TOTP code is wrong or too far from the current time step; counts toward the member lock.";
    TotpCodeAlreadyAuthenticated => "totp_code_already_authenticated", "Status inferred (401): this time step's code already authenticated (a replay); wait for the next code.";
    UnableToAuthenticateTotp => "unable_to_authenticate_totp", "Status inferred (400): the pending TOTP registration expired before its first code; create another.";
    InsufficientFactors => "insufficient_factors", "Status inferred (400): the member already has an MFA factor, and the proof sent (an IST or a one-factor session) does not carry it.";
    TotpNotFound => "totp_not_found", "404 (inferred status): no TOTP registration.";
    ActiveTotpExists => "active_totp_exists", "400 (Stytch docs, B2B errors/400): the member already has a TOTP registration; delete it before creating another.";
    InvalidRecoveryCode => "invalid_recovery_code", "Status inferred (401): the recovery code is wrong or already used; counts toward the member lock.";
    RecoveryCodesNotFound => "recovery_codes_not_found", "404 (inferred status): the member has no recovery codes (no TOTP registration).";
    OperationRestrictedByOrganizationMfaMethods => "operation_restricted_by_organization_mfa_methods", "Status inferred (403): the organization's `mfa_methods` is RESTRICTED and its `allowed_mfa_methods` lacks this method.";
    InvalidLocale => "invalid_locale", "Status inferred (400; type from stytch-browser `packages/core/src/public/StytchAPIErrorType.ts`): the `locale` is not one the route lists (see [`MagicLinkLocale`](crate::MagicLinkLocale), [`SmsLocale`](crate::SmsLocale)).";
    InternalServerError => "internal_server_error", "500.";
}

impl ErrorType {
    /// On a call that carried a session (its token as the Basic password), whether this answer
    /// means the session is gone: every Stytch SDK then clears it and signs the member out.
    /// Sources: stytch-browser `packages/core/src/public/SDKErrors.ts` (its unrecoverable error
    /// types) and `HeadlessB2BSessionClient.ts`; stytch-android `common/errors/StytchAPIError.kt`;
    /// stytch-mobile `B2BNetworkingClientMiddleware.kt`; stytch-ios `NetworkingRouter.swift`
    /// (any 401). Which of the four the SDK API sends for an expired session is not published.
    /// On a call without a session, `unauthorized_credentials` means the public token is wrong.
    pub fn ends_session(&self) -> bool {
        matches!(
            self,
            ErrorType::UnauthorizedCredentials
                | ErrorType::UserUnauthenticated
                | ErrorType::InvalidSecretAuthentication
                | ErrorType::SessionNotFound
        )
    }
}

impl fmt::Display for ErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ErrorType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Self::parse(&s))
    }
}

impl serde::Serialize for ErrorType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Which phase a transport failure happened in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// The connection could not be made: no request bytes were sent.
    Connect,
    /// Anything else (reset mid-request, body read failure, …): the request may have arrived.
    Other,
}

/// Why a session JWT was refused by [`SessionJwtVerifier`](crate::SessionJwtVerifier).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JwtRejection {
    /// Not a JWT, not RS256, no `kid`, or undecodable claims.
    #[error("malformed session JWT: {0}")]
    Malformed(String),
    /// No key in the JWKS has the token's `kid` (after one refetch, or within the refetch pause).
    #[error("no JWKS key with the token's kid")]
    UnknownKeyId,
    /// The signature does not verify.
    #[error("bad signature")]
    BadSignature,
    /// `exp` is in the past (beyond the leeway).
    #[error("session JWT expired")]
    Expired,
    /// `nbf` is in the future (beyond the leeway).
    #[error("session JWT not yet valid")]
    NotYetValid,
    /// `iss` is not Stytch's for this project.
    #[error("wrong issuer")]
    WrongIssuer,
    /// `aud` does not contain the project id.
    #[error("wrong audience")]
    WrongAudience,
    /// A required claim is missing.
    #[error("missing claim {0}")]
    MissingClaim(String),
}

/// The undecodable body of a response, truncated to [`RAW_BODY_LIMIT`] bytes.
///
/// Its `Debug` prints only the length: a 200 body that failed to decode may still hold session
/// tokens. Read it with [`RawBody::as_str`] when diagnosing, and do not log it in production.
#[derive(Clone, PartialEq, Eq)]
pub struct RawBody {
    text: String,
    original_len: usize,
}

impl RawBody {
    pub(crate) fn new(bytes: &[u8]) -> Self {
        let lossy = String::from_utf8_lossy(bytes);
        let mut end = lossy.len().min(RAW_BODY_LIMIT);
        while !lossy.is_char_boundary(end) {
            end -= 1;
        }
        Self {
            text: lossy[..end].to_owned(),
            original_len: bytes.len(),
        }
    }

    /// The body text (lossy UTF-8), at most [`RAW_BODY_LIMIT`] bytes.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The length of the whole body in bytes, before truncation.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// Whether the body was cut.
    pub fn is_truncated(&self) -> bool {
        self.original_len > self.text.len()
    }
}

impl fmt::Debug for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawBody({} bytes)", self.original_len)
    }
}

/// Everything that can go wrong in this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Stytch answered with an error body.
    #[error("stytch error {status} {error_type}: {error_message} (request {request_id:?})")]
    Stytch {
        /// HTTP status.
        status: u16,
        /// Stytch's `error_type`, untouched.
        error_type: ErrorType,
        /// Stytch's `error_message` (English, for logs).
        error_message: String,
        /// Stytch's `request_id`, if given.
        request_id: Option<RequestId>,
        /// Stytch's `error_url`, if given.
        error_url: Option<String>,
        /// From the `Retry-After` header (seconds), if given.
        retry_after: Option<Duration>,
    },
    /// The SDK API refused the request's shape (`{body, params, query}`, no `error_type`): a
    /// missing or mistyped field. A bug in this client, never the person's input.
    #[error("Stytch refused the request's shape (HTTP {status}, {} bytes)", .body.original_len())]
    Schema {
        /// HTTP status (400).
        status: u16,
        /// The error body, truncated: which fields failed.
        body: RawBody,
    },
    /// Stytch (or something in its place) answered with a redirect, which is never followed.
    #[error("Stytch answered with a redirect (HTTP {status}); redirects are not followed")]
    Redirect {
        /// The 3xx status.
        status: u16,
    },
    /// The answer was larger than the client reads.
    #[error("Stytch's answer is larger than {limit} bytes; refused")]
    TooLarge {
        /// The cap, in bytes.
        limit: usize,
    },
    /// The request could not be completed at the HTTP level.
    #[error("transport error ({kind:?}): {source}")]
    Transport {
        /// Whether it failed while connecting.
        kind: TransportKind,
        /// The underlying error (its text names the URL, which holds no secret).
        #[source]
        source: reqwest::Error,
    },
    /// The connect timeout or the total request timeout elapsed.
    #[error("timed out ({}): {source}", if *.connect { "connect" } else { "request" })]
    Timeout {
        /// True when it was the connect timeout (nothing was sent).
        connect: bool,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },
    /// The body was not the JSON expected (not JSON, or of the wrong shape).
    // serde's own message can quote a value from the body ("invalid type: string \"…\""), and a
    // body may carry a token or a code: Display (what logs print) names only the kind and place.
    #[error(
        "could not decode Stytch's response (HTTP {status}, {} bytes): {:?} error at line {}, column {}",
        .body.original_len(), .source.classify(), .source.line(), .source.column()
    )]
    Decode {
        /// HTTP status.
        status: u16,
        /// The raw body, truncated.
        body: RawBody,
        /// What serde said.
        #[source]
        source: serde_json::Error,
    },
    /// An input failed validation: nothing was sent.
    #[error(transparent)]
    InvalidInput(#[from] InvalidInput),
    /// The configuration cannot make a client (e.g. test or live cannot be told, bad base URL).
    #[error("configuration: {0}")]
    Config(String),
    /// The endpoint does not exist in the configured API family (nothing was sent).
    #[error("{endpoint} is not available in the {family:?} API family")]
    Unsupported {
        /// The endpoint.
        endpoint: &'static str,
        /// The family in use.
        family: crate::config::Family,
    },
    /// A session JWT failed the offline check.
    #[error("session JWT refused: {0}")]
    InvalidJwt(#[from] JwtRejection),
}

impl Error {
    /// Stytch's `error_type`, for Stytch errors.
    pub fn error_type(&self) -> Option<&ErrorType> {
        match self {
            Error::Stytch { error_type, .. } => Some(error_type),
            _ => None,
        }
    }

    /// On a call that carried a session: whether Stytch says that session is gone (see
    /// [`ErrorType::ends_session`]).
    pub fn ends_session(&self) -> bool {
        self.error_type().is_some_and(ErrorType::ends_session)
    }

    /// The HTTP status, when there was a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Stytch { status, .. }
            | Error::Decode { status, .. }
            | Error::Schema { status, .. }
            | Error::Redirect { status } => Some(*status),
            _ => None,
        }
    }

    /// Stytch's request id, when Stytch gave one.
    pub fn request_id(&self) -> Option<&RequestId> {
        match self {
            Error::Stytch { request_id, .. } => request_id.as_ref(),
            _ => None,
        }
    }

    /// The `Retry-After` Stytch asked for, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Stytch { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// Whether the failure is transient (rate limit, 5xx, transport, timeout): worth trying again
    /// later *if the call is safe to repeat*. The client retries by itself only where it is.
    /// A member lock and a failed captcha are 429s too, but waiting does not help: never transient.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Stytch {
                error_type: ErrorType::UserLockLimitReached | ErrorType::CaptchaFailed,
                ..
            } => false,
            Error::Stytch { status, .. } | Error::Decode { status, .. } => {
                *status == 429 || (500..600).contains(status)
            }
            Error::Transport { .. } | Error::Timeout { .. } => true,
            Error::InvalidInput(_)
            | Error::Schema { .. }
            | Error::Redirect { .. }
            | Error::TooLarge { .. }
            | Error::Config(_)
            | Error::Unsupported { .. }
            | Error::InvalidJwt(_) => false,
        }
    }

    /// Whether it is known that no request bytes reached Stytch (connect failure or connect
    /// timeout, or a refused input), so repeating cannot double an effect.
    pub fn is_before_send(&self) -> bool {
        matches!(
            self,
            Error::Transport {
                kind: TransportKind::Connect,
                ..
            } | Error::Timeout { connect: true, .. }
                | Error::InvalidInput(_)
        )
    }

    pub(crate) fn from_reqwest(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            Error::Timeout {
                connect: e.is_connect(),
                source: e,
            }
        } else if e.is_connect() {
            Error::Transport {
                kind: TransportKind::Connect,
                source: e,
            }
        } else {
            Error::Transport {
                kind: TransportKind::Other,
                source: e,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_decode_error_never_quotes_the_body() {
        let body = br#"{"session_token":"session-token-test-quoted-0000"}"#;
        let source =
            serde_json::from_slice::<u32>(b"\"session-token-test-quoted-0000\"").unwrap_err();
        assert!(
            source
                .to_string()
                .contains("session-token-test-quoted-0000"),
            "serde quotes it"
        );
        let e = super::Error::Decode {
            status: 200,
            body: super::RawBody::new(body),
            source,
        };
        let shown = e.to_string();
        assert!(!shown.contains("session-token-test-quoted-0000"), "{shown}");
        assert!(shown.contains("Data error at line 1"), "{shown}");
    }

    use super::*;

    #[test]
    fn every_reference_error_type_round_trips() {
        let table = [
            (
                "unauthorized_credentials",
                ErrorType::UnauthorizedCredentials,
            ),
            ("user_unauthenticated", ErrorType::UserUnauthenticated),
            (
                "invalid_secret_authentication",
                ErrorType::InvalidSecretAuthentication,
            ),
            ("too_many_requests", ErrorType::TooManyRequests),
            ("magic_link_not_found", ErrorType::MagicLinkNotFound),
            (
                "unable_to_auth_magic_link",
                ErrorType::UnableToAuthMagicLink,
            ),
            ("pkce_mismatch", ErrorType::PkceMismatch),
            (
                "pkce_expected_code_verifier",
                ErrorType::PkceExpectedCodeVerifier,
            ),
            ("otp_code_not_found", ErrorType::OtpCodeNotFound),
            ("unable_to_auth_otp_code", ErrorType::UnableToAuthOtpCode),
            (
                "intermediate_session_not_found",
                ErrorType::IntermediateSessionNotFound,
            ),
            ("session_not_found", ErrorType::SessionNotFound),
            ("member_not_found", ErrorType::MemberNotFound),
            ("organization_not_found", ErrorType::OrganizationNotFound),
            ("invalid_email", ErrorType::InvalidEmail),
            ("invalid_phone_number", ErrorType::InvalidPhoneNumber),
            (
                "invalid_phone_number_country_code",
                ErrorType::InvalidPhoneNumberCountryCode,
            ),
            ("invalid_code", ErrorType::InvalidCode),
            (
                "invalid_session_duration_minutes",
                ErrorType::InvalidSessionDurationMinutes,
            ),
            ("user_lock_limit_reached", ErrorType::UserLockLimitReached),
            (
                "endpoint_not_authorized_for_sdk",
                ErrorType::EndpointNotAuthorizedForSdk,
            ),
            (
                "invalid_pkce_code_verifier",
                ErrorType::InvalidPkceCodeVerifier,
            ),
            (
                "invalid_pkce_code_challenge",
                ErrorType::InvalidPkceCodeChallenge,
            ),
            (
                "email_jit_provisioning_not_allowed",
                ErrorType::EmailJitProvisioningNotAllowed,
            ),
            (
                "invalid_email_for_jit_provisioning",
                ErrorType::InvalidEmailForJitProvisioning,
            ),
            (
                "bad_domain_for_stytch_sdk",
                ErrorType::BadDomainForStytchSdk,
            ),
            (
                "bad_app_bundle_for_stytch_sdk",
                ErrorType::BadAppBundleForStytchSdk,
            ),
            (
                "invalid_mobile_identifier",
                ErrorType::InvalidMobileIdentifier,
            ),
            (
                "invalid_session_duration",
                ErrorType::InvalidSessionDuration,
            ),
            (
                "no_match_for_provided_magic_link_url",
                ErrorType::NoMatchForProvidedMagicLinkUrl,
            ),
            (
                "invalid_login_redirect_url",
                ErrorType::InvalidLoginRedirectUrl,
            ),
            (
                "invalid_signup_redirect_url",
                ErrorType::InvalidSignupRedirectUrl,
            ),
            ("captcha_required", ErrorType::CaptchaRequired),
            ("captcha_failed", ErrorType::CaptchaFailed),
            (
                "cname_required_for_http_only_cookies",
                ErrorType::CnameRequiredForHttpOnlyCookies,
            ),
            (
                "cname_invalid_for_http_only_cookies",
                ErrorType::CnameInvalidForHttpOnlyCookies,
            ),
            ("invalid_totp_code", ErrorType::InvalidTotpCode),
            (
                "totp_code_already_authenticated",
                ErrorType::TotpCodeAlreadyAuthenticated,
            ),
            ("insufficient_factors", ErrorType::InsufficientFactors),
            (
                "unable_to_authenticate_totp",
                ErrorType::UnableToAuthenticateTotp,
            ),
            ("totp_not_found", ErrorType::TotpNotFound),
            ("active_totp_exists", ErrorType::ActiveTotpExists),
            ("invalid_recovery_code", ErrorType::InvalidRecoveryCode),
            ("recovery_codes_not_found", ErrorType::RecoveryCodesNotFound),
            (
                "operation_restricted_by_organization_mfa_methods",
                ErrorType::OperationRestrictedByOrganizationMfaMethods,
            ),
            ("invalid_locale", ErrorType::InvalidLocale),
            ("internal_server_error", ErrorType::InternalServerError),
        ];
        assert_eq!(table.len(), ErrorType::KNOWN.len());
        for (s, v) in table {
            assert_eq!(ErrorType::parse(s), v, "{s}");
            assert_eq!(v.as_str(), s);
            let json: ErrorType = serde_json::from_value(serde_json::json!(s)).unwrap();
            assert_eq!(json, v);
        }
        assert_eq!(
            ErrorType::parse("brand_new_error"),
            ErrorType::Unknown("brand_new_error".into())
        );
        assert_eq!(
            ErrorType::parse("brand_new_error").as_str(),
            "brand_new_error"
        );
    }

    #[test]
    fn the_four_answers_that_end_a_session_and_nothing_else() {
        let ending: Vec<&str> = ErrorType::KNOWN
            .iter()
            .filter(|t| t.ends_session())
            .map(ErrorType::as_str)
            .collect();
        assert_eq!(
            ending,
            [
                "unauthorized_credentials",
                "user_unauthenticated",
                "invalid_secret_authentication",
                "session_not_found"
            ]
        );
        assert!(!ErrorType::Unknown("session_expired".into()).ends_session());
    }

    #[test]
    fn raw_body_truncates_on_a_char_boundary() {
        let body = "é".repeat(2000); // 4000 bytes
        let raw = RawBody::new(body.as_bytes());
        assert!(raw.as_str().len() <= RAW_BODY_LIMIT);
        assert!(raw.is_truncated());
        assert_eq!(raw.original_len(), 4000);
        assert_eq!(format!("{raw:?}"), "RawBody(4000 bytes)");
    }
}
