//! The member's session: kept in the keychain the moment it is minted, signed out (revoked at
//! Stytch, wiped from the keychain), or revoked at once when the person moved on before it came.

use stytch_b2b::SessionToken;

use crate::notices;

use super::state::{NewSession, Phase, Ticket};
use super::Machine;

impl Machine {
    /// A full session: keep it in the keychain at once; a failing keychain does not block.
    pub(super) async fn keep_session(&self, ticket: Ticket, session: NewSession) {
        if !self.lock().holds(ticket) {
            return self.drop_new_session(session.token).await;
        }
        let stored = self.vault.store(session.token.expose().to_owned()).await;
        let remembered = stored.is_ok();
        let Some(mut state) = self.resume(ticket) else {
            if remembered {
                self.wipe_vault().await;
            }
            return self.drop_new_session(session.token).await;
        };
        state.notice = match &stored {
            Ok(()) => None,
            Err(e) => {
                tracing::warn!("keychain write failed: {e}");
                Some(notices::not_remembered(e))
            }
        };
        state.last_email = Some(session.email.clone());
        state.set_phase(session.signed_in(remembered));
        self.publish(&state);
    }

    /// A session the person no longer wants (they moved on while it was minted): revoke it.
    pub(super) async fn drop_new_session(&self, token: SessionToken) {
        let revoked = self.client.sessions_revoke(&token).await;
        match revoked {
            Ok(_) => {}
            Err(_) if self.session_ended(&revoked).await => {}
            Err(e) => {
                tracing::warn!("could not revoke a session minted after the person moved on: {e}");
                self.queue_revocation(token).await;
            }
        }
    }

    /// Revoke at Stytch and wipe the keychain; when Stytch can't be reached, revoke later.
    /// The window is signed out at once, whatever else is in flight.
    pub async fn sign_out(&self) {
        let offline_at_launch = matches!(self.lock().phase, Phase::Starting);
        if offline_at_launch {
            return self.sign_out_unchecked().await;
        }
        let signing_in = matches!(
            self.lock().phase,
            Phase::AwaitingLink { .. } | Phase::SecondFactor { .. }
        );
        if signing_in {
            // Sign out (the menu) in the middle of a sign-in: there is no session yet, so the
            // sign-in stops and the email screen comes back, the address kept.
            tracing::info!("sign-out during a sign-in: the sign-in stops");
            return self.restart().await;
        }
        let (token, ticket) = {
            let mut state = self.lock();
            let Phase::SignedIn { token, .. } = &state.phase else {
                return;
            };
            let token = token.clone();
            state.notice = None;
            state.set_phase(Phase::SignedOut);
            (token, self.begin(&mut state))
        };
        let wiped = self.vault.wipe().await;
        let revoked = self.client.sessions_revoke(&token).await;
        let gone = self.session_ended(&revoked).await;
        let mut notice = match revoked {
            Ok(_) => None,
            Err(_) if gone => None,
            Err(e) => {
                tracing::warn!("revoke failed, will retry: {e}");
                self.queue_revocation(token).await;
                Some(notices::revoke_pending())
            }
        };
        if let Err(e) = wiped {
            tracing::warn!("keychain wipe failed at sign-out: {e}");
            notice = Some(notices::keychain_wipe_failed(&e));
        }
        tracing::info!("signed out");
        if let Some(mut state) = self.resume(ticket) {
            // A notice set meanwhile (recovery codes renewed as the member signed out) stays.
            state.notice = notice.or(state.notice.take());
            self.publish(&state);
        }
    }

    /// Sign-out while the launch could not check the saved session (Stytch unreachable): the
    /// keychain forgets it at once and the revoke waits for Stytch, in the keychain.
    async fn sign_out_unchecked(&self) {
        let stored = self.vault.load().await;
        let wiped = self.vault.wipe().await;
        if let Ok(Some(token)) = stored {
            self.queue_revocation(SessionToken::new(token)).await;
        }
        let mut state = self.lock();
        if !matches!(state.phase, Phase::Starting) {
            return;
        }
        state.notice = Some(match wiped {
            Ok(()) => notices::revoke_pending(),
            Err(e) => notices::keychain_wipe_failed(&e),
        });
        state.set_phase(Phase::SignedOut);
        self.publish(&state);
    }

    /// Forgets a session Stytch says is gone, if the vault still holds it: a session kept
    /// meanwhile (a sign-out and a new sign-in during the call) stays.
    pub(super) async fn forget_session(&self, token: &SessionToken) {
        match self.vault.load().await {
            Ok(Some(kept)) if kept != token.expose() => {}
            Ok(None) => {}
            _ => self.wipe_vault().await,
        }
    }

    pub(super) async fn wipe_vault(&self) {
        if let Err(e) = self.vault.wipe().await {
            tracing::warn!("keychain wipe failed: {e}");
        }
    }
}
