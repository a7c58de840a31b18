//! A member who signed in with a recovery code has likely lost their authenticator app: the
//! signed-in screen offers a new one. Stytch refuses a second registration while one exists
//! (`active_totp_exists`), so the old one is deleted first — the member's own, through the SDK's
//! `organizations/members/deleteTOTP` — then a new one is created with the session, its first code
//! confirms it with the session, and its recovery codes are shown once.

use stytch_b2b::{
    DeleteTotpRequest, ErrorType, TotpAuthenticateRequest, TotpCode, TotpCreateRequest,
};

use crate::factor::TotpEnrolment;
use crate::notices::{self, Product};

use super::second_factor::Refusal;
use super::state::{NewAuthenticator, NewSession, Phase, Recovery};
use super::Machine;

impl Machine {
    /// "Set up a new authenticator app": deletes the old registration (unless already gone),
    /// then creates a new one with the session; the setup screen follows.
    pub async fn set_up_new_authenticator(&self) {
        let (whose, delete_first, ticket) = {
            let mut state = self.lock();
            if state.in_flight {
                return;
            }
            let Phase::SignedIn {
                token,
                session,
                new_authenticator:
                    Some(step @ (NewAuthenticator::Offered | NewAuthenticator::OldRemoved)),
                ..
            } = &state.phase
            else {
                return;
            };
            let delete_first = matches!(step, NewAuthenticator::Offered);
            let whose = DeleteTotpRequest {
                organization_id: session.organization_id.clone(),
                member_id: session.member_id.clone(),
                session_token: Some(token.clone()),
            };
            state.notice = None;
            (whose, delete_first, self.begin(&mut state))
        };
        let ticket = if delete_first {
            let answer = self.client.members_delete_totp(&whose).await;
            let ended = self.session_ended(&answer).await;
            if let (true, Some(token)) = (ended, &whose.session_token) {
                self.forget_session(token).await;
            }
            let Some(mut state) = self.resume(ticket) else {
                return;
            };
            match answer {
                // Not found: an earlier attempt deleted it and its answer was lost.
                Err(e) if e.error_type() == Some(&ErrorType::TotpNotFound) => {}
                Ok(_) => {}
                Err(_) if ended => {
                    state.session_gone();
                    return self.publish(&state);
                }
                Err(e) => {
                    tracing::warn!("deleting the lost authenticator failed: {e}");
                    state.notice = Some(self.refused(&e, Product::Sdk, notices::problem));
                    return self.publish(&state);
                }
            }
            tracing::info!("the lost authenticator registration was deleted");
            if let Phase::SignedIn {
                totp,
                new_authenticator,
                ..
            } = &mut state.phase
            {
                // Its recovery codes went with it: none left to renew.
                *totp = false;
                *new_authenticator = Some(NewAuthenticator::OldRemoved);
            }
            self.begin(&mut state)
        } else {
            ticket
        };
        let request = TotpCreateRequest::new(
            whose.organization_id.clone(),
            whose.member_id.clone(),
            whose.session_token.clone().map(Into::into),
        );
        let answer = self.client.totp_create(&request).await;
        let ended = self.session_ended(&answer).await;
        if let (true, Some(token)) = (ended, &whose.session_token) {
            self.forget_session(token).await;
        }
        let Some(mut state) = self.resume(ticket) else {
            return;
        };
        match answer {
            Ok(created) => {
                tracing::info!("a new authenticator registration was created");
                if let Phase::SignedIn {
                    new_authenticator, ..
                } = &mut state.phase
                {
                    *new_authenticator = Some(NewAuthenticator::Enrolling(TotpEnrolment {
                        qr_code: created.qr_code,
                        secret: created.secret,
                        recovery_codes: created.recovery_codes,
                    }));
                }
                state.next_step();
            }
            Err(_) if ended => state.session_gone(),
            Err(e) => {
                tracing::warn!("creating the new authenticator failed: {e}");
                state.notice = Some(match e.error_type() {
                    Some(ErrorType::OperationRestrictedByOrganizationMfaMethods) => {
                        notices::method_not_allowed()
                    }
                    _ => self.refused(&e, Product::CreateTotp, notices::problem),
                });
            }
        }
        self.publish(&state);
    }

    /// "Not now" on the new app's setup screen: back to the signed-in screen, which offers the
    /// setup again (a new registration; the one on screen is never confirmed).
    pub async fn stop_authenticator_setup(&self) {
        let mut state = self.lock();
        let Phase::SignedIn {
            new_authenticator: Some(step @ NewAuthenticator::Enrolling(_)),
            ..
        } = &mut state.phase
        else {
            return;
        };
        *step = NewAuthenticator::OldRemoved;
        state.notice = None;
        state.next_step();
        self.publish(&state);
    }

    /// The new app's first code, with the session: the app is set up, and its recovery codes are
    /// shown once.
    pub(super) async fn confirm_new_authenticator(&self, code: String) {
        let (request, recovery_codes, token, typed, ticket) = {
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
            let Phase::SignedIn {
                token,
                session,
                new_authenticator: Some(NewAuthenticator::Enrolling(enrolment)),
                ..
            } = &state.phase
            else {
                return;
            };
            let request = TotpAuthenticateRequest::new(
                session.organization_id.clone(),
                session.member_id.clone(),
                code,
                token.clone(),
                Some(self.config.session_minutes.get()),
            );
            let (codes, token) = (enrolment.recovery_codes.clone(), token.clone());
            state.notice = None;
            (request, codes, token, typed, self.begin(&mut state))
        };
        let answer = self.client.totp_authenticate(&request).await;
        let ended = self.session_ended(&answer).await;
        if ended {
            self.forget_session(&token).await;
        }
        let r = match answer {
            Ok(r) => r,
            Err(_) if ended => {
                if let Some(mut state) = self.resume(ticket) {
                    state.session_gone();
                    self.publish(&state);
                }
                return;
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
                return self.code_refused(ticket, "totp", &typed, &e, refusal);
            }
        };
        tracing::info!("the new authenticator app is set up");
        let codes =
            Some(recovery_codes)
                .filter(|c| !c.is_empty())
                .map(|codes| Recovery::NewCodes {
                    codes,
                    rotated: false,
                });
        match NewSession::from_answer(&r.member, r.session_token, r.member_session, r.session_jwt) {
            // Stytch minted another session (inferred: it updates the one it was given): keep it.
            Ok(minted) if minted.token.expose() != token.expose() => {
                self.keep_session(ticket, minted.with_authenticator(codes))
                    .await
            }
            answered => {
                let Some(mut state) = self.resume(ticket) else {
                    return;
                };
                if let Phase::SignedIn {
                    session,
                    jwt,
                    totp,
                    recovery,
                    new_authenticator,
                    ..
                } = &mut state.phase
                {
                    if let Ok(same) = answered {
                        *session = same.session;
                        if same.jwt.is_some() {
                            *jwt = same.jwt;
                        }
                    }
                    *totp = true;
                    *recovery = codes;
                    *new_authenticator = None;
                }
                state.next_step();
                self.publish(&state);
            }
        }
        self.codes_shown().await;
    }
}
