//! The background session check: every 3 minutes, as Stytch's own SDKs do
//! ([`SESSION_CHECK_INTERVAL`](crate::stytch_facts::SESSION_CHECK_INTERVAL)), backing off when
//! Stytch cannot answer, and retrying revocations that could not be sent at sign-out. No lock
//! across a call; an answer for a session the person has since signed out of is dropped.

use std::sync::Arc;
use std::time::Duration;

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
            match self.client.sessions_revoke(&token).await {
                Ok(_) => tracing::info!("pending revocation done"),
                // Already gone at Stytch: nothing left to revoke, so it is not retried.
                Err(e) if e.ends_session() => tracing::info!("pending revocation: already ended"),
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
        let ended = matches!(&answer, Err(e) if e.ends_session());
        if ended {
            self.wipe_vault().await;
        }
        let mut state = self.lock();
        // Applies only to the session that was checked: a sign-out meanwhile wins.
        let Phase::SignedIn {
            token: current,
            session,
            jwt,
            ..
        } = &mut state.phase
        else {
            return Ok(());
        };
        if current.expose() != token.expose() {
            return Ok(());
        }
        match answer {
            Ok(response) => {
                *session = response.member_session;
                if response.session_jwt.is_some() {
                    *jwt = response.session_jwt;
                }
            }
            Err(_) if ended => state.session_gone(),
            Err(e) => {
                tracing::warn!("session check failed, backing off: {e}");
                healthy = false;
            }
        }
        self.publish(&state);
        if healthy {
            Ok(())
        } else {
            Err(())
        }
    }
}
