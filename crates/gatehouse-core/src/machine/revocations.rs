//! Sessions signed out while Stytch could not be reached: kept in memory and in the keychain (one
//! token a line, nothing else) so that a revoke survives quitting offline, and sent by the
//! background check or the next launch.

use stytch_b2b::SessionToken;

use super::Machine;

impl Machine {
    /// Remembers a session to revoke, in memory and in the keychain.
    pub(super) async fn queue_revocation(&self, token: SessionToken) {
        let record = {
            let mut state = self.lock();
            if !state
                .pending_revocations
                .iter()
                .any(|t| t.expose() == token.expose())
            {
                state.pending_revocations.push(token);
            }
            revocations_record(&state.pending_revocations)
        };
        self.save_revocations(record).await;
    }

    /// Writes the list of sessions to revoke (or wipes it when empty).
    pub(super) async fn save_revocations(&self, record: Option<String>) {
        let saved = match record {
            Some(record) => self.revocations.store(record).await,
            None => self.revocations.wipe().await,
        };
        if let Err(e) = saved {
            tracing::warn!("could not keep the sessions to revoke in the keychain: {e}");
        }
    }

    /// The sessions an earlier run left to revoke, added to this run's.
    pub(super) async fn load_revocations(&self) {
        let Ok(Some(record)) = self.revocations.load().await else {
            return;
        };
        let record = zeroize::Zeroizing::new(record);
        let mut state = self.lock();
        for token in record.lines().filter(|l| !l.trim().is_empty()) {
            if !state
                .pending_revocations
                .iter()
                .any(|t| t.expose() == token)
            {
                state.pending_revocations.push(SessionToken::new(token));
            }
        }
        if !state.pending_revocations.is_empty() {
            tracing::info!("sessions signed out offline are still to be revoked");
        }
    }
}

/// The keychain record of sessions to revoke: one token a line; `None` when there are none.
pub(super) fn revocations_record(tokens: &[SessionToken]) -> Option<String> {
    (!tokens.is_empty()).then(|| {
        tokens
            .iter()
            .map(|t| t.expose())
            .collect::<Vec<_>>()
            .join("\n")
    })
}
