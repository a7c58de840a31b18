//! Every route this client can call, in both API families, each with the public source that shows
//! Stytch serves it. A call names one of these; there is no other way to build a request path, so a
//! route that no source backs cannot be called by accident.

use crate::config::Family;

/// One HTTP route at Stytch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// For logs: the endpoint's name.
    pub name: &'static str,
    /// `GET`, `POST`, `PUT` or `DELETE`.
    pub method: &'static str,
    /// The path from the host, with `{param}` placeholders filled in order at call time.
    pub path: &'static str,
    /// What the request carries: the family's credentials, or nothing (the JWKS).
    pub credentials: RouteCredentials,
    /// Where Stytch shows this route exists: a repository and path, or a docs page.
    pub source: &'static str,
}

/// What authenticates a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteCredentials {
    /// The family's Basic credentials (the SDK session ones where a call asks).
    Family,
    /// No Authorization header at all.
    None,
}

impl Route {
    /// Whether the answer is wrapped in `{"data": …}` (the SDK API's paths).
    pub fn enveloped(&self) -> bool {
        self.path.starts_with("/sdk/")
    }

    /// The family whose host prefix the path belongs to.
    pub fn family(&self) -> Family {
        if self.enveloped() {
            Family::Sdk
        } else {
            Family::Backend
        }
    }

    /// The path with each `{…}` replaced by the next of `params` (already checked path-safe).
    pub(crate) fn fill(&self, params: &[&str]) -> String {
        let mut out = String::with_capacity(self.path.len() + 64);
        let mut params = params.iter();
        let mut rest = self.path;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..].find('}').expect("routes close their braces") + open;
            out.push_str(params.next().expect("a value for every placeholder"));
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        debug_assert!(params.next().is_none(), "more values than placeholders");
        out
    }
}

const fn route(
    name: &'static str,
    method: &'static str,
    path: &'static str,
    source: &'static str,
) -> Route {
    Route {
        name,
        method,
        path,
        credentials: RouteCredentials::Family,
        source,
    }
}

const ANDROID_API: &str = "stytchauth/stytch-android: source/sdk/src/main/java/com/stytch/sdk/b2b/network/StytchB2BApiService.kt";

/// Backend: `GET /v1/b2b/organizations/{organization_id}` (an id or a slug).
pub const BACKEND_ORGANIZATION_GET: Route = route(
    "organizations.get",
    "GET",
    "/v1/b2b/organizations/{organization_id}",
    "stytchauth/stytch-node: lib/b2b/organizations.ts (get); stytch crate src/b2b/organizations.rs (get)",
);
/// Backend: `PUT /v1/b2b/organizations/{organization_id}`.
pub const BACKEND_ORGANIZATION_UPDATE: Route = route(
    "organizations.update",
    "PUT",
    "/v1/b2b/organizations/{organization_id}",
    "stytchauth/stytch-node: lib/b2b/organizations.ts (update); stytch crate src/b2b/organizations.rs (update)",
);
/// SDK: find an organization by slug before sign-in; `organization: null` when unknown.
pub const SDK_ORGANIZATION_SEARCH: Route = route(
    "organizations.search",
    "POST",
    "/sdk/v1/b2b/organizations/search",
    "stytchauth/stytch-android: StytchB2BApiService.kt (searchOrganizations); stytchauth/stytch-js: HeadlessB2BOrganizationClient.ts (getBySlug)",
);
/// SDK: the signed-in member's organization (Basic `public_token:session_token`).
pub const SDK_ORGANIZATION_ME: Route = route(
    "organizations.me",
    "GET",
    "/sdk/v1/b2b/organizations/me",
    "stytchauth/stytch-android: StytchB2BApiService.kt (getOrganization)",
);

/// Both families' magic-link routes.
pub const BACKEND_MAGIC_LINKS_LOGIN_OR_SIGNUP: Route = route(
    "magic_links.email.login_or_signup",
    "POST",
    "/v1/b2b/magic_links/email/login_or_signup",
    "stytchauth/stytch-node: lib/b2b/magic_links_email.ts (loginOrSignup)",
);
pub const SDK_MAGIC_LINKS_LOGIN_OR_SIGNUP: Route = route(
    "magic_links.email.login_or_signup",
    "POST",
    "/sdk/v1/b2b/magic_links/email/login_or_signup",
    ANDROID_API,
);
pub const BACKEND_MAGIC_LINKS_AUTHENTICATE: Route = route(
    "magic_links.authenticate",
    "POST",
    "/v1/b2b/magic_links/authenticate",
    "stytchauth/stytch-node: lib/b2b/magic_links.ts (authenticate)",
);
pub const SDK_MAGIC_LINKS_AUTHENTICATE: Route = route(
    "magic_links.authenticate",
    "POST",
    "/sdk/v1/b2b/magic_links/authenticate",
    ANDROID_API,
);

/// Both families' SMS OTP routes.
pub const BACKEND_OTPS_SMS_SEND: Route = route(
    "otps.sms.send",
    "POST",
    "/v1/b2b/otps/sms/send",
    "stytchauth/stytch-node: lib/b2b/otp_sms.ts (send)",
);
pub const SDK_OTPS_SMS_SEND: Route = route(
    "otps.sms.send",
    "POST",
    "/sdk/v1/b2b/otps/sms/send",
    ANDROID_API,
);
pub const BACKEND_OTPS_SMS_AUTHENTICATE: Route = route(
    "otps.sms.authenticate",
    "POST",
    "/v1/b2b/otps/sms/authenticate",
    "stytchauth/stytch-node: lib/b2b/otp_sms.ts (authenticate)",
);
pub const SDK_OTPS_SMS_AUTHENTICATE: Route = route(
    "otps.sms.authenticate",
    "POST",
    "/sdk/v1/b2b/otps/sms/authenticate",
    ANDROID_API,
);

/// Both families' TOTP routes.
pub const BACKEND_TOTP_CREATE: Route = route(
    "totp.create",
    "POST",
    "/v1/b2b/totp",
    "stytchauth/stytch-node: lib/b2b/totps.ts (create); stytch crate src/b2b/totps.rs (create)",
);
pub const SDK_TOTP_CREATE: Route = route(
    "totp.create",
    "POST",
    "/sdk/v1/b2b/totp",
    "stytchauth/stytch-android: StytchB2BApiService.kt (createTOTP); stytchauth/stytch-browser: packages/core/src/HeadlessClients/b2b/HeadlessB2BTOTPsClient.ts (create)",
);
pub const BACKEND_TOTP_AUTHENTICATE: Route = route(
    "totp.authenticate",
    "POST",
    "/v1/b2b/totp/authenticate",
    "stytchauth/stytch-node: lib/b2b/totps.ts (authenticate); stytch crate src/b2b/totps.rs (authenticate)",
);
pub const SDK_TOTP_AUTHENTICATE: Route = route(
    "totp.authenticate",
    "POST",
    "/sdk/v1/b2b/totp/authenticate",
    "stytchauth/stytch-android: StytchB2BApiService.kt (authenticateTOTP); stytchauth/stytch-browser: packages/core/src/HeadlessClients/b2b/HeadlessB2BTOTPsClient.ts (authenticate)",
);

/// Both families' recovery-code routes. The SDK's get and rotate name no member: the session in
/// the Basic password does.
pub const BACKEND_RECOVERY_CODES_RECOVER: Route = route(
    "recovery_codes.recover",
    "POST",
    "/v1/b2b/recovery_codes/recover",
    "stytchauth/stytch-node: lib/b2b/recovery_codes.ts (recover); stytch crate src/b2b/recovery_codes.rs (recover)",
);
pub const SDK_RECOVERY_CODES_RECOVER: Route = route(
    "recovery_codes.recover",
    "POST",
    "/sdk/v1/b2b/recovery_codes/recover",
    "stytchauth/stytch-android: StytchB2BApiService.kt (recoverRecoveryCodes); stytchauth/stytch-browser: packages/core/src/HeadlessClients/b2b/HeadlessB2BRecoveryCodesClient.ts (recover)",
);
pub const BACKEND_RECOVERY_CODES_GET: Route = route(
    "recovery_codes.get",
    "GET",
    "/v1/b2b/recovery_codes/{organization_id}/{member_id}",
    "stytchauth/stytch-node: lib/b2b/recovery_codes.ts (get); stytch crate src/b2b/recovery_codes.rs (get)",
);
pub const SDK_RECOVERY_CODES_GET: Route = route(
    "recovery_codes.get",
    "GET",
    "/sdk/v1/b2b/recovery_codes",
    "stytchauth/stytch-android: StytchB2BApiService.kt (getRecoveryCodes: @GET, no body); stytchauth/stytch-browser: packages/core/src/HeadlessClients/b2b/HeadlessB2BRecoveryCodesClient.ts (get)",
);
pub const BACKEND_RECOVERY_CODES_ROTATE: Route = route(
    "recovery_codes.rotate",
    "POST",
    "/v1/b2b/recovery_codes/rotate",
    "stytchauth/stytch-node: lib/b2b/recovery_codes.ts (rotate); stytch crate src/b2b/recovery_codes.rs (rotate)",
);
pub const SDK_RECOVERY_CODES_ROTATE: Route = route(
    "recovery_codes.rotate",
    "POST",
    "/sdk/v1/b2b/recovery_codes/rotate",
    "stytchauth/stytch-android: StytchB2BApiService.kt (rotateRecoveryCodes: no @Body); stytchauth/stytch-browser: packages/core/src/HeadlessClients/b2b/HeadlessB2BRecoveryCodesClient.ts (rotate)",
);

/// Both families' route deleting a member's TOTP registration (its recovery codes go with it:
/// they are the registration's). Stytch refuses a second registration while one exists
/// (`active_totp_exists`), so a member who lost the app is deleted from first. The SDK route names
/// no member: it is the session's (Basic `public_token:session_token`), and has no body.
pub const BACKEND_MEMBERS_DELETE_TOTP: Route = route(
    "organizations.members.delete_totp",
    "DELETE",
    "/v1/b2b/organizations/{organization_id}/members/{member_id}/totp",
    "stytchauth/stytch-node: lib/b2b/organizations_members.ts (deleteTOTP: DELETE, ids in the path, body {})",
);
pub const SDK_MEMBERS_DELETE_TOTP: Route = route(
    "organizations.members.delete_totp",
    "DELETE",
    "/sdk/v1/b2b/organizations/members/deleteTOTP",
    "stytchauth/stytch-browser: packages/core/src/HeadlessClients/b2b/HeadlessB2BSelfClient.ts (deleteMFATOTP: DELETE, no body, the logged-in member's); stytchauth/stytch-android: StytchB2BApiService.kt (@DELETE b2b/organizations/members/deleteTOTP); stytchauth/stytch-mobile: source/sdks/sdk/resources/openapi.yml (OrganizationsMemberDeleteMFATOTP)",
);

/// Both families' session routes.
pub const BACKEND_SESSIONS_AUTHENTICATE: Route = route(
    "sessions.authenticate",
    "POST",
    "/v1/b2b/sessions/authenticate",
    "stytchauth/stytch-node: lib/b2b/sessions.ts (authenticate)",
);
pub const SDK_SESSIONS_AUTHENTICATE: Route = route(
    "sessions.authenticate",
    "POST",
    "/sdk/v1/b2b/sessions/authenticate",
    ANDROID_API,
);
pub const BACKEND_SESSIONS_REVOKE: Route = route(
    "sessions.revoke",
    "POST",
    "/v1/b2b/sessions/revoke",
    "stytchauth/stytch-node: lib/b2b/sessions.ts (revoke)",
);
pub const SDK_SESSIONS_REVOKE: Route = route(
    "sessions.revoke",
    "POST",
    "/sdk/v1/b2b/sessions/revoke",
    ANDROID_API,
);
/// The JWKS: a backend path called with no credentials, whatever the family (there is no
/// published SDK JWKS route).
pub const SESSIONS_JWKS: Route = Route {
    name: "sessions.jwks",
    method: "GET",
    path: "/v1/b2b/sessions/jwks/{project_id}",
    credentials: RouteCredentials::None,
    source: "stytchauth/stytch-node: lib/b2b/client.ts (jwksClient: remote JWKS of sessions/jwks/{project_id}, no credentials)",
};

/// Every route the client can call.
pub const ROUTES: &[Route] = &[
    BACKEND_ORGANIZATION_GET,
    BACKEND_ORGANIZATION_UPDATE,
    SDK_ORGANIZATION_SEARCH,
    SDK_ORGANIZATION_ME,
    BACKEND_MAGIC_LINKS_LOGIN_OR_SIGNUP,
    SDK_MAGIC_LINKS_LOGIN_OR_SIGNUP,
    BACKEND_MAGIC_LINKS_AUTHENTICATE,
    SDK_MAGIC_LINKS_AUTHENTICATE,
    BACKEND_OTPS_SMS_SEND,
    SDK_OTPS_SMS_SEND,
    BACKEND_OTPS_SMS_AUTHENTICATE,
    SDK_OTPS_SMS_AUTHENTICATE,
    BACKEND_TOTP_CREATE,
    SDK_TOTP_CREATE,
    BACKEND_TOTP_AUTHENTICATE,
    SDK_TOTP_AUTHENTICATE,
    BACKEND_RECOVERY_CODES_RECOVER,
    SDK_RECOVERY_CODES_RECOVER,
    BACKEND_RECOVERY_CODES_GET,
    SDK_RECOVERY_CODES_GET,
    BACKEND_RECOVERY_CODES_ROTATE,
    SDK_RECOVERY_CODES_ROTATE,
    BACKEND_MEMBERS_DELETE_TOTP,
    SDK_MEMBERS_DELETE_TOTP,
    BACKEND_SESSIONS_AUTHENTICATE,
    SDK_SESSIONS_AUTHENTICATE,
    BACKEND_SESSIONS_REVOKE,
    SDK_SESSIONS_REVOKE,
    SESSIONS_JWKS,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_names_its_source_and_is_unique() {
        for r in ROUTES {
            assert!(r.source.len() > 10, "{} has no source", r.path);
            assert!(r.path.starts_with("/v1/b2b/") || r.path.starts_with("/sdk/v1/b2b/"));
            let same = ROUTES
                .iter()
                .filter(|o| o.method == r.method && o.path == r.path)
                .count();
            assert_eq!(same, 1, "{} {} listed twice", r.method, r.path);
        }
    }

    #[test]
    fn no_invented_sdk_routes() {
        assert!(!ROUTES
            .iter()
            .any(|r| r.path.starts_with("/sdk/") && r.path.contains("{organization_id}")));
        assert!(!ROUTES
            .iter()
            .any(|r| r.path.starts_with("/sdk/") && r.path.contains("jwks")));
    }

    #[test]
    fn placeholders_are_filled_in_order() {
        assert_eq!(
            SESSIONS_JWKS.fill(&["project-test-1"]),
            "/v1/b2b/sessions/jwks/project-test-1"
        );
        assert_eq!(
            SDK_ORGANIZATION_SEARCH.fill(&[]),
            "/sdk/v1/b2b/organizations/search"
        );
        assert_eq!(
            BACKEND_RECOVERY_CODES_GET.fill(&["organization-test-1", "member-test-2"]),
            "/v1/b2b/recovery_codes/organization-test-1/member-test-2"
        );
    }
}
