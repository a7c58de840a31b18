//! TOTP (authenticator apps) as the second factor: create a registration (secret, QR code,
//! recovery codes), then authenticate a code from the app. Neither is ever repeated: create
//! mints a new secret each time, and authenticate spends the IST.

use serde::Serialize;

use crate::{
    api::{
        answer::{answer, mfa_session_answer},
        minted_session_duration,
        otps::MfaEnrollment,
        proof::{proof_parts, PrimaryFactorProof, ProofFields},
    },
    call::Repeat,
    client::Client,
    error::Error,
    objects::{Member, Organization},
    routes,
    secret::{TotpQrCode, TotpSecret},
    validated::{InvalidInput, MemberId, OrganizationId, RecoveryCode, TotpCode},
};

/// `expiration_minutes` Stytch accepts for a registration not yet authenticated: default 60,
/// 5 to 1440 (stytch crate src/b2b/totps.rs, `CreateRequest.expiration_minutes`).
pub const TOTP_EXPIRATION_MINUTES: std::ops::RangeInclusive<u32> = 5..=1440;

/// `POST /b2b/totp`: a new TOTP registration for the member.
#[derive(Debug, Clone)]
pub struct TotpCreateRequest {
    /// The organization.
    pub organization_id: OrganizationId,
    /// The member.
    pub member_id: MemberId,
    /// The IST (during sign-in) or a session (adding TOTP later). Required once the member has
    /// an MFA factor (stytch crate src/b2b/totps.rs, `CreateRequest`).
    pub proof: Option<PrimaryFactorProof>,
    /// How long the registration waits for its first code; `None` = Stytch's 60.
    pub expiration_minutes: Option<u32>,
}

impl TotpCreateRequest {
    /// Organization, member and the proof of the primary factor.
    pub fn new(
        organization_id: OrganizationId,
        member_id: MemberId,
        proof: Option<PrimaryFactorProof>,
    ) -> Self {
        Self {
            organization_id,
            member_id,
            proof,
            expiration_minutes: None,
        }
    }
}

#[derive(Serialize)]
struct CreateBody<'a> {
    organization_id: &'a str,
    member_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    expiration_minutes: Option<u32>,
    #[serde(flatten)]
    proof: ProofFields<'a>,
}

answer! {
    /// The answer to totp create: what the member's authenticator app needs, shown once.
    pub struct TotpCreateResponse {
        /// The member.
        #[serde(default)]
        pub member_id: Option<MemberId>,
        /// The new registration (pending until a code is authenticated).
        pub totp_registration_id: String,
        /// The shared secret, base32, for typing into the app.
        pub secret: TotpSecret,
        /// The secret as a QR code image, `data:image/png;base64,…`.
        pub qr_code: TotpQrCode,
        /// Single-use codes for when the app is lost.
        pub recovery_codes: Vec<RecoveryCode>,
        /// The member.
        pub member: Member,
        /// The organization.
        pub organization: Organization,
    }
}

/// `POST /b2b/totp/authenticate`.
#[derive(Debug, Clone)]
pub struct TotpAuthenticateRequest {
    /// The organization.
    pub organization_id: OrganizationId,
    /// The member.
    pub member_id: MemberId,
    /// The 6-digit code the app shows.
    pub code: TotpCode,
    /// The IST (or a session for step-up).
    pub proof: PrimaryFactorProof,
    /// Session lifetime, 5..=527040; `None` = Stytch's 60 (sent explicitly on the SDK path).
    pub session_duration_minutes: Option<u32>,
    /// Enroll or unenroll the member in MFA.
    pub set_mfa_enrollment: Option<MfaEnrollment>,
    /// Make TOTP the member's default MFA method. Accepted by both families (stytch-android
    /// `B2BRequests.TOTP.AuthenticateRequest`, unlike its SMS request).
    pub set_default_mfa: Option<bool>,
}

impl TotpAuthenticateRequest {
    /// Organization, member, code, IST, session lifetime.
    pub fn new(
        organization_id: OrganizationId,
        member_id: MemberId,
        code: TotpCode,
        proof: impl Into<PrimaryFactorProof>,
        session_duration_minutes: Option<u32>,
    ) -> Self {
        Self {
            organization_id,
            member_id,
            code,
            proof: proof.into(),
            session_duration_minutes,
            set_mfa_enrollment: None,
            set_default_mfa: None,
        }
    }
}

#[derive(Serialize)]
struct AuthenticateBody<'a> {
    organization_id: &'a str,
    member_id: &'a str,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    session_duration_minutes: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    set_mfa_enrollment: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    set_default_mfa: Option<bool>,
    #[serde(flatten)]
    proof: ProofFields<'a>,
}

mfa_session_answer! {
    /// The answer to totp/authenticate: the full session. The member comes back MFA enrolled,
    /// with `totp_registration_id` set.
    pub struct TotpAuthenticateResponse {}
}

impl Client {
    /// Creates a TOTP registration. Never repeated: each call mints a new secret.
    pub async fn totp_create(
        &self,
        request: &TotpCreateRequest,
    ) -> Result<TotpCreateResponse, Error> {
        if let Some(m) = request.expiration_minutes {
            if !TOTP_EXPIRATION_MINUTES.contains(&m) {
                return Err(InvalidInput::new(
                    "expiration_minutes",
                    format!("{m} is outside 5..=1440"),
                )
                .into());
            }
        }
        let (proof, auth) = proof_parts(self.family(), request.proof.as_ref());
        let body = CreateBody {
            organization_id: request.organization_id.as_str(),
            member_id: request.member_id.as_str(),
            expiration_minutes: request.expiration_minutes,
            proof,
        };
        let route = self.route(&routes::BACKEND_TOTP_CREATE, &routes::SDK_TOTP_CREATE);
        let call = self.call(route, Repeat::Never);
        call.json(&body).auth(auth).send().await
    }

    /// Authenticates a code from the authenticator app. Never retried: the IST is single-use.
    pub async fn totp_authenticate(
        &self,
        request: &TotpAuthenticateRequest,
    ) -> Result<TotpAuthenticateResponse, Error> {
        let session_duration_minutes =
            minted_session_duration(self.family(), request.session_duration_minutes)?;
        let (proof, auth) = proof_parts(self.family(), Some(&request.proof));
        let body = AuthenticateBody {
            organization_id: request.organization_id.as_str(),
            member_id: request.member_id.as_str(),
            code: request.code.expose(),
            session_duration_minutes,
            set_mfa_enrollment: request.set_mfa_enrollment.as_ref().map(|e| e.as_str()),
            set_default_mfa: request.set_default_mfa,
            proof,
        };
        let route = self.route(
            &routes::BACKEND_TOTP_AUTHENTICATE,
            &routes::SDK_TOTP_AUTHENTICATE,
        );
        let call = self.call(route, Repeat::Never);
        call.json(&body).auth(auth).send().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::body_keys as keys;
    use crate::call::Auth;
    use crate::secret::{IntermediateSessionToken, SessionToken};
    use crate::Family;

    /// SDK bodies carry no session (it rides in the Basic header) and never
    /// `session_custom_claims`; `set_default_mfa` is allowed here only because stytch-android's
    /// `B2BRequests.TOTP.AuthenticateRequest` has it.
    #[test]
    fn an_sdk_totp_body_never_carries_a_session_and_the_backend_body_does() {
        let session = PrimaryFactorProof::Session(SessionToken::new(
            "session-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ));
        let ist = PrimaryFactorProof::from(IntermediateSessionToken::new("ist-aaaaaaaaaaaaaaaa"));
        for (family, in_body) in [(Family::Sdk, false), (Family::Backend, true)] {
            let (fields, auth) = proof_parts(family, Some(&session));
            assert_eq!(matches!(auth, Auth::SdkSession(_)), !in_body);
            let create = keys(&CreateBody {
                organization_id: "organization-test-1",
                member_id: "member-test-1",
                expiration_minutes: None,
                proof: fields,
            });
            let (fields, _) = proof_parts(family, Some(&session));
            let authenticate = keys(&AuthenticateBody {
                organization_id: "organization-test-1",
                member_id: "member-test-1",
                code: "123456",
                session_duration_minutes: Some(60),
                set_mfa_enrollment: None,
                set_default_mfa: Some(true),
                proof: fields,
            });
            for keys in [&create, &authenticate] {
                assert_eq!(
                    keys.contains(&"session_token".to_owned()),
                    in_body,
                    "{family:?} {keys:?}"
                );
                for never in ["session_jwt", "session_custom_claims"] {
                    assert!(!keys.contains(&never.to_owned()), "{never} in {keys:?}");
                }
            }
            // An IST is a body field in both families.
            let (fields, auth) = proof_parts(family, Some(&ist));
            assert!(!matches!(auth, Auth::SdkSession(_)));
            let with_ist = keys(&CreateBody {
                organization_id: "organization-test-1",
                member_id: "member-test-1",
                expiration_minutes: None,
                proof: fields,
            });
            assert!(
                with_ist.contains(&"intermediate_session_token".to_owned()),
                "{with_ist:?}"
            );
        }
    }
}
