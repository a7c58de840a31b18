//! Second factors beyond the SMS code: choosing among the organization's allowed methods,
//! switching to another way in, an authenticator app (enrolment with its QR code and setup key,
//! then its codes), and recovery codes (one signs in; new ones are shown once). The SMS paths
//! stay in `machine.rs`; every intent here follows its three steps (see the module docs there).

use stytch_b2b::{
    ErrorType, RecoverRequest, RecoveryCode, RecoveryCodesRequest, TotpAuthenticateRequest,
    TotpCode, TotpCreateRequest,
};

use crate::factor::{FactorKind, Step, TotpEnrolment};
use crate::machine::{sign_in_timed_out, Hold, Minted, Phase, SendReason, SignIn};
use crate::notices;

/// Fewer recovery codes than this left and the signed-in screen warns.
pub const RECOVERY_CODES_LOW: u32 = 3;

impl SignIn {
    /// "Use another way" (or the choice of a member with no factor yet): moves to `kind` when
    /// the member has it, or may enrol it. An SMS code already sent in this sign-in is not sent
    /// again: the code screen shows, and the person may ask for a new one.
    pub async fn switch_factor(&self, kind: FactorKind) {
        enum Then {
            Nothing,
            SendSms,
            CreateTotp,
        }
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
            let now = self.now();
            let (next, then) = match (kind, enrolling) {
                (FactorKind::Sms, true) => (Step::EnrollPhone, Then::Nothing),
                (FactorKind::Totp, true) => (Step::Choose, Then::CreateTotp),
                (FactorKind::Sms, false) => {
                    let masked_phone = mfa.masked_phone.clone().unwrap_or_default();
                    match mfa.sms_sent_at {
                        Some(sent_at) => (
                            Step::Sms {
                                masked_phone,
                                phone: None,
                                sent_at,
                            },
                            Then::Nothing,
                        ),
                        None => (
                            Step::Sms {
                                masked_phone,
                                phone: None,
                                sent_at: now,
                            },
                            Then::SendSms,
                        ),
                    }
                }
                (FactorKind::Totp, false) => (Step::Totp, Then::Nothing),
                (FactorKind::RecoveryCode, _) => (Step::RecoveryCode, Then::Nothing),
            };
            tracing::info!(?kind, "switching the second factor");
            *step = next;
            state.notice = None;
            state.bump();
            if matches!(then, Then::Nothing) {
                self.publish(&state);
            }
            then
        };
        match then {
            Then::SendSms => self.send_code(None, SendReason::AfterLink).await,
            Then::CreateTotp => self.create_totp().await,
            Then::Nothing => {}
        }
    }

    /// A new authenticator registration for a member without a factor: its QR code, setup key
    /// and recovery codes arrive; the screen shows the first two.
    pub(crate) async fn create_totp(&self) {
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
                state.notice = Some(match e.error_type() {
                    Some(ErrorType::IntermediateSessionNotFound) => {
                        if let Phase::SecondFactor { mfa, .. } = &state.phase {
                            let email = mfa.email.clone();
                            sign_in_timed_out(&mut state, email);
                        }
                        return self.publish(&state);
                    }
                    Some(ErrorType::OperationRestrictedByOrganizationMfaMethods) => {
                        notices::method_not_allowed()
                    }
                    _ => notices::problem(&e, self.now()),
                });
            }
        }
        self.publish(&state);
    }

    /// A code from the authenticator app: the first one confirms a new registration (then the
    /// recovery codes are shown once), later ones sign in.
    pub(crate) async fn submit_totp(&self, code: String) {
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
            let Phase::SecondFactor { mfa, step } = &state.phase else {
                return;
            };
            let recovery_codes = match step {
                Step::EnrollTotp(enrolment) => Some(enrolment.recovery_codes.clone()),
                Step::Totp => None,
                _ => return,
            };
            let request = TotpAuthenticateRequest::new(
                mfa.organization_id.clone(),
                mfa.member_id.clone(),
                code,
                mfa.ist.clone(),
                Some(self.config.session_minutes),
            );
            state.notice = None;
            (request, recovery_codes, typed, self.begin(&mut state))
        };
        match self.client.totp_authenticate(&request).await {
            Ok(response) => {
                let (token, session) = match (response.session_token, response.member_session) {
                    (Some(token), Some(session)) => (token, session),
                    (token, _) => return self.no_session(ticket, token).await,
                };
                tracing::info!("authenticator code accepted");
                let hold = recovery_codes
                    .filter(|codes| !codes.is_empty())
                    .map(|codes| Hold::RecoveryCodes {
                        codes,
                        rotated: false,
                    });
                let minted = Minted {
                    email: response.member.email_address,
                    token,
                    session,
                    jwt: response.session_jwt,
                    totp: true,
                    hold,
                };
                self.keep_session(ticket, minted).await;
            }
            Err(e) => {
                tracing::info!("authenticator code refused: {e}");
                let notice = match e.error_type() {
                    Some(ErrorType::InvalidTotpCode) => notices::wrong_totp_code(),
                    Some(ErrorType::TotpCodeAlreadyAuthenticated) => notices::totp_code_used(),
                    Some(ErrorType::UnableToAuthenticateTotp) => notices::totp_setup_expired(),
                    _ => notices::problem(&e, self.now()),
                };
                self.refused_code(ticket, "totp", &typed, notice, &e);
            }
        }
    }

    /// One of the member's recovery codes, in place of the second factor. Single use: the
    /// signed-in screen then says how many are left.
    pub async fn submit_recovery_code(&self, code: String) {
        let (request, typed, ticket) = {
            let mut state = self.lock();
            let Phase::SecondFactor {
                step: Step::RecoveryCode,
                ..
            } = &state.phase
            else {
                return;
            };
            let Some((code, typed)) = self.typed_code(
                &mut state,
                "recovery",
                &code,
                RecoveryCode::parse,
                notices::invalid_recovery_code,
            ) else {
                return;
            };
            let Phase::SecondFactor { mfa, .. } = &state.phase else {
                return;
            };
            let request = RecoverRequest::new(
                mfa.organization_id.clone(),
                mfa.member_id.clone(),
                code,
                mfa.ist.clone(),
                Some(self.config.session_minutes),
            );
            state.notice = None;
            (request, typed, self.begin(&mut state))
        };
        match self.client.recovery_codes_recover(&request).await {
            Ok(response) => {
                let (token, session) = match (response.session_token, response.member_session) {
                    (Some(token), Some(session)) => (token, session),
                    (token, _) => return self.no_session(ticket, token).await,
                };
                tracing::info!(
                    left = response.recovery_codes_remaining,
                    "recovery code accepted"
                );
                let minted = Minted {
                    email: response.member.email_address,
                    token,
                    session,
                    jwt: response.session_jwt,
                    totp: true,
                    hold: Some(Hold::RecoveryCodeUsed {
                        left: response.recovery_codes_remaining,
                    }),
                };
                self.keep_session(ticket, minted).await;
            }
            Err(e) => {
                tracing::info!("recovery code refused: {e}");
                let notice = match e.error_type() {
                    Some(ErrorType::InvalidRecoveryCode) => notices::wrong_recovery_code(),
                    _ => notices::problem(&e, self.now()),
                };
                self.refused_code(ticket, "recovery", &typed, notice, &e);
            }
        }
    }

    /// The person saved their recovery codes (or read how many are left): the codes leave the
    /// screen and memory, and the workspace, if any, opens.
    pub async fn recovery_codes_done(&self) {
        let mut state = self.lock();
        let Phase::SignedIn { hold, .. } = &mut state.phase else {
            return;
        };
        if hold.take().is_some() {
            state.notice = None;
            self.publish(&state);
        }
    }

    /// The recovery codes on screen, written to `path` as text the owner alone can read. `false`
    /// when no codes are on screen.
    pub fn save_recovery_codes_to(&self, path: &std::path::Path) -> std::io::Result<bool> {
        let text = {
            let state = self.lock();
            let Phase::SignedIn {
                email,
                hold: Some(Hold::RecoveryCodes { codes, .. }),
                ..
            } = &state.phase
            else {
                return Ok(false);
            };
            let organization = state
                .organization
                .as_ref()
                .and_then(|o| o.name.clone())
                .unwrap_or_default();
            let mut text = format!(
                "Gatehouse recovery codes for {email} ({organization}).\nEach code signs you in once, in place of your authenticator app. Keep them somewhere safe.\n\n"
            );
            for code in codes {
                text.push_str(code.expose());
                text.push('\n');
            }
            zeroize::Zeroizing::new(text)
        };
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path)?;
        // An existing file keeps its mode on open: make it the owner's alone before writing.
        #[cfg(unix)]
        file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
        std::io::Write::write_all(&mut file, text.as_bytes())?;
        tracing::info!("recovery codes saved to a file the person chose");
        Ok(true)
    }

    /// New recovery codes for a signed-in member; the old ones stop working. Shown once.
    pub async fn renew_recovery_codes(&self) {
        let (request, ticket) = {
            let mut state = self.lock();
            if state.in_flight {
                return;
            }
            let Phase::SignedIn {
                token,
                session,
                totp: true,
                ..
            } = &state.phase
            else {
                return;
            };
            let request = RecoveryCodesRequest {
                organization_id: session.organization_id.clone(),
                member_id: session.member_id.clone(),
                session_token: Some(token.clone()),
            };
            state.notice = None;
            let ticket = state.ticket();
            self.publish(&state);
            (request, ticket)
        };
        let answer = self.client.recovery_codes_rotate(&request).await;
        let Some(mut state) = self.resume(ticket) else {
            if answer.is_ok() {
                // Signed out meanwhile: the codes Stytch rotated are gone with the session.
                tracing::warn!(
                    "recovery codes were renewed after sign-out; the new ones were not shown"
                );
                let mut state = self.lock();
                if matches!(state.phase, Phase::SignedOut) {
                    state.notice = Some(notices::recovery_codes_lost());
                    self.publish(&state);
                }
            }
            return;
        };
        match answer {
            Ok(response) => {
                tracing::info!("recovery codes renewed");
                if let Phase::SignedIn { hold, .. } = &mut state.phase {
                    *hold = Some(Hold::RecoveryCodes {
                        codes: response.recovery_codes,
                        rotated: true,
                    });
                }
                state.notice = Some(notices::recovery_codes_renewed());
            }
            Err(e) => {
                tracing::warn!("recovery codes rotate failed: {e}");
                state.notice = Some(notices::problem(&e, self.now()));
            }
        }
        self.publish(&state);
    }

    /// A code Stytch refused: the person stays on the code screen with what they typed; the same
    /// value is not sent again; an IST Stytch no longer knows starts the sign-in over.
    fn refused_code(
        &self,
        ticket: crate::machine::Ticket,
        form: &str,
        typed: &str,
        notice: crate::view::Notice,
        error: &stytch_b2b::Error,
    ) {
        let Some(mut state) = self.resume(ticket) else {
            return;
        };
        if error.error_type() == Some(&ErrorType::IntermediateSessionNotFound) {
            if let Phase::SecondFactor { mfa, .. } = &state.phase {
                let email = mfa.email.clone();
                sign_in_timed_out(&mut state, email);
            }
        } else {
            if matches!(
                error.error_type(),
                Some(ErrorType::InvalidTotpCode | ErrorType::InvalidRecoveryCode)
            ) {
                state.remember_refusal(form, typed, &notice);
            }
            state.notice = Some(notice);
        }
        self.publish(&state);
    }

    /// Stytch accepted the code but its answer lacks the session: a token it did mint is revoked
    /// (never left alive unused), and the person may try again.
    pub(crate) async fn no_session(
        &self,
        ticket: crate::machine::Ticket,
        token: Option<stytch_b2b::SessionToken>,
    ) {
        if let Some(token) = token {
            self.drop_minted(token).await;
        }
        self.refused(ticket, notices::no_session_in_answer());
    }

    fn refused(&self, ticket: crate::machine::Ticket, notice: crate::view::Notice) {
        if let Some(mut state) = self.resume(ticket) {
            state.notice = Some(notice);
            self.publish(&state);
        }
    }
}
