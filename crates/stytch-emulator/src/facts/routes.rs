//! The routes the emulator serves, each with where Stytch's own clients show it (see the
//! module docs of `facts` for what a source is).

/// One Stytch route the emulator serves, with where Stytch's own clients show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteFact {
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: &'static str,
    /// An axum path template, e.g. `/v1/b2b/organizations/{organization_id}`.
    pub path: &'static str,
    /// A repository and path, a docs page URL, or `inferred`.
    pub source: &'static str,
}

const fn route(method: &'static str, path: &'static str, source: &'static str) -> RouteFact {
    RouteFact {
        method,
        path,
        source,
    }
}

/// Every Stytch route the emulator serves, both families. Not listed: the emulator's control
/// surface (`/emulator/…`), the inbox page `/`, and [`MAGIC_LINK_REDIRECT_ROUTE`]. Anything
/// else answers 404 `route_not_found`: there is no `GET /sdk/v1/b2b/organizations/{id}` and no
/// SDK JWKS route (neither appears in stytch-android, stytch-browser or stytch-mobile).
pub const ROUTES: &[RouteFact] = &[
    // Backend API: Basic project_id:secret, bare bodies.
    route(
        "GET",
        "/v1/b2b/organizations/{organization_id}",
        node!("organizations.ts", "get"),
    ),
    route(
        "PUT",
        "/v1/b2b/organizations/{organization_id}",
        node!("organizations.ts", "update"),
    ),
    route(
        "POST",
        "/v1/b2b/organizations/{organization_id}",
        "inferred: an alias of PUT for the seed guide's curl, which uses POST; Stytch's clients use PUT (stytchauth/stytch-node: lib/b2b/organizations.ts (update))",
    ),
    route(
        "POST",
        "/v1/b2b/magic_links/email/login_or_signup",
        node!("magic_links_email.ts", "loginOrSignup"),
    ),
    route(
        "POST",
        "/v1/b2b/magic_links/authenticate",
        node!("magic_links.ts", "authenticate"),
    ),
    route(
        "POST",
        "/v1/b2b/otps/sms/send",
        node!("otp_sms.ts", "send"),
    ),
    route(
        "POST",
        "/v1/b2b/otps/sms/authenticate",
        node!("otp_sms.ts", "authenticate"),
    ),
    route("POST", "/v1/b2b/totp", concat!(node!("totps.ts", "create"), "; stytch crate src/b2b/totps.rs (create)")),
    route(
        "POST",
        "/v1/b2b/totp/authenticate",
        concat!(node!("totps.ts", "authenticate"), "; stytch crate src/b2b/totps.rs (authenticate)"),
    ),
    route(
        "POST",
        "/v1/b2b/recovery_codes/recover",
        concat!(node!("recovery_codes.ts", "recover"), "; stytch crate src/b2b/recovery_codes.rs (recover)"),
    ),
    route(
        "GET",
        "/v1/b2b/recovery_codes/{organization_id}/{member_id}",
        concat!(node!("recovery_codes.ts", "get"), "; stytch crate src/b2b/recovery_codes.rs (get: ids in the path and repeated in the query)"),
    ),
    route(
        "POST",
        "/v1/b2b/recovery_codes/rotate",
        concat!(node!("recovery_codes.ts", "rotate"), "; stytch crate src/b2b/recovery_codes.rs (rotate)"),
    ),
    route(
        "DELETE",
        "/v1/b2b/organizations/{organization_id}/members/{member_id}/totp",
        node!("organizations_members.ts", "deleteTOTP: DELETE, ids in the path, body {}"),
    ),
    route(
        "POST",
        "/v1/b2b/sessions/authenticate",
        node!("sessions.ts", "authenticate"),
    ),
    route(
        "POST",
        "/v1/b2b/sessions/revoke",
        node!("sessions.ts", "revoke"),
    ),
    route(
        "GET",
        "/v1/b2b/sessions/jwks/{project_id}",
        "stytchauth/stytch-node: lib/b2b/sessions.ts (getJWKS); lib/b2b/client.ts (jose.createRemoteJWKSet: fetched with no credentials)",
    ),
    // Client SDK API: Basic public_token:public_token (or :session), {"data": …} bodies.
    route(
        "POST",
        "/sdk/v1/b2b/magic_links/email/login_or_signup",
        android_api!("loginOrSignupByEmail"),
    ),
    route(
        "POST",
        "/sdk/v1/b2b/magic_links/authenticate",
        android_api!("authenticate"),
    ),
    route(
        "POST",
        "/sdk/v1/b2b/otps/sms/send",
        android_api!("sendSMSOTP"),
    ),
    route(
        "POST",
        "/sdk/v1/b2b/otps/sms/authenticate",
        android_api!("authenticateSMSOTP"),
    ),
    route("POST", "/sdk/v1/b2b/totp", android_api!("createTOTP")),
    route(
        "POST",
        "/sdk/v1/b2b/totp/authenticate",
        android_api!("authenticateTOTP"),
    ),
    route(
        "POST",
        "/sdk/v1/b2b/recovery_codes/recover",
        android_api!("recoverRecoveryCodes"),
    ),
    route(
        "GET",
        "/sdk/v1/b2b/recovery_codes",
        android_api!("getRecoveryCodes: no arguments, the member is the session's"),
    ),
    route(
        "POST",
        "/sdk/v1/b2b/recovery_codes/rotate",
        android_api!("rotateRecoveryCodes: no body, the member is the session's"),
    ),
    route(
        "DELETE",
        "/sdk/v1/b2b/organizations/members/deleteTOTP",
        concat!(
            android_api!("deleteMFATOTP: no arguments, the member is the session's"),
            " (OrganizationsMemberDeleteMFATOTP); stytchauth/stytch-browser: packages/core/src/HeadlessClients/b2b/HeadlessB2BSelfClient.ts (deleteMFATOTP: DELETE, no body)"
        ),
    ),
    route(
        "POST",
        "/sdk/v1/b2b/sessions/authenticate",
        android_api!("authenticateSessions"),
    ),
    route(
        "POST",
        "/sdk/v1/b2b/sessions/revoke",
        android_api!("revokeSessions"),
    ),
    route(
        "POST",
        "/sdk/v1/b2b/organizations/search",
        "stytchauth/stytch-android: source/sdk/src/main/java/com/stytch/sdk/b2b/network/StytchB2BApiService.kt (searchOrganizations); stytchauth/stytch-browser: packages/core/src/HeadlessClients/b2b/HeadlessB2BOrganizationClient.ts (getBySlug)",
    ),
    route(
        "GET",
        "/sdk/v1/b2b/organizations/me",
        "stytchauth/stytch-android: source/sdk/src/main/java/com/stytch/sdk/b2b/network/StytchB2BApiService.kt (getOrganization); stytchauth/stytch-browser: packages/core/src/HeadlessClients/b2b/HeadlessB2BOrganizationClient.ts (get); stytchauth/stytch-mobile: source/sdks/sdk/resources/openapi.yml",
    ),
];

/// The email link's target: not an API route but the link Stytch puts in its emails, which
/// redirects to the flow's redirect URL with `stytch_token_type` and `token`. Its format is
/// Stytch's documented one, `https://test.stytch.com/v1/magic_links/redirect?public_token=…&
/// stytch_token_type=…&token=…` (`https://stytch.com/…` live); that B2B links use the same path,
/// with `stytch_token_type=multi_tenant_magic_links`, is inferred.
pub const MAGIC_LINK_REDIRECT_ROUTE: RouteFact = route(
    "GET",
    "/v1/magic_links/redirect",
    "https://stytch.com/docs/guides/magic-links/email-magic-links/redirect-routing (B2B use inferred)",
);
