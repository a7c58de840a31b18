//! The launch: learn the organization, then restore a session kept in the vault (or a sign-in
//! waiting for its link); each step says what it waits for when it is slow. And Try again.

use std::future::Future;
use std::time::Duration;

use stytch_b2b::SessionToken;

use crate::notices::{self, Product};
use crate::view::{Action, Notice};

use super::state::{NewSession, Phase, Ticket};
use super::Machine;

/// How long a launch step runs before the starting screen says what it is waiting for.
pub const SLOW_STEP: Duration = Duration::from_secs(2);

impl Machine {
    /// Launch: learn the organization, then restore a session kept in the vault (or a sign-in
    /// waiting for its link).
    pub async fn start(&self) {
        let ticket = {
            let mut state = self.lock();
            state.set_phase(Phase::Starting);
            self.begin(&mut state)
        };
        let keychain = notices::waiting_for_keychain;
        self.launch_step(ticket, keychain, self.load_revocations())
            .await;
        let unsaved_codes = self
            .launch_step(ticket, keychain, self.unsaved_codes_at_launch())
            .await;
        let organization = self
            .launch_step(ticket, || self.waiting_for_stytch(), self.organization())
            .await;
        let stored = self.launch_step(ticket, keychain, self.vault.load()).await;
        let pending = match &stored {
            Ok(None) => {
                self.launch_step(ticket, keychain, self.pending_sign_in())
                    .await
            }
            _ => None,
        };
        // The state is handled in this block, so no guard lives across the restore's call.
        let mut told = false;
        let restore = {
            let Some(mut state) = self.resume(ticket) else {
                return;
            };
            if let Err(notice) = organization {
                state.notice = Some(notice);
                if matches!(state.phase, Phase::Misconfigured { .. }) {
                    return self.publish(&state);
                }
            }
            match stored {
                Ok(Some(token)) => Some((state.ticket(), SessionToken::new(token))),
                Ok(None) => {
                    state.set_phase(match pending {
                        Some(p) => Phase::AwaitingLink {
                            email: p.email,
                            verifier: p.verifier,
                            sent_at: p.sent_at,
                        },
                        None => Phase::SignedOut,
                    });
                    told = unsaved_codes
                        .as_deref()
                        .is_some_and(|email| self.tell_unsaved_codes(&mut state, email));
                    self.publish(&state);
                    None
                }
                Err(e) => {
                    tracing::warn!("keychain unreadable at launch: {e}");
                    state.notice = Some(notices::keychain_unavailable(&e));
                    state.set_phase(Phase::SignedOut);
                    return self.publish(&state);
                }
            }
        };
        match restore {
            Some((ticket, token)) => self.restore(ticket, token, unsaved_codes).await,
            None if told => self.unsaved_codes_told().await,
            None => {}
        }
    }

    /// `unsaved_codes`: whose recovery codes were shown last time and never confirmed saved.
    async fn restore(&self, ticket: Ticket, token: SessionToken, unsaved_codes: Option<String>) {
        let answer = self
            .launch_step(
                ticket,
                || self.waiting_for_stytch(),
                self.client.sessions_authenticate(&token, None),
            )
            .await;
        let ended = self.session_ended(&answer).await;
        if ended {
            self.forget_session(&token).await;
        }
        let told = {
            let Some(mut state) = self.resume(ticket) else {
                return;
            };
            let mut told = false;
            match answer {
                Ok(response) => {
                    tracing::info!("session restored from the keychain");
                    state.learn_organization(&response.organization);
                    state.notice = None;
                    let restored = NewSession::new(
                        &response.member,
                        token,
                        response.member_session,
                        response.session_jwt,
                    );
                    state.set_phase(restored.signed_in(true));
                    told = unsaved_codes
                        .as_deref()
                        .is_some_and(|email| self.tell_unsaved_codes(&mut state, email));
                }
                Err(_) if ended => state.session_gone(),
                Err(e) => {
                    tracing::warn!("could not check the saved session: {e}");
                    // The token stays in the keychain: a network failure never drops a session.
                    let notice = self.refused(&e, Product::Sdk, notices::problem);
                    state.notice = Some(notice.with_action(Action::Retry));
                    state.set_phase(Phase::Starting);
                }
            }
            self.publish(&state);
            told
        };
        if told {
            self.unsaved_codes_told().await;
        }
    }

    fn waiting_for_stytch(&self) -> Notice {
        notices::waiting_for_stytch(self.client.base_url().host_str().unwrap_or("?"))
    }

    /// One step of the launch: past [`SLOW_STEP`] the starting screen says what it waits for
    /// (`waiting`) and offers Try again; the step itself is bounded (the client's timeouts, the
    /// keychain's limit).
    async fn launch_step<T>(
        &self,
        ticket: Ticket,
        waiting: impl FnOnce() -> Notice,
        step: impl Future<Output = T>,
    ) -> T {
        let mut step = std::pin::pin!(step);
        if let Ok(answer) = tokio::time::timeout(SLOW_STEP, step.as_mut()).await {
            return answer;
        }
        let waiting = waiting();
        tracing::info!(notice = ?waiting.code, "a launch step is slow");
        self.show_waiting(ticket, Some(waiting));
        let answer = step.await;
        self.show_waiting(ticket, None);
        answer
    }

    /// Shows (or takes down) what the launch waits for, if the launch is still the current one.
    fn show_waiting(&self, ticket: Ticket, waiting: Option<Notice>) {
        let mut state = self.lock();
        if !state.holds(ticket) {
            return;
        }
        match waiting {
            Some(notice) => state.notice = Some(notice),
            None if state.notice.as_ref().is_some_and(|n| n.code.is_waiting()) => {
                state.notice = None
            }
            None => return,
        }
        self.publish(&state);
    }

    /// "Try again", offered where nothing the person typed can be resent for them: the launch
    /// (restore the saved session), the organization lookup, and a link Stytch could not check.
    /// On the starting screen it starts the launch over even while a step is still waiting:
    /// that step's answer is then dropped.
    pub async fn retry(&self) {
        let (starting, link) = {
            let mut state = self.lock();
            let starting = matches!(state.phase, Phase::Starting);
            if state.in_flight && !starting {
                return;
            }
            (starting, state.link_to_retry.take())
        };
        if starting {
            return self.start().await;
        }
        if let Some(link) = link {
            return self.open_link(&link).await;
        }
        let notice = self.organization().await.err();
        let mut state = self.lock();
        state.notice = notice;
        self.publish(&state);
    }
}
