//! The machine's state: the phase the member is in, and what each phase holds. Only the machine
//! changes it, under its lock (see the module docs of `machine`).

use std::collections::HashSet;

use sha2::{Digest, Sha256};
use stytch_b2b::{
    EmailAddress, IntermediateSessionToken, MemberId, MemberSession, OrganizationId,
    PkceCodeVerifier, RecoveryCode, SessionJwt, SessionToken,
};
use time::OffsetDateTime;

use crate::factor::{FactorKind, Step, TotpEnrolment};
use crate::notices;
use crate::view::Notice;

#[derive(Debug, Clone)]
pub(crate) struct Organization {
    pub id: OrganizationId,
    /// Unknown until Stytch names it: the SDK API has no lookup by id before sign-in, so the
    /// name comes with the magic-link answer or the restored session.
    pub name: Option<String>,
}

#[derive(Default)]
pub(crate) struct State {
    pub phase: Phase,
    /// Bumped at every change of phase or step: an answer to a call started in an older epoch is
    /// dropped.
    epoch: u64,
    /// A call for the current epoch is under way; intents of the same phase wait for it.
    pub in_flight: bool,
    pub organization: Option<Organization>,
    pub notice: Option<Notice>,
    /// SHA-256 of every magic-link token this run has acted on: a replayed link never reaches Stytch.
    pub seen_links: HashSet<[u8; 32]>,
    pub last_email: Option<String>,
    /// Sessions signed out while Stytch could not be reached; revoked when it can be.
    pub pending_revocations: Vec<SessionToken>,
    /// The value Stytch just refused in this phase (a fingerprint, with its notice): the same
    /// value submitted again — a sixth digit then Enter — is not sent again.
    refused: Option<([u8; 32], Notice)>,
    /// A link Stytch could not check for a passing reason (down, busy, the network): Try again
    /// sends it again, so the person need not go back to the email.
    pub link_to_retry: Option<zeroize::Zeroizing<String>>,
    /// Why the workspace's page could not be loaded (see `workspace.rs`); a new phase clears it.
    pub workspace_failure: Option<String>,
    /// The window was asked to close while recovery codes were on screen, and was kept open to
    /// say so: a second close goes through.
    pub close_asked: bool,
}

/// Proof that an answer belongs to the state it was asked from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ticket(u64);

impl State {
    pub fn set_phase(&mut self, phase: Phase) {
        self.phase = phase;
        self.next_step();
        self.link_to_retry = None;
        self.workspace_failure = None;
        self.close_asked = false;
    }

    /// A new step within the phase: answers to the old one are dropped, its refusals forgotten.
    pub fn next_step(&mut self) {
        self.epoch += 1;
        self.in_flight = false;
        self.refused = None;
    }

    /// Marks a call in flight and returns the ticket its answer must show.
    pub fn ticket(&mut self) -> Ticket {
        self.in_flight = true;
        Ticket(self.epoch)
    }

    /// Whether an answer asked for with `ticket` still applies.
    pub fn holds(&self, ticket: Ticket) -> bool {
        self.epoch == ticket.0
    }

    /// True (and the refusal shown again) when `value` is what Stytch just refused for `form`.
    pub fn refused_again(&mut self, form: &str, value: &str) -> bool {
        let fingerprint = fingerprint(form, value);
        match &self.refused {
            Some((f, notice)) if *f == fingerprint => {
                self.notice = Some(notice.clone());
                true
            }
            _ => false,
        }
    }

    pub fn remember_refusal(&mut self, form: &str, value: &str, notice: &Notice) {
        self.refused = Some((fingerprint(form, value), notice.clone()));
    }

    /// Stytch no longer knows the intermediate session (or it outlived its 10 minutes): back to
    /// the email screen with the address kept, saying why. Nothing to do outside a second factor.
    pub fn intermediate_session_gone(&mut self) {
        let Phase::SecondFactor { mfa, .. } = &self.phase else {
            return;
        };
        tracing::info!("the intermediate session expired");
        self.last_email = Some(mfa.email.as_str().to_owned());
        self.notice = Some(notices::sign_in_timed_out());
        self.set_phase(Phase::SignedOut);
    }

    /// Stytch says the session a call carried is gone (see [`stytch_b2b::Client::ends_session`]):
    /// the email screen, saying so, with the member's address kept. The caller wipes the vault.
    pub fn session_gone(&mut self) {
        tracing::info!("the session has ended");
        if let Phase::SignedIn { email, .. } = &self.phase {
            self.last_email = Some(email.clone());
        }
        self.notice = Some(notices::session_ended());
        self.set_phase(Phase::SignedOut);
    }

    /// Stytch named the organization (magic-link answer, restored session): remember its name.
    pub fn learn_organization(&mut self, organization: &stytch_b2b::Organization) {
        let name = Some(organization.organization_name.clone()).filter(|n| !n.is_empty());
        match &mut self.organization {
            Some(known) if known.id == organization.organization_id => {
                if name.is_some() {
                    known.name = name;
                }
            }
            _ => {
                self.organization = Some(Organization {
                    id: organization.organization_id.clone(),
                    name,
                })
            }
        }
    }
}

fn fingerprint(form: &str, value: &str) -> [u8; 32] {
    Sha256::new()
        .chain_update(form.as_bytes())
        .chain_update([0])
        .chain_update(value.trim().as_bytes())
        .finalize()
        .into()
}

#[derive(Default)]
pub(crate) enum Phase {
    #[default]
    Starting,
    /// Stytch says the configuration cannot work (an unknown organization): only IT can help.
    Misconfigured {
        file: Option<String>,
        message: String,
    },
    SignedOut,
    AwaitingLink {
        email: EmailAddress,
        verifier: PkceCodeVerifier,
        sent_at: OffsetDateTime,
    },
    /// The primary factor is done; a second factor is under way.
    SecondFactor {
        mfa: Mfa,
        step: Step,
    },
    SignedIn {
        email: String,
        token: SessionToken,
        session: MemberSession,
        remembered: bool,
        /// The newest session JWT (5 minutes), for the workspace's cookie.
        jwt: Option<SessionJwt>,
        /// The member has an authenticator app, so recovery codes they can renew.
        totp: bool,
        /// Recovery codes to show before the workspace opens (see [`Recovery`]).
        recovery: Option<Recovery>,
        /// Signed in with a recovery code: the lost authenticator app's replacement.
        new_authenticator: Option<NewAuthenticator>,
    },
}

/// A member who signs in with a recovery code has lost their authenticator app (or will soon run
/// out of codes): the signed-in screen offers a new app, in these steps.
#[derive(Clone)]
pub(crate) enum NewAuthenticator {
    /// Offered; the old registration still exists.
    Offered,
    /// The old registration is deleted, and its recovery codes with it; no new one yet (its
    /// creation failed, or the person stopped the setup).
    OldRemoved,
    /// A new registration, created with the session, awaits its first code.
    Enrolling(TotpEnrolment),
}

/// What the signed-in screens say of recovery codes before the workspace may open.
#[derive(Clone)]
pub(crate) enum Recovery {
    /// New recovery codes, shown once, until the person says they saved them.
    NewCodes {
        codes: Vec<RecoveryCode>,
        rotated: bool,
    },
    /// A recovery code signed the member in: how many are left.
    CodeUsed { left: u32 },
}

/// The primary factor is done: what any second factor needs.
#[derive(Clone)]
pub(crate) struct Mfa {
    pub email: EmailAddress,
    pub organization_id: OrganizationId,
    pub member_id: MemberId,
    pub ist: IntermediateSessionToken,
    pub ist_expires_at: OffsetDateTime,
    /// Every second factor the member has (and the organization allows).
    pub factors: Vec<FactorKind>,
    /// What a member without a factor may enrol (the organization's allowed methods).
    pub enrolments: Vec<FactorKind>,
    /// The phone on file, masked (`••• 1234`), if any.
    pub masked_phone: Option<String>,
    /// When an SMS code last went out in this sign-in (by Stytch or by us): switching back to
    /// SMS then shows the code screen without sending another.
    pub sms_sent_at: Option<OffsetDateTime>,
    /// Wrong codes Stytch refused in this sign-in, any factor: with the project's lock threshold,
    /// how many attempts are left (a success or a lock ends the sign-in).
    pub wrong_codes: u32,
}

/// A full session from Stytch (minted by a factor, or restored), not yet the state's.
#[derive(Clone)]
pub(crate) struct NewSession {
    pub email: String,
    pub token: SessionToken,
    pub session: MemberSession,
    pub jwt: Option<SessionJwt>,
    /// The member has an authenticator app.
    pub totp: bool,
    pub recovery: Option<Recovery>,
    pub new_authenticator: Option<NewAuthenticator>,
}

impl NewSession {
    pub fn new(
        member: &stytch_b2b::Member,
        token: SessionToken,
        session: MemberSession,
        jwt: Option<SessionJwt>,
    ) -> Self {
        Self {
            email: member.email_address.clone(),
            token,
            session,
            jwt,
            totp: member.totp_registration_id.is_some(),
            recovery: None,
            new_authenticator: None,
        }
    }

    /// Stytch's answer to a call that mints a session: `Err` with any token it did mint when the
    /// answer lacks the session (the token is then revoked, never left alive unused).
    pub fn from_answer(
        member: &stytch_b2b::Member,
        token: Option<SessionToken>,
        session: Option<MemberSession>,
        jwt: Option<SessionJwt>,
    ) -> Result<Self, Option<SessionToken>> {
        match (token, session) {
            (Some(token), Some(session)) => Ok(Self::new(member, token, session, jwt)),
            (token, _) => Err(token),
        }
    }

    /// The phase this session signs the member into.
    pub fn signed_in(self, remembered: bool) -> Phase {
        Phase::SignedIn {
            email: self.email,
            token: self.token,
            session: self.session,
            remembered,
            jwt: self.jwt,
            totp: self.totp,
            recovery: self.recovery,
            new_authenticator: self.new_authenticator,
        }
    }
}
