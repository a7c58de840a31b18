//! Recovery codes, which come with an authenticator app: one signs in in place of the app (the
//! signed-in screen then says how many are left); new ones are shown once, until the person says
//! they saved them; a signed-in member may renew them.

use stytch_b2b::{ErrorType, RecoverRequest, RecoveryCode, RecoveryCodesRequest};

use crate::factor::Step;
use crate::notices::{self, Product};

use super::second_factor::Refusal;
use super::state::{NewAuthenticator, NewSession, Phase, Recovery, State};
use super::Machine;

/// Fewer recovery codes than this left and the signed-in screen warns (the view says so; the UI
/// only shows it).
pub const RECOVERY_CODES_LOW: u32 = 3;

impl Machine {
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
            let call = self.code_call(&mut state, |mfa, minutes| {
                let (org, member) = (mfa.organization_id.clone(), mfa.member_id.clone());
                RecoverRequest::new(org, member, code, mfa.ist.clone(), minutes)
            });
            let Some((request, ticket)) = call else {
                return;
            };
            (request, typed, ticket)
        };
        match self.client.recovery_codes_recover(&request).await {
            Ok(r) => {
                let left = r.recovery_codes_remaining;
                tracing::info!(left, "recovery code accepted");
                let session = NewSession::from_answer(
                    &r.member,
                    r.session_token,
                    r.member_session,
                    r.session_jwt,
                )
                .map(|s| {
                    let mut s = s.with_authenticator(Some(Recovery::CodeUsed { left }));
                    // A recovery code instead of the app: the app is likely lost.
                    s.new_authenticator = Some(NewAuthenticator::Offered);
                    s
                });
                self.code_accepted(ticket, session).await;
            }
            Err(e) => {
                let refusal = match e.error_type() {
                    Some(ErrorType::InvalidRecoveryCode) => {
                        Refusal::wrong(notices::wrong_recovery_code())
                    }
                    _ => Refusal::other(self.refused(&e, Product::Totp, notices::problem)),
                };
                self.code_refused(ticket, "recovery", &typed, &e, refusal);
            }
        }
    }

    /// The person saved their recovery codes (or read how many are left): the codes leave the
    /// screen and memory, and the workspace, if any, opens.
    pub async fn recovery_codes_done(&self) {
        {
            let mut state = self.lock();
            let Phase::SignedIn { recovery, .. } = &mut state.phase else {
                return;
            };
            if recovery.take().is_none() {
                return;
            }
            state.notice = None;
            state.close_asked = false;
            self.publish(&state);
        }
        if let Err(e) = self.unsaved_codes.wipe().await {
            tracing::warn!("could not clear the unsaved-codes mark: {e}");
        }
    }

    /// New recovery codes are on screen: marks them unsaved until the person says otherwise, so
    /// that the next launch can say so if the window goes first (see [`Self::unsaved_codes_at_launch`]).
    pub(super) async fn codes_shown(&self) {
        let email = match &self.lock().phase {
            Phase::SignedIn {
                email,
                recovery: Some(Recovery::NewCodes { .. }),
                ..
            } => email.clone(),
            _ => return,
        };
        if let Err(e) = self.unsaved_codes.store(email).await {
            tracing::warn!("could not mark the recovery codes as unsaved: {e}");
        }
    }

    /// At launch: whose recovery codes were shown last time and never confirmed saved (the mark
    /// is read once; [`Self::unsaved_codes_told`] clears it once the person was told).
    pub(super) async fn unsaved_codes_at_launch(&self) -> Option<String> {
        match self.unsaved_codes.load().await {
            Ok(email) => email.filter(|e| !e.is_empty()),
            Err(e) => {
                tracing::warn!("could not read the unsaved-codes mark: {e}");
                None
            }
        }
    }

    /// The launch's screen says the codes were never confirmed (when nothing more urgent is
    /// said): `true` when it did, and the mark is then cleared.
    pub(super) fn tell_unsaved_codes(&self, state: &mut State, email: &str) -> bool {
        if state.notice.is_some() {
            return false;
        }
        let can_renew = matches!(state.phase, Phase::SignedIn { totp: true, .. });
        state.notice = Some(notices::recovery_codes_unconfirmed(email, can_renew));
        true
    }

    pub(super) async fn unsaved_codes_told(&self) {
        if let Err(e) = self.unsaved_codes.wipe().await {
            tracing::warn!("could not clear the unsaved-codes mark: {e}");
        }
    }

    /// The recovery codes on screen, written to `path` as text the owner alone can read. `false`
    /// when no codes are on screen.
    pub fn save_recovery_codes_to(&self, path: &std::path::Path) -> std::io::Result<bool> {
        let text = {
            let state = self.lock();
            let Phase::SignedIn {
                email,
                recovery: Some(Recovery::NewCodes { codes, .. }),
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
            let mut text = notices::recovery_codes_file_header(&self.catalog, email, &organization);
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
        // Said where: a save with no word back leaves people unsure it happened.
        let mut state = self.lock();
        if matches!(
            state.phase,
            Phase::SignedIn {
                recovery: Some(Recovery::NewCodes { .. }),
                ..
            }
        ) {
            state.notice = Some(notices::recovery_codes_saved(path));
            self.publish(&state);
        }
        Ok(true)
    }

    /// The window is asked to close. With recovery codes on screen and not yet confirmed saved,
    /// the first request is refused (`false`) and the screen says what closing loses; a second
    /// request, or any request otherwise, may close (`true`).
    pub fn close_requested(&self) -> bool {
        let mut state = self.lock();
        let codes_on_screen = matches!(
            state.phase,
            Phase::SignedIn {
                recovery: Some(Recovery::NewCodes { .. }),
                ..
            }
        );
        if !codes_on_screen || state.close_asked {
            return true;
        }
        tracing::info!("close asked with recovery codes on screen: kept open to say so");
        state.close_asked = true;
        self.publish(&state);
        false
    }

    /// New recovery codes for a signed-in member; the old ones stop working. Shown once.
    pub async fn renew_recovery_codes(&self) {
        self.rotate_recovery_codes().await;
        self.codes_shown().await;
    }

    async fn rotate_recovery_codes(&self) {
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
            (request, self.begin(&mut state))
        };
        let answer = self.client.recovery_codes_rotate(&request).await;
        let ended = self.session_ended(&answer).await;
        if let (true, Some(token)) = (ended, &request.session_token) {
            self.forget_session(token).await;
        }
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
                if let Phase::SignedIn { recovery, .. } = &mut state.phase {
                    *recovery = Some(Recovery::NewCodes {
                        codes: response.recovery_codes,
                        rotated: true,
                    });
                }
                state.notice = Some(notices::recovery_codes_renewed());
            }
            Err(_) if ended => state.session_gone(),
            Err(e) => {
                tracing::warn!("recovery codes rotate failed: {e}");
                state.notice = Some(self.refused(&e, Product::Totp, notices::problem));
            }
        }
        self.publish(&state);
    }
}
