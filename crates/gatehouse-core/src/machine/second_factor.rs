//! What every second factor shares: the call that follows a step (an SMS to send, an
//! authenticator to create), switching to another way in, the checks a typed code passes before
//! it is sent, and what follows Stytch's answer — one "code accepted", one "code refused", one
//! "intermediate session gone" (in `state.rs`) for SMS, authenticator and recovery codes alike.

use stytch_b2b::{Error as StytchError, ErrorType, SessionToken};

use crate::factor::{FactorKind, Step};
use crate::notices;
use crate::view::Notice;

use super::state::{Mfa, NewSession, Phase, State, Ticket};
use super::Machine;

/// Why an SMS code is being sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SendReason {
    /// Right after the link, to the phone on file.
    AfterLink,
    /// The member switched to SMS and no code went out in this sign-in yet.
    Switch,
    /// To the number the member just entered.
    Enrolment,
    /// The member asked for a new code.
    Resend,
}

/// The call that follows a new second-factor step, once the state is set and unlocked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Then {
    Nothing,
    SendSms(SendReason),
    CreateTotp,
}

/// How a factor words Stytch's refusal of a code.
pub(super) struct Refusal {
    pub notice: Notice,
    /// The value itself was wrong: the same value is not sent again (it would count toward the
    /// member's lock).
    pub wrong_value: bool,
}

impl Refusal {
    pub fn wrong(notice: Notice) -> Self {
        Self {
            notice,
            wrong_value: true,
        }
    }

    pub fn other(notice: Notice) -> Self {
        Self {
            notice,
            wrong_value: false,
        }
    }
}

/// Attempts left before the lock at which a wrong code's notice says how many remain.
pub const LOCK_WARNING_AT: u32 = 3;

impl Machine {
    /// Makes the call that follows a new step.
    pub(super) async fn then(&self, then: Then) {
        match then {
            Then::SendSms(why) => self.send_code(None, why).await,
            Then::CreateTotp => self.create_totp().await,
            Then::Nothing => {}
        }
    }

    /// "Use another way" (or the choice of a member with no factor yet): moves to `kind` when
    /// the member has it, or may enrol it. An SMS code already sent in this sign-in is not sent
    /// again: the code screen shows, and the person may ask for a new one.
    pub async fn switch_factor(&self, kind: FactorKind) {
        let then = {
            let mut state = self.lock();
            if state.in_flight || self.ist_expired(&mut state) {
                return self.publish(&state);
            }
            let Phase::SecondFactor { mfa, step } = &mut state.phase else {
                return;
            };
            if step.kind() == Some(kind) {
                return;
            }
            let enrolling = step.is_enrolment();
            let offered = if enrolling {
                mfa.enrolments.contains(&kind)
            } else {
                mfa.factors.contains(&kind)
            };
            if !offered {
                state.notice = Some(notices::method_not_allowed());
                return self.publish(&state);
            }
            let (next, then) = match (kind, enrolling) {
                (FactorKind::Sms, true) => (Step::EnrollPhone, Then::Nothing),
                (FactorKind::Totp, true) => (Step::Choose, Then::CreateTotp),
                (FactorKind::Sms, false) => match mfa.sms_sent_at {
                    Some(sent_at) => (Step::sms_on_file(mfa, Some(sent_at)), Then::Nothing),
                    None => (
                        Step::sms_on_file(mfa, None),
                        Then::SendSms(SendReason::Switch),
                    ),
                },
                (FactorKind::Totp, false) => (Step::Totp, Then::Nothing),
                (FactorKind::RecoveryCode, _) => (Step::RecoveryCode, Then::Nothing),
            };
            tracing::info!(?kind, "switching the second factor");
            *step = next;
            state.notice = None;
            state.next_step();
            if then == Then::Nothing {
                self.publish(&state);
            }
            then
        };
        self.then(then).await;
    }

    /// The checks every typed code (SMS, authenticator, recovery) passes under the lock before it
    /// is sent: no call in flight, not the value Stytch just refused (`form` names the field), well
    /// formed, the IST still alive. `None`: not to be sent — the view already says why, if
    /// anything needs saying.
    pub(super) fn typed_code<T, E>(
        &self,
        state: &mut State,
        form: &str,
        code: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
        invalid: impl FnOnce() -> Notice,
    ) -> Option<(T, String)> {
        if state.in_flight {
            return None;
        }
        let typed = code.trim().to_owned();
        if state.refused_again(form, &typed) {
            tracing::info!("the same value again, just refused: not sent");
            self.publish(state);
            return None;
        }
        let Ok(parsed) = parse(&typed) else {
            state.notice = Some(invalid());
            self.publish(state);
            return None;
        };
        if self.ist_expired(state) {
            self.publish(state);
            return None;
        }
        Some((parsed, typed))
    }

    /// Starts the call for a code that passed [`typed_code`](Self::typed_code): `request` builds it
    /// from what the second factor holds (the member, the IST) and the session length to ask for.
    pub(super) fn code_call<R>(
        &self,
        state: &mut State,
        request: impl FnOnce(&Mfa, Option<u32>) -> R,
    ) -> Option<(R, Ticket)> {
        let Phase::SecondFactor { mfa, .. } = &state.phase else {
            return None;
        };
        let request = request(mfa, Some(self.config.session_minutes.get()));
        state.notice = None;
        Some((request, self.begin(state)))
    }

    /// The IST is older than Stytch keeps it: back to the email screen, saying why. Checked
    /// with the machine's own clock before a call that needs it.
    pub(super) fn ist_expired(&self, state: &mut State) -> bool {
        let Phase::SecondFactor { mfa, .. } = &state.phase else {
            return false;
        };
        if self.now() < mfa.ist_expires_at {
            return false;
        }
        state.intermediate_session_gone();
        true
    }

    /// Stytch accepted a code: keep the session it minted; an answer without the session revokes
    /// any token it did mint (never left alive unused), and the person may try again.
    pub(super) async fn code_accepted(
        &self,
        ticket: Ticket,
        session: Result<NewSession, Option<SessionToken>>,
    ) {
        match session {
            Ok(session) => self.keep_session(ticket, session).await,
            Err(token) => {
                if let Some(token) = token {
                    self.drop_new_session(token).await;
                }
                if let Some(mut state) = self.resume(ticket) {
                    // Stytch accepted the code but left the session out: HttpOnly cookies are
                    // Enforced for the project.
                    state.notice = Some(notices::tokens_hidden());
                    self.publish(&state);
                }
            }
        }
    }

    /// Stytch refused a code: the person stays on the code screen with what they typed, and a
    /// wrong value is not sent again; an IST Stytch no longer knows starts the sign-in over.
    pub(super) fn code_refused(
        &self,
        ticket: Ticket,
        form: &str,
        typed: &str,
        error: &StytchError,
        refusal: Refusal,
    ) {
        tracing::info!(form, "code refused: {error}");
        let Some(mut state) = self.resume(ticket) else {
            return;
        };
        if error.error_type() == Some(&ErrorType::IntermediateSessionNotFound) {
            state.intermediate_session_gone();
        } else {
            let mut notice = refusal.notice;
            if refusal.wrong_value {
                state.remember_refusal(form, typed, &notice);
                if let Phase::SecondFactor { mfa, .. } = &mut state.phase {
                    mfa.wrong_codes += 1;
                    let left = self.config.lock_threshold.saturating_sub(mfa.wrong_codes);
                    if (1..=LOCK_WARNING_AT).contains(&left) {
                        notice = notices::near_lock(notice, left);
                    }
                }
            }
            state.notice = Some(notice);
        }
        self.publish(&state);
    }
}
