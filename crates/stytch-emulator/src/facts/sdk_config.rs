//! What a project's B2B SDK configuration makes the client-SDK API (`/sdk/v1/…`) refuse, and how:
//! the caller's identity, the product switches per route, the session cap, captcha, HttpOnly
//! cookies, and the answer to a dead session. The backend API is unaffected by all of it.

use super::{documented, inferred, ErrorKind};

const ERRORS_400: &str = "https://stytch.com/docs/api/errors/400";
const ERRORS_403: &str = "https://stytch.com/docs/api/errors/403";

/// A caller without `Origin` whose `X-SDK-Client` `app.identifier` is not one of the
/// configuration's `basic.bundle_ids`. Native SDKs (Android, iOS, React Native, and
/// stytch-mobile's JVM desktop target) identify the app only this way and send no `Origin`.
/// Message from the docs page.
pub const BAD_APP_BUNDLE_FOR_STYTCH_SDK: ErrorKind =
    documented("bad_app_bundle_for_stytch_sdk", 400, ERRORS_400);
pub const BAD_APP_BUNDLE_MESSAGE: &str = "This app bundle ID has not been registered as an allowed app for the Stytch SDK. Please add it here: https://stytch.com/dashboard/sdk-configuration";
/// A caller without `Origin` whose `X-SDK-Client` is missing, not base64 JSON, or names no
/// `app.identifier`. The type exists (the react-native SDK's configuration docs;
/// stytch-browser's StytchAPIErrorType.ts); its status and this use are **inferred**.
pub const INVALID_MOBILE_IDENTIFIER: ErrorKind = inferred("invalid_mobile_identifier", 400);
/// A caller whose `Origin` matches none of `basic.domains` (same-origin match: scheme, host and
/// port; a domain given without a scheme matches on host and port). The type is in
/// stytch-browser's StytchAPIErrorType.ts; its status and the matching are **inferred**.
pub const BAD_DOMAIN_FOR_STYTCH_SDK: ErrorKind = inferred("bad_domain_for_stytch_sdk", 400);
/// `session_duration_minutes` above `sessions.max_session_duration_minutes` on an SDK call
/// (stytch-browser `packages/core/src/public/common.ts`: the duration "may not exceed the
/// maximum session duration … set in the SDK Configuration page"). The type is in
/// stytch-browser's StytchAPIErrorType.ts and the message is stytch-ios's
/// (`LocalizationManager`); the status is **inferred**.
pub const INVALID_SESSION_DURATION: ErrorKind = inferred("invalid_session_duration", 400);
pub const INVALID_SESSION_DURATION_MESSAGE: &str =
    "The submitted session duration exceeds the maximum session duration allowed for this project.";
/// Device-fingerprint protection is on (`dfppa.enabled` ENABLED) with `on_challenge`
/// TRIGGER_CAPTCHA or BLOCK, and a protected call (see [`DFP_PROTECTED_ROUTES`]) carries no
/// `captcha_token`: the emulator treats every such call as challenged (**inferred**: Stytch
/// decides from the fingerprint). stytch-browser's NetworkClient.ts retries when a failed call's
/// body contains the text "Captcha required"; this JSON body's message is that text.
pub const CAPTCHA_REQUIRED: ErrorKind = documented("captcha_required", 403, ERRORS_403);
pub const CAPTCHA_REQUIRED_MESSAGE: &str = "Captcha required";
/// The message of `endpoint_not_authorized_for_sdk` (the type and status are
/// [`super::ENDPOINT_NOT_AUTHORIZED_FOR_SDK`]): from https://stytch.com/docs/b2b/api/errors/401.
pub const ENDPOINT_NOT_AUTHORIZED_MESSAGE: &str = "The project owner has not authorized the SDK to call this endpoint. Please enable it in the dashboard to continue: https://stytch.com/dashboard/sdk-configuration.";

/// `magic_links.pkce_required` and a `login_or_signup` without `pkce_code_challenge`:
/// `invalid_pkce_code_challenge` ([`super::INVALID_PKCE_CODE_CHALLENGE`]; no type in
/// StytchAPIErrorType.ts names a missing challenge, so this choice is **inferred**).
pub const PKCE_REQUIRED_REFUSAL: ErrorKind = super::INVALID_PKCE_CODE_CHALLENGE;

/// Which switch of the configuration each SDK route needs besides `basic.enabled` (which every
/// SDK route needs: docs b2b/api/errors/401, "toggle on the corresponding Enabled methods").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Product {
    /// `magic_links.enabled`.
    MagicLinks,
    /// `otps.sms_enabled`.
    SmsOtp,
    /// `totps.enabled`.
    Totps,
    /// `totps.enabled` and `totps.create_totps`.
    CreateTotp,
    /// Nothing more: sessions and organizations.
    None,
}

/// The product of each SDK route (path after `/sdk/v1/b2b`). The switch names are
/// stytchauth/stytch-management-go: pkg/models/sdk/types.go (B2BMagicLinksConfig.Enabled,
/// B2BOTPsConfig.SMSEnabled, B2BTOTPsConfig.Enabled and CreateTOTPs); that recovery codes
/// belong to TOTPs is **inferred** (they are TOTP's backup codes).
pub fn product_of(sdk_path: &str) -> Product {
    match sdk_path {
        "/magic_links/email/login_or_signup" | "/magic_links/authenticate" => Product::MagicLinks,
        "/otps/sms/send" | "/otps/sms/authenticate" => Product::SmsOtp,
        "/totp" => Product::CreateTotp,
        "/totp/authenticate"
        | "/recovery_codes/recover"
        | "/recovery_codes"
        | "/recovery_codes/rotate" => Product::Totps,
        _ => Product::None,
    }
}

/// The SDK routes stytch-browser sends `dfp_telemetry_id`/`captcha_token` on and retries with a
/// captcha: stytchauth/stytch-browser: packages/core/src/HeadlessClients/b2b/
/// HeadlessB2BMagicLinkClient.ts (authenticate; **not** email/login_or_signup),
/// HeadlessB2BOTPsClient.ts (sms send and authenticate), HeadlessB2BTOTPsClient.ts (create and
/// authenticate), HeadlessB2BRecoveryCodesClient.ts (recover and rotate). Paths after
/// `/sdk/v1/b2b`.
pub const DFP_PROTECTED_ROUTES: &[&str] = &[
    "/magic_links/authenticate",
    "/otps/sms/send",
    "/otps/sms/authenticate",
    "/totp",
    "/totp/authenticate",
    "/recovery_codes/recover",
    "/recovery_codes/rotate",
];

/// With `cookies.http_only` ENFORCED, SDK success bodies carry `session_token`, `session_jwt`
/// and `intermediate_session_token` as empty strings ("If the project is configured to use
/// HttpOnly cookies, this field will always be empty"; `RedactedToken = ''`). Source:
/// stytchauth/stytch-browser: packages/core/src/public/typeConfig.ts (OpaqueTokens),
/// packages/core/src/typeConfig.ts (RedactedToken), packages/core/src/public/b2b/common.ts
/// (B2BSessionTokens). At Stytch this needs a custom domain: on its default API host it answers
/// 401 `cname_required_for_http_only_cookies` instead (the type is in StytchAPIErrorType.ts). The
/// emulator has no default host: see [`HTTP_ONLY_ANSWERS`]; it sets no cookies.
pub const HTTP_ONLY_REDACTED_FIELDS: &[&str] =
    &["session_token", "session_jwt", "intermediate_session_token"];

/// Not published: which error the SDK API answers for a session token or JWT that is unknown,
/// expired or revoked. `session_not_found` 404 is the backend API's documented sandbox answer
/// ([`super::SESSION_NOT_FOUND`]); every Stytch SDK also treats `unauthorized_credentials` 401
/// as "the session is gone" (stytch-browser packages/core/src/public/SDKErrors.ts; stytch-ios
/// NetworkingRouter.swift resets on any 401). The emulator answers either, an emulator setting
/// (`POST /emulator/settings {"dead_session_answer"}`), `session_not_found` by default.
pub const DEAD_SESSION_ANSWERS: &[&str] = &["session_not_found", "unauthorized_credentials"];

/// Not settled: which type the SDK API answers an app whose identifier is not authorized. Stytch's
/// errors page documents `bad_app_bundle_for_stytch_sdk` (400) for it; the react-native SDK's
/// configuration docs name `invalid_mobile_identifier` for a bundle id that does not match. The
/// emulator answers either, an emulator setting (`POST /emulator/settings
/// {"unauthorized_app_answer"}`), `bad_app_bundle_for_stytch_sdk` by default; a request that
/// names no app at all always gets `invalid_mobile_identifier`.
pub const UNAUTHORIZED_APP_ANSWERS: &[&str] =
    &["bad_app_bundle_for_stytch_sdk", "invalid_mobile_identifier"];

/// Not settled: the shape of a captcha demand. Stytch's errors page documents the JSON error
/// `captcha_required` 403; stytch-browser's `packages/core/src/NetworkClient.ts` (and its spec)
/// handles a 403 body that is not JSON and contains "Captcha required". The emulator answers
/// either, an emulator setting (`POST /emulator/settings {"captcha_answer"}`), `json` by default.
pub const CAPTCHA_ANSWERS: &[&str] = &["json", "text"];

/// HttpOnly cookies Enforced on Stytch's default API host: 401 (Stytch docs, api/errors/401).
pub const CNAME_REQUIRED_FOR_HTTP_ONLY_COOKIES: ErrorKind = documented(
    "cname_required_for_http_only_cookies",
    401,
    "https://stytch.com/docs/api/errors/401",
);
pub const CNAME_REQUIRED_MESSAGE: &str = "You may not make a request via the default API URL ('api.stytch.com' or 'test.stytch.com') with your HTTP-only cookies setting set to 'ENFORCED'.";

/// What HttpOnly Enforced does: on a custom domain tokens are left out of answers
/// ([`HTTP_ONLY_REDACTED_FIELDS`]); on Stytch's default host calls are refused
/// ([`CNAME_REQUIRED_FOR_HTTP_ONLY_COOKIES`]). The emulator has no default host: either, an
/// emulator setting (`POST /emulator/settings {"http_only_answer"}`), `omit_tokens` by default.
pub const HTTP_ONLY_ANSWERS: &[&str] = &["omit_tokens", "cname_required"];

/// `X-SDK-Client`: base64 of JSON `{sdk: {identifier, version}, app: {identifier, version},
/// os: {…}, device: {…}}`; `app.identifier` is the bundle id. Source: stytchauth/stytch-browser:
/// packages/react-native/src/NetworkClient.ts (`app: { identifier: this.deviceInfo.bundleId }`)
/// and packages/core/src/NetworkClient.ts (the header); the error types above say how Stytch
/// refuses it.
pub const SDK_CLIENT_HEADER: &str = "X-SDK-Client";
