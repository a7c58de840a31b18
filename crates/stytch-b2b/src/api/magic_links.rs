//! Email magic links: send a login-or-signup email (with a PKCE challenge), and authenticate the
//! token from the link (with the PKCE verifier). Authenticate is never retried: the token is
//! single-use.

use serde::Serialize;
use url::Url;

use crate::{
    api::{answer::answer, minted_session_duration, MAGIC_LINK_EXPIRATION_MINUTES},
    call::Repeat,
    client::Client,
    error::Error,
    locale::MagicLinkLocale,
    objects::{Member, MemberSession, MfaRequired, Organization, PrimaryRequired},
    pkce::{PkceCodeChallenge, PkceCodeVerifier},
    routes,
    secret::{IntermediateSessionToken, MagicLinkToken, SessionJwt, SessionToken},
    serde_util::empty_as_none,
    validated::{EmailAddress, InvalidInput, MemberId, OrganizationId},
};

/// `POST /b2b/magic_links/email/login_or_signup`. Holds no secret (the PKCE *challenge* is public).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoginOrSignupRequest {
    /// The organization.
    pub organization_id: OrganizationId,
    /// The member's address.
    pub email_address: EmailAddress,
    /// Where an existing member's link leads (must be registered; custom schemes allowed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_redirect_url: Option<Url>,
    /// Where a new member's link leads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signup_redirect_url: Option<Url>,
    /// The PKCE challenge; keep the verifier for [`Client::magic_links_authenticate`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pkce_code_challenge: Option<PkceCodeChallenge>,
    /// Email template for logins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_template_id: Option<String>,
    /// Email template for sign-ups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signup_template_id: Option<String>,
    /// The email's language; `None` = English (Stytch offers no German email: see
    /// [`MagicLinkLocale`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<MagicLinkLocale>,
    /// Link lifetime for logins, 5..=10080 (default 60).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_expiration_minutes: Option<u32>,
    /// Link lifetime for sign-ups, 5..=10080 (default 60).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signup_expiration_minutes: Option<u32>,
}

impl LoginOrSignupRequest {
    /// The two required fields; set the rest with the `with_*` methods or directly.
    pub fn new(organization_id: OrganizationId, email_address: EmailAddress) -> Self {
        Self {
            organization_id,
            email_address,
            login_redirect_url: None,
            signup_redirect_url: None,
            pkce_code_challenge: None,
            login_template_id: None,
            signup_template_id: None,
            locale: None,
            login_expiration_minutes: None,
            signup_expiration_minutes: None,
        }
    }

    /// Sets the challenge of `verifier`.
    pub fn with_pkce(mut self, verifier: &PkceCodeVerifier) -> Self {
        self.pkce_code_challenge = Some(verifier.challenge());
        self
    }

    /// Sets both redirect URLs to one URL (Gatehouse's `gatehouse://auth/callback`).
    pub fn with_redirect_url(mut self, url: Url) -> Self {
        self.signup_redirect_url = Some(url.clone());
        self.login_redirect_url = Some(url);
        self
    }

    /// Sets the email's language (`None`: English).
    pub fn with_locale(mut self, locale: Option<MagicLinkLocale>) -> Self {
        self.locale = locale;
        self
    }

    /// Sets both link lifetimes.
    pub fn with_expiration_minutes(mut self, minutes: u32) -> Self {
        self.login_expiration_minutes = Some(minutes);
        self.signup_expiration_minutes = Some(minutes);
        self
    }

    fn check(&self) -> Result<(), InvalidInput> {
        for (field, v) in [
            ("login_expiration_minutes", self.login_expiration_minutes),
            ("signup_expiration_minutes", self.signup_expiration_minutes),
        ] {
            if let Some(m) = v {
                if !MAGIC_LINK_EXPIRATION_MINUTES.contains(&m) {
                    return Err(InvalidInput::new(
                        field,
                        format!("{m} is outside 5..=10080"),
                    ));
                }
            }
        }
        Ok(())
    }
}

answer! {
    /// The answer to login_or_signup. The SDK family returns only `request_id` and `status_code`,
    /// so the rest is optional.
    pub struct LoginOrSignupResponse {
        /// The member (backend only).
        #[serde(default)]
        pub member_id: Option<MemberId>,
        /// Whether a member was created with status `pending` (backend only).
        #[serde(default)]
        pub member_created: Option<bool>,
        /// The member (backend only).
        #[serde(default)]
        pub member: Option<Member>,
        /// The organization (backend only).
        #[serde(default)]
        pub organization: Option<Organization>,
    }
}

/// `POST /b2b/magic_links/authenticate`.
#[derive(Debug, Clone)]
pub struct MagicLinksAuthenticateRequest {
    /// The token from the redirect URL.
    pub magic_links_token: MagicLinkToken,
    /// The verifier whose challenge was sent with the email, if one was.
    pub pkce_code_verifier: Option<PkceCodeVerifier>,
    /// Session lifetime, 5..=527040; `None` = Stytch's 60 (sent explicitly on the SDK path).
    pub session_duration_minutes: Option<u32>,
    /// An IST from an earlier step (e.g. discovery), if any.
    pub intermediate_session_token: Option<IntermediateSessionToken>,
    /// The language of the SMS Stytch sends itself when the member is enrolled with a phone
    /// (`None`: English; the route's list is [`MagicLinkLocale`]'s, without German).
    pub locale: Option<MagicLinkLocale>,
}

impl MagicLinksAuthenticateRequest {
    /// Token, verifier and session lifetime: what Gatehouse sends.
    pub fn new(
        magic_links_token: MagicLinkToken,
        pkce_code_verifier: Option<PkceCodeVerifier>,
        session_duration_minutes: Option<u32>,
    ) -> Self {
        Self {
            magic_links_token,
            pkce_code_verifier,
            session_duration_minutes,
            intermediate_session_token: None,
            locale: None,
        }
    }

    /// Sets the language of an SMS Stytch sends itself (`None`: English).
    pub fn with_locale(mut self, locale: Option<MagicLinkLocale>) -> Self {
        self.locale = locale;
        self
    }
}

#[derive(Serialize)]
struct MagicLinksAuthenticateBody<'a> {
    magic_links_token: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pkce_code_verifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    session_duration_minutes: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    intermediate_session_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locale: Option<MagicLinkLocale>,
}

answer! {
    /// The answer to magic_links/authenticate: a session, or what is required next.
    ///
    /// - `member_authenticated: true` → `session_token`/`session_jwt`/`member_session` are
    ///   `Some`.
    /// - `mfa_required: Some(..)` → `intermediate_session_token` is `Some`; if
    ///   `mfa_required.secondary_auth_initiated` is `Some(SmsOtp)` Stytch already sent the code.
    /// - `primary_required: Some(..)` → another primary method is needed.
    pub struct MagicLinksAuthenticateResponse {
        /// The member.
        pub member_id: MemberId,
        /// The organization.
        pub organization_id: OrganizationId,
        /// The email factor id.
        #[serde(default)]
        pub method_id: String,
        /// Whether other sessions were reset.
        #[serde(default)]
        pub reset_sessions: bool,
        /// The member (now `active`, email verified).
        pub member: Member,
        /// The organization.
        pub organization: Organization,
        /// True when a full session was minted.
        pub member_authenticated: bool,
        /// The IST, when MFA is still required; `None` for Stytch's `""`.
        #[serde(default, deserialize_with = "empty_as_none")]
        pub intermediate_session_token: Option<IntermediateSessionToken>,
        /// The session token; `None` for `""` ("no session yet" is not an error).
        #[serde(default, deserialize_with = "empty_as_none")]
        pub session_token: Option<SessionToken>,
        /// The session JWT; `None` for `""`.
        #[serde(default, deserialize_with = "empty_as_none")]
        pub session_jwt: Option<SessionJwt>,
        /// The session, or `None` (`null`) while MFA is pending.
        #[serde(default)]
        pub member_session: Option<MemberSession>,
        /// What the second factor needs, or `None`.
        #[serde(default)]
        pub mfa_required: Option<MfaRequired>,
        /// Another primary method is required, or `None`.
        #[serde(default)]
        pub primary_required: Option<PrimaryRequired>,
    }
}

impl Client {
    /// Sends the login or sign-up email. Repeated only if the connection failed (an email must
    /// not go out twice).
    pub async fn magic_links_email_login_or_signup(
        &self,
        request: &LoginOrSignupRequest,
    ) -> Result<LoginOrSignupResponse, Error> {
        request.check()?;
        let route = self.route(
            &routes::BACKEND_MAGIC_LINKS_LOGIN_OR_SIGNUP,
            &routes::SDK_MAGIC_LINKS_LOGIN_OR_SIGNUP,
        );
        let call = self.call(route, Repeat::IfNotSent);
        call.json(request).send().await
    }

    /// Authenticates a magic-link token. Never retried: the token is single-use.
    pub async fn magic_links_authenticate(
        &self,
        request: &MagicLinksAuthenticateRequest,
    ) -> Result<MagicLinksAuthenticateResponse, Error> {
        let session_duration_minutes =
            minted_session_duration(self.family(), request.session_duration_minutes)?;
        let body = MagicLinksAuthenticateBody {
            magic_links_token: request.magic_links_token.expose(),
            pkce_code_verifier: request.pkce_code_verifier.as_ref().map(|v| v.expose()),
            session_duration_minutes,
            intermediate_session_token: request
                .intermediate_session_token
                .as_ref()
                .map(|t| t.expose()),
            locale: request.locale,
        };
        let route = self.route(
            &routes::BACKEND_MAGIC_LINKS_AUTHENTICATE,
            &routes::SDK_MAGIC_LINKS_AUTHENTICATE,
        );
        let call = self.call(route, Repeat::Never);
        call.json(&body).send().await
    }
}
