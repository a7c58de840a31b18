//! The authenticator app: a new registration (its QR code and setup key on screen, its recovery
//! codes held until the first code confirms it), then its codes.

use stytch_b2b::{ErrorType, TotpAuthenticateRequest, TotpCode, TotpCreateRequest};

use crate::factor::{Step, TotpEnrolment};
use crate::notices::{self, Product};

use super::second_factor::Refusal;
use super::state::{NewSession, Phase, Recovery};
use super::Machine;

impl Machine {
    /// A new authenticator registration for a member without a factor: its QR code, setup key
    /// and recovery codes arrive; the screen shows the first two.
    pub(super) async fn create_totp(&self) {
        let (request, ticket) = {
            let mut state = self.lock();
            if state.in_flight || self.ist_expired(&mut state) {
                return self.publish(&state);
            }
            let Phase::SecondFactor { mfa, .. } = &state.phase else {
                return;
            };
            let request = TotpCreateRequest::new(
                mfa.organization_id.clone(),
                mfa.member_id.clone(),
                Some(mfa.ist.clone().into()),
            );
            state.notice = None;
            (request, self.begin(&mut state))
        };
        let answer = self.client.totp_create(&request).await;
        let Some(mut state) = self.resume(ticket) else {
            return;
        };
        match answer {
            Ok(created) => {
                tracing::info!("authenticator registration created");
                if let Phase::SecondFactor { step, .. } = &mut state.phase {
                    *step = Step::EnrollTotp(TotpEnrolment {
                        qr_code: created.qr_code,
                        secret: created.secret,
                        recovery_codes: created.recovery_codes,
                    });
                }
            }
            Err(e) => {
                tracing::warn!("totp create failed: {e}");
                match e.error_type() {
                    Some(ErrorType::IntermediateSessionNotFound) => {
                        state.intermediate_session_gone()
                    }
                    Some(ErrorType::OperationRestrictedByOrganizationMfaMethods) => {
                        state.notice = Some(notices::method_not_allowed())
                    }
                    _ => {
                        state.notice = Some(self.refused(&e, Product::CreateTotp, notices::problem))
                    }
                }
            }
        }
        self.publish(&state);
    }

    /// A code from the authenticator app: the first one confirms a new registration (then the
    /// recovery codes are shown once), later ones sign in.
    pub(super) async fn submit_totp(&self, code: String) {
        let (request, recovery_codes, typed, ticket) = {
            let mut state = self.lock();
            let Some((code, typed)) = self.typed_code(
                &mut state,
                "totp",
                &code,
                TotpCode::parse,
                notices::invalid_totp_code,
            ) else {
                return;
            };
            let recovery_codes = match &state.phase {
                Phase::SecondFactor {
                    step: Step::EnrollTotp(enrolment),
                    ..
                } => Some(enrolment.recovery_codes.clone()),
                Phase::SecondFactor {
                    step: Step::Totp, ..
                } => None,
                _ => return,
            };
            let call = self.code_call(&mut state, |mfa, minutes| {
                let (org, member) = (mfa.organization_id.clone(), mfa.member_id.clone());
                TotpAuthenticateRequest::new(org, member, code, mfa.ist.clone(), minutes)
            });
            let Some((request, ticket)) = call else {
                return;
            };
            (request, recovery_codes, typed, ticket)
        };
        match self.client.totp_authenticate(&request).await {
            Ok(r) => {
                tracing::info!("authenticator code accepted");
                let recovery = recovery_codes
                    .filter(|codes| !codes.is_empty())
                    .map(|codes| Recovery::NewCodes {
                        codes,
                        rotated: false,
                    });
                let session = NewSession::from_answer(
                    &r.member,
                    r.session_token,
                    r.member_session,
                    r.session_jwt,
                )
                .map(|s| s.with_authenticator(recovery));
                self.code_accepted(ticket, session).await;
                self.codes_shown().await;
            }
            Err(e) => {
                let refusal = match e.error_type() {
                    Some(ErrorType::InvalidTotpCode) => Refusal::wrong(notices::wrong_totp_code()),
                    Some(ErrorType::TotpCodeAlreadyAuthenticated) => {
                        Refusal::other(notices::totp_code_used())
                    }
                    Some(ErrorType::UnableToAuthenticateTotp) => {
                        Refusal::other(notices::totp_setup_expired())
                    }
                    _ => Refusal::other(self.refused(&e, Product::Totp, notices::problem)),
                };
                self.code_refused(ticket, "totp", &typed, &e, refusal);
            }
        }
    }
}

impl NewSession {
    /// A session minted with the authenticator app or one of its recovery codes: the member has
    /// the app (whatever the answer's member says), and `recovery` shows first.
    pub(super) fn with_authenticator(mut self, recovery: Option<Recovery>) -> Self {
        self.totp = true;
        self.recovery = recovery;
        self
    }
}
