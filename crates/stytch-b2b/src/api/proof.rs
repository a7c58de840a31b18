//! What proves the primary factor to the MFA endpoints (SMS OTP, TOTP, recovery codes), and where
//! each API family wants that proof: in the body, or as the Basic password.

use serde::Serialize;

use crate::{
    call::Auth,
    config::Family,
    secret::{IntermediateSessionToken, SessionToken},
};

/// What proves the primary factor to the MFA endpoints.
///
/// A session goes where its family wants it: in the backend body as `session_token`, in the SDK
/// family as the Basic password (`public_token:session_token`). Stytch's SDK request schemas have
/// no `session_token` or `session_jwt` field (stytch-android `StytchB2BApiService.kt`,
/// `B2BRequests.kt`), and this type cannot put one there.
#[derive(Debug, Clone)]
pub enum PrimaryFactorProof {
    /// The IST from magic_links/authenticate (Gatehouse's case).
    IntermediateSession(IntermediateSessionToken),
    /// An existing session (step-up).
    Session(SessionToken),
}

impl From<IntermediateSessionToken> for PrimaryFactorProof {
    fn from(t: IntermediateSessionToken) -> Self {
        Self::IntermediateSession(t)
    }
}

impl From<SessionToken> for PrimaryFactorProof {
    fn from(t: SessionToken) -> Self {
        Self::Session(t)
    }
}

/// The body fields a proof makes; flattened into each request body.
#[derive(Serialize, Default)]
pub(crate) struct ProofFields<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intermediate_session_token: Option<&'a str>,
    /// Backend family only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_token: Option<&'a str>,
}

/// The body fields and the Authorization a proof makes in `family`.
pub(crate) fn proof_parts(
    family: Family,
    proof: Option<&PrimaryFactorProof>,
) -> (ProofFields<'_>, Auth<'_>) {
    match (proof, family) {
        (None, _) => (ProofFields::default(), Auth::Default),
        (Some(PrimaryFactorProof::IntermediateSession(t)), _) => (
            ProofFields {
                intermediate_session_token: Some(t.expose()),
                ..ProofFields::default()
            },
            Auth::Default,
        ),
        (Some(PrimaryFactorProof::Session(t)), Family::Backend) => (
            ProofFields {
                session_token: Some(t.expose()),
                ..ProofFields::default()
            },
            Auth::Default,
        ),
        (Some(PrimaryFactorProof::Session(t)), Family::Sdk) => {
            (ProofFields::default(), Auth::SdkSession(t))
        }
    }
}
