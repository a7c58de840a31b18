//! Member sessions: authenticate (check and optionally extend), revoke, and the JWKS that signs
//! session JWTs. In the SDK family the session token rides in the Basic password.

use serde::{Deserialize, Serialize};

use crate::{
    api::{answer::answer, check_session_duration},
    call::{Auth, Repeat},
    client::Client,
    config::Family,
    error::Error,
    objects::{Member, MemberSession, Organization},
    routes,
    secret::{SessionJwt, SessionToken},
    serde_util::{empty_as_none, null_default},
    validated::ProjectId,
};

answer! {
    /// The answer to sessions/authenticate.
    pub struct SessionsAuthenticateResponse {
        /// The session (extended if a duration was sent).
        pub member_session: MemberSession,
        /// The session token (unchanged); `None` for `""`.
        #[serde(default, deserialize_with = "empty_as_none")]
        pub session_token: Option<SessionToken>,
        /// A fresh 5-minute JWT; `None` for `""`.
        #[serde(default, deserialize_with = "empty_as_none")]
        pub session_jwt: Option<SessionJwt>,
        /// The member.
        pub member: Member,
        /// The organization.
        pub organization: Organization,
    }
}

answer! {
    /// The answer to sessions/revoke.
    pub struct RevokeResponse {}
}

/// One JSON Web Key (RSA) as Stytch publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Jwk {
    /// `RSA`.
    pub kty: String,
    /// `sig`.
    #[serde(default, rename = "use")]
    pub key_use: String,
    /// `["verify"]`.
    #[serde(default, deserialize_with = "null_default")]
    pub key_ops: Vec<String>,
    /// `RS256`.
    #[serde(default)]
    pub alg: String,
    /// Key id; session JWTs name theirs in the header.
    pub kid: String,
    /// Certificate chain.
    #[serde(default, deserialize_with = "null_default")]
    pub x5c: Vec<String>,
    /// Certificate thumbprint.
    #[serde(default, rename = "x5tS256", deserialize_with = "null_default")]
    pub x5t_s256: String,
    /// Modulus, base64url.
    pub n: String,
    /// Exponent, base64url.
    pub e: String,
}

/// A key set.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct Jwks {
    /// The keys (old and new together during rotation: match by `kid`).
    #[serde(default, deserialize_with = "null_default")]
    pub keys: Vec<Jwk>,
}

answer! {
    /// The answer to sessions/jwks.
    pub struct JwksResponse {
        /// The keys.
        #[serde(default, deserialize_with = "null_default")]
        pub keys: Vec<Jwk>,
    }
}

#[derive(Serialize)]
struct AuthenticateBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    session_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    session_duration_minutes: Option<u32>,
}

#[derive(Serialize)]
struct RevokeBody<'a> {
    session_token: &'a str,
}

impl Client {
    /// Checks a session and, with `session_duration_minutes`, extends it (omitted = not
    /// extended). Safe to repeat, so retried on 429, 5xx, transport errors and timeouts.
    pub async fn sessions_authenticate(
        &self,
        session_token: &SessionToken,
        session_duration_minutes: Option<u32>,
    ) -> Result<SessionsAuthenticateResponse, Error> {
        check_session_duration(session_duration_minutes)?;
        let (body, auth) = match self.family() {
            Family::Backend => (
                AuthenticateBody {
                    session_token: Some(session_token.expose()),
                    session_duration_minutes,
                },
                Auth::Default,
            ),
            Family::Sdk => (
                AuthenticateBody {
                    session_token: None,
                    session_duration_minutes,
                },
                Auth::SdkSession(session_token),
            ),
        };
        let route = self.route(
            &routes::BACKEND_SESSIONS_AUTHENTICATE,
            &routes::SDK_SESSIONS_AUTHENTICATE,
        );
        let call = self.call(route, Repeat::Safe);
        call.json(&body).auth(auth).send().await
    }

    /// Revokes a session (sign out). Repeated only if the connection failed.
    pub async fn sessions_revoke(
        &self,
        session_token: &SessionToken,
    ) -> Result<RevokeResponse, Error> {
        let route = self.route(
            &routes::BACKEND_SESSIONS_REVOKE,
            &routes::SDK_SESSIONS_REVOKE,
        );
        let call = self.call(route, Repeat::IfNotSent);
        let call = match self.family() {
            Family::Backend => call.json(&RevokeBody {
                session_token: session_token.expose(),
            }),
            Family::Sdk => call.auth(Auth::SdkSession(session_token)),
        };
        call.send().await
    }

    /// The project's JWKS (`GET /v1/b2b/sessions/jwks/{project_id}`, no credentials, the same
    /// backend path whatever the family). Retried when safe (a GET).
    pub async fn sessions_jwks(&self, project_id: &ProjectId) -> Result<JwksResponse, Error> {
        self.call(&routes::SESSIONS_JWKS, Repeat::Safe)
            .path(&[("project_id", project_id.as_str())])?
            .send()
            .await
    }
}
