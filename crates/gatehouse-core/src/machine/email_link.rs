//! The email link, the guide's first factor: send it bound to a fresh PKCE verifier, keep the
//! waiting sign-in in the keychain (a link may start the app), send it again, open it, and hand
//! Stytch's answer to the first-factor decision.

use std::time::Duration;

use sha2::{Digest, Sha256};
use stytch_b2b::{
    EmailAddress, ErrorType, LoginOrSignupRequest, MagicLinksAuthenticateRequest,
    MagicLinksAuthenticateResponse, PkceCodeVerifier, SessionToken,
};

use crate::link::parse_link;
use crate::notices::{self, NoticeCode, Product};
use crate::pending::PendingSignIn;
use crate::stytch_facts;
use crate::view::{Action, Notice};

use super::first_factor::{self, FirstFactor};
use super::second_factor::Then;
use super::state::{NewSession, Phase, State, Ticket};
use super::Machine;

/// How long before the "resend the link" button works again (Gatehouse's choice, so that a
/// double click sends one email).
pub const LINK_RESEND_COOLDOWN: Duration = Duration::from_secs(30);

impl Machine {
    /// The member entered their work email: send the magic link, bound to a fresh PKCE verifier.
    pub async fn start_sign_in(&self, email: String) {
        let (email, ticket) = {
            let mut state = self.lock();
            if !matches!(state.phase, Phase::SignedOut) || state.in_flight {
                return;
            }
            state.last_email = Some(email.trim().to_owned());
            if state.refused_again("email", &email.trim().to_lowercase()) {
                tracing::info!("the same address again, just refused: not sent");
                return self.publish(&state);
            }
            match EmailAddress::parse(&email) {
                Ok(email) => {
                    state.notice = None;
                    (email, self.begin(&mut state))
                }
                Err(e) => {
                    state.notice = Some(notices::invalid_email(e));
                    return self.publish(&state);
                }
            }
        };
        let verifier = PkceCodeVerifier::generate();
        let sent = self.send_link(&email, &verifier).await;
        let sent_at = self.now();
        if sent.is_ok() {
            tracing::info!("magic link sent");
            let pending = PendingSignIn {
                email: email.clone(),
                verifier: verifier.clone(),
                sent_at,
            };
            self.keep_pending_sign_in(&pending).await;
        }
        let Some(mut state) = self.resume(ticket) else {
            if sent.is_ok() {
                self.forget_pending_sign_in().await;
            }
            return;
        };
        match sent {
            Ok(()) => state.set_phase(Phase::AwaitingLink {
                email,
                verifier,
                sent_at,
            }),
            Err(notice) => {
                if notice.code == NoticeCode::InvalidEmail {
                    state.remember_refusal("email", &email.as_str().to_lowercase(), &notice);
                }
                state.notice = Some(notice)
            }
        }
        self.publish(&state);
    }

    async fn send_link(
        &self,
        email: &EmailAddress,
        verifier: &PkceCodeVerifier,
    ) -> Result<(), Notice> {
        let organization_id = self.organization().await?;
        let request = LoginOrSignupRequest::new(organization_id, email.clone())
            .with_pkce(verifier)
            .with_redirect_url(self.config.callback_url())
            .with_locale(stytch_facts::email_locale(&self.config.language));
        match self
            .client
            .magic_links_email_login_or_signup(&request)
            .await
        {
            Ok(_) => Ok(()),
            Err(e) => {
                tracing::warn!("login_or_signup failed: {e}");
                Err(match e.error_type() {
                    Some(ErrorType::InvalidEmail) => notices::email_refused_by_stytch(),
                    _ => self.refused(&e, Product::EmailMagicLinks, notices::problem),
                })
            }
        }
    }

    /// Sends the link again (same verifier, so either email's link works), after the cooldown.
    pub async fn resend_link(&self) {
        let (email, verifier, ticket) = {
            let mut state = self.lock();
            let Phase::AwaitingLink {
                email,
                verifier,
                sent_at,
            } = &state.phase
            else {
                return;
            };
            if state.in_flight || self.now() < *sent_at + LINK_RESEND_COOLDOWN {
                return;
            }
            let (email, verifier) = (email.clone(), verifier.clone());
            state.notice = None;
            (email, verifier, self.begin(&mut state))
        };
        let sent = self.send_link(&email, &verifier).await;
        let Some(mut state) = self.resume(ticket) else {
            return;
        };
        match sent {
            Ok(()) => {
                let now = self.now();
                if let Phase::AwaitingLink { sent_at, .. } = &mut state.phase {
                    *sent_at = now;
                }
                state.notice = Some(notices::link_resent(email.as_str()));
            }
            Err(notice) => state.notice = Some(notice),
        }
        self.publish(&state);
    }

    /// Back to the email screen, forgetting the sign-in under way (its secrets are dropped).
    /// Answers at once, even while a call is in flight: that call's answer will be dropped.
    pub async fn restart(&self) {
        {
            let mut state = self.lock();
            if matches!(
                state.phase,
                Phase::SignedIn { .. } | Phase::Starting | Phase::Misconfigured { .. }
            ) {
                return;
            }
            state.notice = None;
            state.set_phase(Phase::SignedOut);
            self.publish(&state);
        }
        self.forget_pending_sign_in().await;
    }

    /// "Not you? Use another email", from the email link's screen or any second step: this
    /// sign-in stops (its waiting link forgotten, its intermediate session left to expire) and
    /// the sign-in screen comes back empty.
    pub async fn use_another_address(&self) {
        {
            let mut state = self.lock();
            if !matches!(
                state.phase,
                Phase::AwaitingLink { .. } | Phase::SecondFactor { .. } | Phase::SignedOut
            ) {
                return;
            }
            tracing::info!("the person chose another address");
            state.last_email = None;
        }
        self.restart().await;
    }

    async fn keep_pending_sign_in(&self, pending: &PendingSignIn) {
        if let Err(e) = self.pending.store(pending.encode()).await {
            tracing::warn!("could not keep the waiting sign-in in the keychain: {e}");
        }
    }

    async fn forget_pending_sign_in(&self) {
        if let Err(e) = self.pending.wipe().await {
            tracing::warn!("could not clear the waiting sign-in from the keychain: {e}");
        }
    }

    /// A sign-in waiting for its link from an earlier run, if its link can still work.
    pub(super) async fn pending_sign_in(&self) -> Option<PendingSignIn> {
        let record = zeroize::Zeroizing::new(self.pending.load().await.ok()??);
        match PendingSignIn::decode(&record, self.now()) {
            Some(pending) => {
                tracing::info!("a sign-in from an earlier run is waiting for its link");
                Some(pending)
            }
            None => {
                self.forget_pending_sign_in().await;
                None
            }
        }
    }

    /// A `gatehouse://auth/callback?...` URL from the OS, or pasted by the member: that, or the
    /// email's own link on the configured Stytch host (see [`crate::link`]).
    pub async fn open_link(&self, raw: &str) {
        let (request, fingerprint, ticket) = {
            let mut state = self.lock();
            let stytch = self.client.base_url();
            let token = match parse_link(raw, &self.config.scheme, stytch) {
                Ok(token) => token,
                Err(rejection) => {
                    tracing::info!("link refused: {rejection}");
                    state.notice = Some(notices::link_rejected(&rejection));
                    return self.publish(&state);
                }
            };
            let fingerprint: [u8; 32] = Sha256::digest(token.expose().as_bytes()).into();
            if state.seen_links.contains(&fingerprint) {
                tracing::info!("link refused: already used");
                state.notice = Some(notices::link_used());
                return self.publish(&state);
            }
            let Phase::AwaitingLink { verifier, .. } = &state.phase else {
                tracing::info!("link refused: no sign-in is waiting for one");
                state.notice = Some(notices::link_not_expected());
                return self.publish(&state);
            };
            if state.in_flight {
                return;
            }
            // The SMS Stytch may send at once is in the link routes' languages (no German).
            let request = MagicLinksAuthenticateRequest::new(
                token,
                Some(verifier.clone()),
                Some(self.config.session_minutes.get()),
            )
            .with_locale(stytch_facts::email_locale(&self.config.language));
            state.seen_links.insert(fingerprint);
            state.notice = None;
            (request, fingerprint, self.begin(&mut state))
        };
        let answer = self.client.magic_links_authenticate(&request).await;
        if answer.is_ok() {
            self.forget_pending_sign_in().await;
        }
        let response = match answer {
            Ok(response) => response,
            Err(e) => {
                tracing::warn!("magic link refused by Stytch: {e}");
                let Some(mut state) = self.resume(ticket) else {
                    return;
                };
                let notice = self.refused(
                    &e,
                    Product::EmailMagicLinks,
                    notices::link_refused_by_stytch,
                );
                state.notice = Some(if e.is_before_send() || e.is_retryable() {
                    state.seen_links.remove(&fingerprint);
                    state.link_to_retry = Some(zeroize::Zeroizing::new(raw.to_owned()));
                    notice.with_action(Action::Retry)
                } else {
                    notice
                });
                return self.publish(&state);
            }
        };
        self.after_link(ticket, response).await;
    }

    /// The link worked: a session already, or the second factor the member needs next.
    async fn after_link(&self, ticket: Ticket, response: MagicLinksAuthenticateResponse) {
        // Stytch's answer must be for the sign-in that is waiting: the same email (in any case)
        // in the same organization. Anything else is a link someone else requested.
        let forged = {
            let state = self.lock();
            match &state.phase {
                Phase::AwaitingLink { email, .. } => {
                    !email
                        .as_str()
                        .eq_ignore_ascii_case(&response.member.email_address)
                        || state
                            .organization
                            .as_ref()
                            .is_some_and(|o| o.id != response.organization_id)
                }
                _ => false,
            }
        };
        if forged {
            tracing::warn!("a magic link for another member or organization was refused");
            if let Some(token) = response.session_token.clone() {
                self.drop_new_session(token).await;
            }
            if let Some(mut state) = self.resume(ticket) {
                state.notice = Some(notices::link_forged());
                self.publish(&state);
            }
            return;
        }
        // Decided under the lock; what follows (keeping the session, an SMS send) once it is gone.
        let Some(follow_up) = self.resume(ticket).map(|mut state| {
            let follow_up = self.first_factor(&mut state, &response);
            // What follows publishes its own view (busy while it runs).
            if let FollowUp::Call(Then::Nothing) = follow_up {
                self.publish(&state);
            }
            follow_up
        }) else {
            if let Some(token) = response.session_token {
                self.drop_new_session(token).await;
            }
            return;
        };
        match follow_up {
            FollowUp::Keep(ticket, session) => self.keep_session(ticket, *session).await,
            FollowUp::Call(then) => self.then(then).await,
            FollowUp::Revoke(token) => self.drop_new_session(token).await,
        }
    }

    /// Applies the first-factor decision to the state (still awaiting this link).
    fn first_factor(
        &self,
        state: &mut State,
        response: &MagicLinksAuthenticateResponse,
    ) -> FollowUp {
        state.learn_organization(&response.organization);
        let Phase::AwaitingLink { email, .. } = &state.phase else {
            // Not reachable while the ticket holds; should it become so, a session the link
            // minted is revoked, never left alive unused.
            return match &response.session_token {
                Some(token) => FollowUp::Revoke(token.clone()),
                None => FollowUp::Call(Then::Nothing),
            };
        };
        match first_factor::decide(response, email.clone(), self.now()) {
            FirstFactor::SignedIn(session) => {
                tracing::info!("signed in with the email link alone (no MFA required)");
                FollowUp::Keep(state.ticket(), Box::new(session))
            }
            FirstFactor::Refused(notice) => {
                state.notice = Some(notice);
                state.set_phase(Phase::SignedOut);
                FollowUp::Call(Then::Nothing)
            }
            FirstFactor::SecondFactor { mfa, step, then } => {
                state.set_phase(Phase::SecondFactor { mfa, step });
                FollowUp::Call(then)
            }
        }
    }
}

/// What the link's answer leads to once the state is unlocked.
enum FollowUp {
    Keep(Ticket, Box<NewSession>),
    Call(Then),
    Revoke(SessionToken),
}
