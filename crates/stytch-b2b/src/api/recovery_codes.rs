//! Recovery codes, the fallback second factor of a TOTP registration: recover (spend one code for
//! a session), get the codes left, rotate them. The backend API names the member by id; the SDK
//! API by the member's session, sent as the Basic password (stytch-android
//! `StytchB2BApiService.kt`: `getRecoveryCodes()` and `rotateRecoveryCodes()` take no arguments).

use serde::Serialize;

use crate::{
    api::{
        answer::{answer, mfa_session_answer},
        minted_session_duration,
        proof::{proof_parts, PrimaryFactorProof, ProofFields},
    },
    call::{Auth, Call, Repeat},
    client::Client,
    config::Family,
    error::Error,
    objects::{Member, Organization},
    routes::{self, Route},
    secret::SessionToken,
    serde_util::null_default,
    validated::{InvalidInput, MemberId, OrganizationId, RecoveryCode},
};

/// `POST /b2b/recovery_codes/recover`.
#[derive(Debug, Clone)]
pub struct RecoverRequest {
    /// The organization.
    pub organization_id: OrganizationId,
    /// The member.
    pub member_id: MemberId,
    /// One of the member's unused recovery codes.
    pub recovery_code: RecoveryCode,
    /// The IST (or a session for step-up).
    pub proof: PrimaryFactorProof,
    /// Session lifetime, 5..=527040; `None` = Stytch's 60 (sent explicitly on the SDK path).
    pub session_duration_minutes: Option<u32>,
}

impl RecoverRequest {
    /// Organization, member, code, IST, session lifetime.
    pub fn new(
        organization_id: OrganizationId,
        member_id: MemberId,
        recovery_code: RecoveryCode,
        proof: impl Into<PrimaryFactorProof>,
        session_duration_minutes: Option<u32>,
    ) -> Self {
        Self {
            organization_id,
            member_id,
            recovery_code,
            proof: proof.into(),
            session_duration_minutes,
        }
    }
}

#[derive(Serialize)]
struct RecoverBody<'a> {
    organization_id: &'a str,
    member_id: &'a str,
    recovery_code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    session_duration_minutes: Option<u32>,
    #[serde(flatten)]
    proof: ProofFields<'a>,
}

mfa_session_answer! {
    /// The answer to recovery_codes/recover: the full session, and how many codes are left.
    pub struct RecoverResponse {
        /// Unused codes left after this one.
        pub recovery_codes_remaining: u32,
    }
}

/// Whose recovery codes get or rotate is about. The backend API names the member by id; the SDK
/// API takes the member from `session_token`, which it requires.
#[derive(Debug, Clone)]
pub struct RecoveryCodesRequest {
    /// The organization (backend path and body).
    pub organization_id: OrganizationId,
    /// The member (backend path and body).
    pub member_id: MemberId,
    /// The member's session: required by the SDK family, unused by the backend one.
    pub session_token: Option<SessionToken>,
}

#[derive(Serialize)]
struct RotateBody<'a> {
    organization_id: &'a str,
    member_id: &'a str,
}

answer! {
    /// The answer to recovery_codes get and rotate: the member's unused codes.
    pub struct RecoveryCodesResponse {
        /// The member.
        #[serde(default)]
        pub member_id: Option<MemberId>,
        /// The member.
        pub member: Member,
        /// The organization.
        pub organization: Organization,
        /// The codes (after a rotate: the new ones; the old ones no longer work).
        #[serde(default, deserialize_with = "null_default")]
        pub recovery_codes: Vec<RecoveryCode>,
    }
}

impl RecoveryCodesRequest {
    /// A get or rotate call to this client's family's route: made as the member's session in the
    /// SDK family, which needs it.
    pub(super) fn call<'a>(
        &'a self,
        client: &'a Client,
        backend: &'static Route,
        sdk: &'static Route,
        repeat: Repeat,
    ) -> Result<Call<'a>, Error> {
        let route = client.route(backend, sdk);
        let auth = self.auth_for(client.family(), route.name)?;
        Ok(client.call(route, repeat).auth(auth))
    }

    /// The Authorization of a get or rotate: the SDK family needs the member's session.
    fn auth_for(&self, family: Family, endpoint: &'static str) -> Result<Auth<'_>, Error> {
        match (family, &self.session_token) {
            (Family::Backend, _) => Ok(Auth::Default),
            (Family::Sdk, Some(token)) => Ok(Auth::SdkSession(token)),
            (Family::Sdk, None) => Err(InvalidInput::new(
                "session_token",
                format!("the SDK API's {endpoint} names the member by its session"),
            )
            .into()),
        }
    }
}

impl Client {
    /// Spends a recovery code in place of the second factor. Never retried: the code and the IST
    /// are single-use.
    pub async fn recovery_codes_recover(
        &self,
        request: &RecoverRequest,
    ) -> Result<RecoverResponse, Error> {
        let session_duration_minutes =
            minted_session_duration(self.family(), request.session_duration_minutes)?;
        let (proof, auth) = proof_parts(self.family(), Some(&request.proof));
        let body = RecoverBody {
            organization_id: request.organization_id.as_str(),
            member_id: request.member_id.as_str(),
            recovery_code: request.recovery_code.expose(),
            session_duration_minutes,
            proof,
        };
        let route = self.route(
            &routes::BACKEND_RECOVERY_CODES_RECOVER,
            &routes::SDK_RECOVERY_CODES_RECOVER,
        );
        let call = self.call(route, Repeat::Never);
        call.json(&body).auth(auth).send().await
    }

    /// The member's unused recovery codes. Backend: `GET …/{organization_id}/{member_id}`; SDK:
    /// `GET /sdk/v1/b2b/recovery_codes` as the session. Retried when safe (a GET).
    pub async fn recovery_codes_get(
        &self,
        request: &RecoveryCodesRequest,
    ) -> Result<RecoveryCodesResponse, Error> {
        let call = request.call(
            self,
            &routes::BACKEND_RECOVERY_CODES_GET,
            &routes::SDK_RECOVERY_CODES_GET,
            Repeat::Safe,
        )?;
        let call = match self.family() {
            Family::Backend => call.path(&[
                ("organization_id", request.organization_id.as_str()),
                ("member_id", request.member_id.as_str()),
            ])?,
            Family::Sdk => call,
        };
        call.send().await
    }

    /// Replaces the member's recovery codes with new ones; the old ones stop working. Repeated
    /// only when the connection failed (a repeat would rotate again).
    pub async fn recovery_codes_rotate(
        &self,
        request: &RecoveryCodesRequest,
    ) -> Result<RecoveryCodesResponse, Error> {
        let call = request.call(
            self,
            &routes::BACKEND_RECOVERY_CODES_ROTATE,
            &routes::SDK_RECOVERY_CODES_ROTATE,
            Repeat::IfNotSent,
        )?;
        // The SDK body is empty (stytch-android `rotateRecoveryCodes()` has no `@Body`).
        let call = match self.family() {
            Family::Backend => call.json(&RotateBody {
                organization_id: request.organization_id.as_str(),
                member_id: request.member_id.as_str(),
            }),
            Family::Sdk => call.json(&serde_json::json!({})),
        };
        call.send().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::SessionToken;

    /// A recover body carries the session only on the backend family; get and rotate name the
    /// member by the session's Basic header on the SDK family, and need it.
    #[test]
    fn the_sdk_family_never_puts_a_session_in_a_recovery_body() {
        let session = PrimaryFactorProof::Session(SessionToken::new(
            "session-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ));
        for (family, in_body) in [(Family::Sdk, false), (Family::Backend, true)] {
            let (proof, auth) = proof_parts(family, Some(&session));
            assert_eq!(matches!(auth, Auth::SdkSession(_)), !in_body);
            let body = serde_json::to_value(RecoverBody {
                organization_id: "organization-test-1",
                member_id: "member-test-1",
                recovery_code: "abcd-1234-efgh",
                session_duration_minutes: Some(60),
                proof,
            })
            .unwrap();
            assert_eq!(
                body.get("session_token").is_some(),
                in_body,
                "{family:?} {body}"
            );
            for never in ["session_jwt", "session_custom_claims", "set_default_mfa"] {
                assert!(body.get(never).is_none(), "{never} in {body}");
            }
        }
        let request = RecoveryCodesRequest {
            organization_id: OrganizationId::new("organization-test-1"),
            member_id: MemberId::new("member-test-1"),
            session_token: None,
        };
        assert!(request.auth_for(Family::Sdk, "recovery_codes.get").is_err());
        assert!(matches!(
            request.auth_for(Family::Backend, "recovery_codes.get"),
            Ok(Auth::Default)
        ));
    }
}
