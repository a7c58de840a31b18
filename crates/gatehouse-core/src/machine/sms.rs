//! The SMS code, the guide's second factor: send it (to the phone on file, or to the number a
//! member without one enters), send a new one, and check the code typed.

use stytch_b2b::{ErrorType, SmsAuthenticateRequest, SmsCode, SmsSendRequest, E164};

use crate::factor::{FactorKind, SentCode, Step};
use crate::notices::{self, Product};
use crate::stytch_facts;
use crate::view::mask_phone;

use super::second_factor::{Refusal, SendReason};
use super::state::{NewAuthenticator, NewSession, Phase};
use super::Machine;

impl Machine {
    /// Sends an SMS code (to the number the member entered in an `EnrollPhone` step, or to the
    /// one on file) and moves to the code screen. A failed send leaves the member where they
    /// were, with what they typed.
    pub(super) async fn send_code(&self, new_phone: Option<E164>, why: SendReason) {
        let (request, ticket) = {
            let mut state = self.lock();
            if state.in_flight || self.ist_expired(&mut state) {
                return self.publish(&state);
            }
            let Phase::SecondFactor { mfa, step } = &state.phase else {
                return;
            };
            let phone = match (step, &new_phone) {
                (Step::EnrollPhone, Some(p)) => Some(p.clone()),
                // A new code waits for the cooldown: it would kill the one on its way.
                (
                    Step::Sms {
                        code: Some(code), ..
                    },
                    None,
                ) if why == SendReason::Resend && self.now() < code.resend_at() => {
                    tracing::info!("a new code asked for before the cooldown: not sent");
                    return self.publish(&state);
                }
                (Step::Sms { phone, .. }, None) => phone.clone(),
                _ => return,
            };
            let request = SmsSendRequest::new(
                mfa.organization_id.clone(),
                mfa.member_id.clone(),
                phone,
                Some(mfa.ist.clone()),
            )
            .with_locale(stytch_facts::sms_locale(&self.config.language));
            state.notice = None;
            (request, self.begin(&mut state))
        };
        let answer = self.client.otps_sms_send(&request).await;
        let Some(mut state) = self.resume(ticket) else {
            return;
        };
        let now = self.now();
        match answer {
            Ok(_) => {
                tracing::info!("SMS code sent");
                if let Phase::SecondFactor { step, mfa } = &mut state.phase {
                    mfa.sms_sent_at = Some(now);
                    *step = match (&*step, new_phone) {
                        (Step::EnrollPhone, Some(phone)) => Step::Sms {
                            masked_phone: mask_phone(phone.as_str()),
                            phone: Some(phone),
                            code: Some(SentCode::sent(now)),
                        },
                        (
                            Step::Sms {
                                masked_phone,
                                phone,
                                ..
                            },
                            _,
                        ) => Step::Sms {
                            masked_phone: masked_phone.clone(),
                            phone: phone.clone(),
                            code: Some(SentCode::sent(now)),
                        },
                        (other, _) => other.clone(),
                    };
                }
                if why == SendReason::Resend {
                    state.notice = Some(notices::code_resent());
                }
            }
            Err(e) if e.error_type() == Some(&ErrorType::IntermediateSessionNotFound) => {
                tracing::warn!("otps/sms/send failed: {e}");
                state.intermediate_session_gone();
            }
            Err(e) => {
                tracing::warn!("otps/sms/send failed: {e}");
                let notice = self.refused(&e, Product::SmsOtp, notices::send_refused);
                let refuses_the_number = matches!(
                    e.error_type(),
                    Some(ErrorType::InvalidPhoneNumber | ErrorType::InvalidPhoneNumberCountryCode)
                );
                // Stytch refused the number itself (not the moment): it is not sent again.
                if let (Some(phone), true) = (&new_phone, refuses_the_number) {
                    state.remember_refusal("phone", phone.as_str(), &notice);
                }
                // The code screen (if that is where the send failed) says "not sent" and has its
                // one button to send again: the notice only says why.
                state.notice = Some(notice);
            }
        }
        self.publish(&state);
    }

    /// Stytch says the code on screen has expired (sooner than its two minutes: replaced, or the
    /// clocks differ): it ends now, so the timer does not contradict the notice.
    fn code_expired_at_stytch(&self) {
        let now = self.now();
        if let Phase::SecondFactor {
            step: Step::Sms {
                code: Some(code), ..
            },
            ..
        } = &mut self.lock().phase
        {
            code.expires_at = code.expires_at.min(now);
        }
    }

    /// A member without a phone entered one (E.164 from the UI; checked again here).
    pub async fn enroll_phone(&self, phone: String) {
        let phone = {
            let mut state = self.lock();
            let enrolling = matches!(
                state.phase,
                Phase::SecondFactor {
                    step: Step::EnrollPhone,
                    ..
                }
            );
            if !enrolling || state.in_flight {
                return;
            }
            match E164::parse(&phone) {
                Ok(phone) if state.refused_again("phone", phone.as_str()) => {
                    tracing::info!("the same number again, just refused: not sent");
                    return self.publish(&state);
                }
                Ok(phone) => phone,
                Err(e) => {
                    state.notice = Some(notices::invalid_phone(e));
                    return self.publish(&state);
                }
            }
        };
        self.send_code(Some(phone), SendReason::Enrolment).await;
    }

    /// A new code; the old one stops working.
    pub async fn resend_code(&self) {
        self.send_code(None, SendReason::Resend).await;
    }

    /// The member typed (or pasted) a code on the SMS or authenticator screen; `factor` is the
    /// screen's. A code typed for one factor is never sent to the other: after a switch in between
    /// it would be refused there and count toward the member's lock.
    pub async fn submit_code(&self, factor: FactorKind, code: String) {
        let (screen, signed_in) = match &self.lock().phase {
            Phase::SecondFactor { step, .. } => (step.kind(), false),
            Phase::SignedIn {
                new_authenticator: Some(NewAuthenticator::Enrolling(_)),
                ..
            } => (Some(FactorKind::Totp), true),
            _ => (None, false),
        };
        if screen != Some(factor) {
            tracing::info!(
                ?factor,
                ?screen,
                "a code typed for another screen: not sent"
            );
            return;
        }
        match factor {
            FactorKind::Totp if signed_in => self.confirm_new_authenticator(code).await,
            FactorKind::Totp => self.submit_totp(code).await,
            _ => self.submit_sms(code).await,
        }
    }

    async fn submit_sms(&self, code: String) {
        let (request, typed, ticket) = {
            let mut state = self.lock();
            let Phase::SecondFactor {
                step: Step::Sms { code: sent, .. },
                ..
            } = &state.phase
            else {
                return;
            };
            // No send succeeded, yet a text may have arrived (a dropped answer): Stytch judges.
            let expires_at = sent.map(|c| c.expires_at);
            let Some((code, typed)) = self.typed_code(
                &mut state,
                "code",
                &code,
                SmsCode::parse,
                notices::invalid_code,
            ) else {
                return;
            };
            if expires_at.is_some_and(|at| self.now() >= at) {
                state.notice = Some(notices::code_expired());
                return self.publish(&state);
            }
            let call = self.code_call(&mut state, |mfa, minutes| {
                let (org, member) = (mfa.organization_id.clone(), mfa.member_id.clone());
                SmsAuthenticateRequest::new(org, member, code, mfa.ist.clone(), minutes)
            });
            let Some((request, ticket)) = call else {
                return;
            };
            (request, typed, ticket)
        };
        match self.client.otps_sms_authenticate(&request).await {
            Ok(r) => {
                tracing::info!("SMS code accepted");
                let session = NewSession::from_answer(
                    &r.member,
                    r.session_token,
                    r.member_session,
                    r.session_jwt,
                );
                self.code_accepted(ticket, session).await;
            }
            Err(e) => {
                let refusal = match e.error_type() {
                    Some(ErrorType::OtpCodeNotFound | ErrorType::InvalidCode) => {
                        Refusal::wrong(notices::wrong_code())
                    }
                    Some(ErrorType::UnableToAuthOtpCode) => {
                        // Stytch says it expired: the screen's timer says so too.
                        self.code_expired_at_stytch();
                        Refusal::other(notices::code_expired())
                    }
                    _ => Refusal::other(self.refused(&e, Product::SmsOtp, notices::problem)),
                };
                self.code_refused(ticket, "code", &typed, &e, refusal);
            }
        }
    }
}
