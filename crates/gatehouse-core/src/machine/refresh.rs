//! The background session check: every 3 minutes, as Stytch's own SDKs do
//! ([`SESSION_CHECK_INTERVAL`](crate::stytch_facts::SESSION_CHECK_INTERVAL)), backing off when
//! Stytch cannot answer, and retrying revocations that could not be sent at sign-out. No lock
//! across a call; an answer for a session the person has since signed out of is dropped.

use std::sync::Arc;
use std::time::Duration;

use stytch_b2b::{Error as StytchError, SessionToken, SessionsAuthenticateResponse};

use super::revocations::revocations_record;
use super::state::Phase;
use super::Machine;

/// The longest the check backs off to while Stytch cannot answer (Gatehouse's choice).
const SESSION_CHECK_MAX_BACKOFF: Duration = Duration::from_secs(15 * 60);

impl Machine {
    /// Runs for the life of the app. Sessions left to revoke by an earlier run are tried first.
    pub async fn keep_session_fresh(self: Arc<Self>) {
        let interval = self.config.session_check;
        let mut delay = interval;
        if !self.lock().pending_revocations.is_empty() && self.check_session().await.is_err() {
            delay = interval;
        }
        loop {
            tokio::time::sleep(delay).await;
            delay = match self.check_session().await {
                Ok(()) => interval,
                Err(()) => (delay * 2).min(SESSION_CHECK_MAX_BACKOFF),
            };
        }
    }

    /// One background check; `Err` when Stytch could not answer (the caller backs off).
    pub async fn check_session(&self) -> Result<(), ()> {
        let (pending, signed_in) = {
            let mut state = self.lock();
            let pending = std::mem::take(&mut state.pending_revocations);
            let signed_in = match &state.phase {
                Phase::SignedIn { token, .. } => Some(token.clone()),
                _ => None,
            };
            (pending, signed_in)
        };
        let mut healthy = true;
        let had_pending = !pending.is_empty();
        for token in pending {
            let revoked = self.client.sessions_revoke(&token).await;
            match revoked {
                Ok(_) => tracing::info!("pending revocation done"),
                // Already gone at Stytch: nothing left to revoke, so it is not retried.
                Err(_) if self.session_ended(&revoked).await => {
                    tracing::info!("pending revocation: already ended")
                }
                Err(_) => {
                    healthy = false;
                    self.lock().pending_revocations.push(token);
                }
            }
        }
        if had_pending {
            let record = revocations_record(&self.lock().pending_revocations);
            self.save_revocations(record).await;
        }
        let Some(token) = signed_in else {
            return if healthy { Ok(()) } else { Err(()) };
        };
        let answer = self.client.sessions_authenticate(&token, None).await;
        let ended = self.session_ended(&answer).await;
        if !self.apply_check(&token, answer, ended) {
            healthy = false;
        }
        if ended {
            self.forget_session(&token).await;
        }
        if healthy {
            Ok(())
        } else {
            Err(())
        }
    }

    /// The check's answer, applied to the session that was checked only (a sign-out meanwhile
    /// wins); `false` when Stytch could not answer.
    fn apply_check(
        &self,
        token: &SessionToken,
        answer: Result<SessionsAuthenticateResponse, StytchError>,
        ended: bool,
    ) -> bool {
        let mut state = self.lock();
        let Phase::SignedIn {
            token: current,
            session,
            jwt,
            ..
        } = &mut state.phase
        else {
            return true;
        };
        if current.expose() != token.expose() {
            return true;
        }
        let answered = match answer {
            Ok(response) => {
                *session = response.member_session;
                if response.session_jwt.is_some() {
                    *jwt = response.session_jwt;
                }
                true
            }
            Err(_) if ended => {
                state.session_gone();
                true
            }
            Err(e) => {
                tracing::warn!("session check failed, backing off: {e}");
                false
            }
        };
        self.publish(&state);
        answered
    }
}
