//! SMS one-time passcodes as the second factor: send a code, authenticate it. Send is repeated
//! only when the connection failed (no SMS can have gone out); authenticate never (the code and
//! the IST are single-use).

use serde::Serialize;

use crate::{
    api::{
        answer::{answer, mfa_session_answer},
        minted_session_duration,
        proof::{proof_parts, PrimaryFactorProof, ProofFields},
    },
    call::Repeat,
    client::Client,
    config::Family,
    error::Error,
    locale::SmsLocale,
    objects::{Member, Organization},
    routes,
    secret::IntermediateSessionToken,
    serde_util::string_enum,
    validated::{MemberId, OrganizationId, SmsCode, E164},
};

/// `POST /b2b/otps/sms/send`.
#[derive(Debug, Clone)]
pub struct SmsSendRequest {
    /// The organization.
    pub organization_id: OrganizationId,
    /// The member.
    pub member_id: MemberId,
    /// The number, for a member with none on file (a different number than the one on file is
    /// an error at Stytch). `None` = the number on file.
    pub mfa_phone_number: Option<E164>,
    /// The IST (required once the member has an MFA factor).
    pub proof: Option<PrimaryFactorProof>,
    /// The SMS's language; `None` = English.
    pub locale: Option<SmsLocale>,
    /// SDK family only: ask the OS to autofill the code.
    pub enable_autofill: Option<bool>,
}

impl SmsSendRequest {
    /// Organization, member, optional new number, and the IST.
    pub fn new(
        organization_id: OrganizationId,
        member_id: MemberId,
        mfa_phone_number: Option<E164>,
        intermediate_session_token: Option<IntermediateSessionToken>,
    ) -> Self {
        Self {
            organization_id,
            member_id,
            mfa_phone_number,
            proof: intermediate_session_token.map(PrimaryFactorProof::IntermediateSession),
            locale: None,
            enable_autofill: None,
        }
    }

    /// Sets the SMS's language (`None`: English).
    pub fn with_locale(mut self, locale: Option<SmsLocale>) -> Self {
        self.locale = locale;
        self
    }
}

#[derive(Serialize)]
struct SmsSendBody<'a> {
    organization_id: &'a str,
    member_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    mfa_phone_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locale: Option<SmsLocale>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enable_autofill: Option<bool>,
    #[serde(flatten)]
    proof: ProofFields<'a>,
}

answer! {
    /// The answer to otps/sms/send (SDK: only `request_id`, `status_code`).
    pub struct SmsSendResponse {
        /// The member (backend only).
        #[serde(default)]
        pub member_id: Option<MemberId>,
        /// The member (backend only).
        #[serde(default)]
        pub member: Option<Member>,
        /// The organization (backend only).
        #[serde(default)]
        pub organization: Option<Organization>,
    }
}

string_enum!(
    /// `set_mfa_enrollment`.
    MfaEnrollment {
        /// Enroll the member in MFA.
        Enroll => "enroll",
        /// Unenroll.
        Unenroll => "unenroll",
    }
);

/// `POST /b2b/otps/sms/authenticate`.
#[derive(Debug, Clone)]
pub struct SmsAuthenticateRequest {
    /// The organization.
    pub organization_id: OrganizationId,
    /// The member.
    pub member_id: MemberId,
    /// The 6-digit code.
    pub code: SmsCode,
    /// The IST (or a session for step-up).
    pub proof: PrimaryFactorProof,
    /// Session lifetime, 5..=527040; `None` = Stytch's 60 (sent explicitly on the SDK path).
    pub session_duration_minutes: Option<u32>,
    /// Enroll or unenroll the member in MFA.
    pub set_mfa_enrollment: Option<MfaEnrollment>,
}

impl SmsAuthenticateRequest {
    /// What Gatehouse sends: organization, member, code, IST, session lifetime.
    pub fn new(
        organization_id: OrganizationId,
        member_id: MemberId,
        code: SmsCode,
        intermediate_session_token: IntermediateSessionToken,
        session_duration_minutes: Option<u32>,
    ) -> Self {
        Self {
            organization_id,
            member_id,
            code,
            proof: PrimaryFactorProof::IntermediateSession(intermediate_session_token),
            session_duration_minutes,
            set_mfa_enrollment: None,
        }
    }
}

#[derive(Serialize)]
struct SmsAuthenticateBody<'a> {
    organization_id: &'a str,
    member_id: &'a str,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    session_duration_minutes: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    set_mfa_enrollment: Option<&'a str>,
    #[serde(flatten)]
    proof: ProofFields<'a>,
}

mfa_session_answer! {
    /// The answer to otps/sms/authenticate: the full session. The member comes back MFA
    /// enrolled, with the phone verified.
    pub struct SmsAuthenticateResponse {}
}

impl Client {
    /// Sends an SMS code. Repeated only when the connection failed before anything was sent.
    pub async fn otps_sms_send(&self, request: &SmsSendRequest) -> Result<SmsSendResponse, Error> {
        let (proof, auth) = proof_parts(self.family(), request.proof.as_ref());
        let body = SmsSendBody {
            organization_id: request.organization_id.as_str(),
            member_id: request.member_id.as_str(),
            mfa_phone_number: request.mfa_phone_number.as_ref().map(E164::as_str),
            locale: request.locale,
            enable_autofill: match self.family() {
                Family::Sdk => request.enable_autofill,
                Family::Backend => None,
            },
            proof,
        };
        let route = self.route(&routes::BACKEND_OTPS_SMS_SEND, &routes::SDK_OTPS_SMS_SEND);
        let call = self.call(route, Repeat::IfNotSent);
        call.json(&body).auth(auth).send().await
    }

    /// Authenticates an SMS code. Never retried: the code and IST are single-use.
    pub async fn otps_sms_authenticate(
        &self,
        request: &SmsAuthenticateRequest,
    ) -> Result<SmsAuthenticateResponse, Error> {
        let session_duration_minutes =
            minted_session_duration(self.family(), request.session_duration_minutes)?;
        let (proof, auth) = proof_parts(self.family(), Some(&request.proof));
        let body = SmsAuthenticateBody {
            organization_id: request.organization_id.as_str(),
            member_id: request.member_id.as_str(),
            code: request.code.expose(),
            session_duration_minutes,
            set_mfa_enrollment: request.set_mfa_enrollment.as_ref().map(|e| e.as_str()),
            proof,
        };
        let route = self.route(
            &routes::BACKEND_OTPS_SMS_AUTHENTICATE,
            &routes::SDK_OTPS_SMS_AUTHENTICATE,
        );
        let call = self.call(route, Repeat::Never);
        call.json(&body).auth(auth).send().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{api::body_keys as keys, call::Auth, secret::SessionToken};

    /// Stytch's SDK schemas have no session fields, `set_default_mfa` or `session_custom_claims`
    /// (stytch-android `StytchB2BApiService.kt`): a session rides in the Basic header instead.
    #[test]
    fn an_sdk_body_never_carries_a_session_and_the_backend_body_does() {
        let token = SessionToken::new("session-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        let proof = PrimaryFactorProof::Session(token);
        for (family, in_body) in [(Family::Sdk, false), (Family::Backend, true)] {
            let (fields, auth) = proof_parts(family, Some(&proof));
            assert_eq!(matches!(auth, Auth::SdkSession(_)), !in_body);
            let body = SmsAuthenticateBody {
                organization_id: "organization-test-1",
                member_id: "member-test-1",
                code: "123456",
                session_duration_minutes: Some(60),
                set_mfa_enrollment: None,
                proof: fields,
            };
            let keys = keys(&body);
            assert_eq!(
                keys.contains(&"session_token".to_owned()),
                in_body,
                "{family:?}"
            );
            for never in ["session_jwt", "set_default_mfa", "session_custom_claims"] {
                assert!(!keys.contains(&never.to_owned()), "{never} in {keys:?}");
            }
        }
    }
}
