//! The workspace's two intents. The shell shows the workspace when the session's JWT is reported
//! as [`JwtEvent::Open`](crate::jwt_sink::JwtEvent); when its page cannot be loaded (no network,
//! DNS, TLS, the server down) the shell brings back the local signed-in screen and says why here,
//! and the person can open it again or sign out. A failed workspace is not reopened by itself:
//! the cookie is still renewed, but the window stays on the local screen until asked.

use crate::notices;

use super::state::Phase;
use super::Machine;

impl Machine {
    /// The shell could not load the workspace's page: the signed-in screen says why.
    pub async fn workspace_failed(&self, reason: String) {
        let mut state = self.lock();
        let Some(workspace) = &self.config.workspace else {
            return;
        };
        if !matches!(state.phase, Phase::SignedIn { .. }) {
            return;
        }
        tracing::warn!(%reason, "the workspace could not be loaded");
        // The web engine's own words stay in the log; the screen says what they mean.
        let said = notices::workspace_failed(&workspace.name, &reason);
        state.workspace_failure = Some(self.catalog.say(&said));
        self.publish(&state);
    }

    /// Try again: the workspace opens with the current JWT.
    pub async fn open_workspace(&self) {
        let mut state = self.lock();
        if self.config.workspace.is_none() || !matches!(state.phase, Phase::SignedIn { .. }) {
            return;
        }
        state.workspace_failure = None;
        self.jwt_sink.reopen();
        self.publish(&state);
    }
}
