//! SMS one-time passcodes as the second factor: send a code, authenticate it. Send is repeated
//! only when the connection failed (no SMS can have gone out); authenticate never (the code and
//! the IST are single-use).

use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::{
    api::minted_session_duration,
    client::{to_body, Auth, Call, Client, Repeat},
    config::Family,
    error::Error,
    objects::{Member, MemberSession, Organization},
    secret::{IntermediateSessionToken, SessionJwt, SessionToken},
    serde_util::{empty_as_none, string_enum},
    validated::{MemberId, OrganizationId, RequestId, SmsCode, E164},
};

/// What proves the primary factor to the OTP endpoints.
#[derive(Debug, Clone)]
pub enum PrimaryFactorProof {
    /// The IST from magic_links/authenticate (Gatehouse's case).
    IntermediateSession(IntermediateSessionToken),
    /// An existing session token (step-up).
    SessionToken(SessionToken),
    /// An existing session JWT (step-up).
    SessionJwt(SessionJwt),
}

impl From<IntermediateSessionToken> for PrimaryFactorProof {
    fn from(t: IntermediateSessionToken) -> Self {
        Self::IntermediateSession(t)
    }
}

#[derive(Serialize, Default)]
struct ProofFields<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    intermediate_session_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    session_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    session_jwt: Option<&'a str>,
}

impl<'a> ProofFields<'a> {
    fn of(proof: Option<&'a PrimaryFactorProof>) -> Self {
        match proof {
            None => Self::default(),
            Some(PrimaryFactorProof::IntermediateSession(t)) => Self {
                intermediate_session_token: Some(t.expose()),
                ..Self::default()
            },
            Some(PrimaryFactorProof::SessionToken(t)) => Self {
                session_token: Some(t.expose()),
                ..Self::default()
            },
            Some(PrimaryFactorProof::SessionJwt(t)) => Self {
                session_jwt: Some(t.expose()),
                ..Self::default()
            },
        }
    }
}

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
    /// SMS language.
    pub locale: Option<String>,
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
}

#[derive(Serialize)]
struct SmsSendBody<'a> {
    organization_id: &'a str,
    member_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    mfa_phone_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locale: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enable_autofill: Option<bool>,
    #[serde(flatten)]
    proof: ProofFields<'a>,
}

/// The answer to otps/sms/send (SDK: only `request_id`, `status_code`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SmsSendResponse {
    /// Stytch's request id.
    #[serde(default)]
    pub request_id: RequestId,
    /// HTTP status as Stytch reports it.
    #[serde(default)]
    pub status_code: u16,
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
    /// Make SMS the member's default MFA method.
    pub set_default_mfa: Option<bool>,
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
            set_default_mfa: None,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    set_default_mfa: Option<bool>,
    #[serde(flatten)]
    proof: ProofFields<'a>,
}

/// The answer to otps/sms/authenticate: the full session.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SmsAuthenticateResponse {
    /// Stytch's request id.
    #[serde(default)]
    pub request_id: RequestId,
    /// HTTP status as Stytch reports it.
    #[serde(default)]
    pub status_code: u16,
    /// The member.
    #[serde(default)]
    pub member_id: Option<MemberId>,
    /// The member (MFA enrolled, phone verified).
    pub member: Member,
    /// The organization.
    pub organization: Organization,
    /// The session token; `None` for `""`.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub session_token: Option<SessionToken>,
    /// The session JWT; `None` for `""`.
    #[serde(default, deserialize_with = "empty_as_none")]
    pub session_jwt: Option<SessionJwt>,
    /// The session with both factors.
    #[serde(default)]
    pub member_session: Option<MemberSession>,
}

impl Client {
    /// Sends an SMS code. Repeated only when the connection failed before anything was sent.
    pub async fn otps_sms_send(&self, request: &SmsSendRequest) -> Result<SmsSendResponse, Error> {
        let body = SmsSendBody {
            organization_id: request.organization_id.as_str(),
            member_id: request.member_id.as_str(),
            mfa_phone_number: request.mfa_phone_number.as_ref().map(E164::as_str),
            locale: request.locale.as_deref(),
            enable_autofill: match self.family() {
                Family::Sdk => request.enable_autofill,
                Family::Backend => None,
            },
            proof: ProofFields::of(request.proof.as_ref()),
        };
        self.execute(Call {
            method: Method::POST,
            path: "/otps/sms/send".into(),
            body: Some(to_body(&body)),
            auth: Auth::Default,
            repeat: Repeat::IfNotSent,
            endpoint: "otps.sms.send",
        })
        .await
    }

    /// Authenticates an SMS code. Never retried: the code and IST are single-use.
    pub async fn otps_sms_authenticate(
        &self,
        request: &SmsAuthenticateRequest,
    ) -> Result<SmsAuthenticateResponse, Error> {
        let session_duration_minutes =
            minted_session_duration(self.family(), request.session_duration_minutes)?;
        let body = SmsAuthenticateBody {
            organization_id: request.organization_id.as_str(),
            member_id: request.member_id.as_str(),
            code: request.code.expose(),
            session_duration_minutes,
            set_mfa_enrollment: request.set_mfa_enrollment.as_ref().map(|e| e.as_str()),
            set_default_mfa: request.set_default_mfa,
            proof: ProofFields::of(Some(&request.proof)),
        };
        self.execute(Call {
            method: Method::POST,
            path: "/otps/sms/authenticate".into(),
            body: Some(to_body(&body)),
            auth: Auth::Default,
            repeat: Repeat::Never,
            endpoint: "otps.sms.authenticate",
        })
        .await
    }
}
