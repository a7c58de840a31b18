//! What the second-factor endpoints (SMS OTP, TOTP, recovery codes) share: proof of the primary
//! factor (an IST or a session), the member lock, the organization's allowed MFA methods, the
//! checks every authenticate call starts with ([`Attempt::begin`], [`CodeAuthenticate::begin`]),
//! and the session a successful second factor ends in ([`Attempt::finish`]).

use parking_lot::MutexGuard;
use serde::Deserialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::checks::{one_of, session_minutes, some, SessionArgs};
use super::sessions::{add_factor_to_session, jwt_for, session_fields};
use crate::error::{ApiResult, StytchError};
use crate::extract::Ctx;
use crate::facts;
use crate::ids;
use crate::model::{Factor, FactorKind, Member, Organization, Sequence};
use crate::settings::UserLock;
use crate::world::World;
use crate::Emulator;

/// What a call gives to prove the member's primary factor: an intermediate session token or a
/// session (token or JWT).
pub(super) enum Proof {
    Ist(String),
    Session(SessionArgs),
}

/// A [`Proof`] checked for the member: a live IST, or the id of the member's live session.
pub(super) enum Proven {
    Ist(String),
    Session(String),
}

impl Proof {
    /// The proof given (the body's `intermediate_session_token`, `session_token` and
    /// `session_jwt`, or the SDK's Basic password: see [`SessionArgs::new`]), if any; more than
    /// one is refused.
    pub(super) fn given(
        ctx: &Ctx,
        ist: Option<String>,
        session_token: Option<String>,
        session_jwt: Option<String>,
    ) -> ApiResult<Option<Proof>> {
        let session = SessionArgs::new(ctx, session_token, session_jwt);
        match (some(ist), session.count()) {
            (Some(_), 1..) | (None, 2..) => Err(ctx.err(
                facts::TOO_MANY_SESSION_ARGUMENTS,
                "Provide only one of intermediate_session_token, session_token and session_jwt.",
            )),
            (Some(ist), 0) => Ok(Some(Proof::Ist(ist))),
            (None, 1) => Ok(Some(Proof::Session(session))),
            (None, _) => Ok(None),
        }
    }

    /// The proof an authenticate call must carry: exactly one of the three.
    pub(super) fn required(
        ctx: &Ctx,
        ist: Option<String>,
        session_token: Option<String>,
        session_jwt: Option<String>,
    ) -> ApiResult<Proof> {
        Self::given(ctx, ist, session_token, session_jwt)?.ok_or_else(|| {
            ctx.err(
                facts::NO_SESSION_ARGUMENTS,
                "Provide one of intermediate_session_token, session_token and session_jwt.",
            )
        })
    }

    pub(super) fn check(
        self,
        w: &World,
        ctx: &Ctx,
        emu: &Emulator,
        member: &Member,
        now: OffsetDateTime,
    ) -> ApiResult<Proven> {
        match self {
            Proof::Ist(ist) => {
                check_ist(w, ctx, &ist, member, now)?;
                Ok(Proven::Ist(ist))
            }
            Proof::Session(session) => {
                let id = session.resolve(w, ctx, emu, now)?;
                if w.sessions.get(&id).map(|s| s.member_id.as_str())
                    != Some(member.member_id.as_str())
                {
                    return Err(ctx.err(
                        facts::SESSION_NOT_FOUND,
                        "Session does not belong to this member.",
                    ));
                }
                Ok(Proven::Session(id))
            }
        }
    }
}

/// An intermediate session token that is live, unused and this member's in this organization.
fn check_ist(
    w: &World,
    ctx: &Ctx,
    ist: &str,
    member: &Member,
    now: OffsetDateTime,
) -> ApiResult<()> {
    let session = w
        .ists
        .get(ist)
        .filter(|s| !s.consumed && s.expires_at > now)
        .ok_or_else(|| {
            ctx.err(
                facts::INTERMEDIATE_SESSION_NOT_FOUND,
                "Intermediate session could not be found: it may have expired or been used.",
            )
        })?;
    if session.organization_id != member.organization_id {
        return Err(ctx.err(
            facts::INVALID_IST_FOR_ORGANIZATION,
            "The intermediate session token was issued for another organization.",
        ));
    }
    if session.member_id != member.member_id {
        return Err(ctx.err(
            facts::INTERMEDIATE_SESSION_NOT_FOUND,
            "Intermediate session could not be found for this member.",
        ));
    }
    Ok(())
}

/// Uses up an intermediate session: the factors it holds (the primary one).
pub(super) fn consume_ist(w: &mut World, ist: &str) -> Vec<Factor> {
    match w.ists.get_mut(ist) {
        Some(s) => {
            s.consumed = true;
            s.factors.clone()
        }
        None => vec![],
    }
}

/// The organization a call names, then its member (each not found in its own words).
pub(super) fn named_member(
    w: &World,
    ctx: &Ctx,
    organization_id: &str,
    member_id: &str,
) -> ApiResult<(Organization, Member)> {
    let org = w.org(ctx, organization_id)?.clone();
    let member = w.member(ctx, &org.organization_id, member_id)?.clone();
    Ok((org, member))
}

/// The organization and member a second-factor call names ([`named_member`]), for `method`
/// (`sms_otp` or `totp`): a locked member is refused, then a method the organization does not
/// allow. (Recovery codes' get and rotate, which take no code, use [`named_member`] alone.)
pub(super) fn unlocked_member(
    w: &World,
    ctx: &Ctx,
    organization_id: &str,
    member_id: &str,
    method: &str,
    now: OffsetDateTime,
) -> ApiResult<(Organization, Member)> {
    let (org, member) = named_member(w, ctx, organization_id, member_id)?;
    if member.is_locked(now) {
        return Err(locked_error(ctx, &member));
    }
    require_method(ctx, &org, method)?;
    Ok((org, member))
}

pub(super) fn locked_error(ctx: &Ctx, member: &Member) -> StytchError {
    let until = member
        .lock_expires_at
        .map(ids::timestamp)
        .unwrap_or_default();
    ctx.err(
        facts::USER_LOCK_LIMIT_REACHED,
        format!("This member is locked after too many failed attempts, until {until}."),
    )
}

/// Counts a failed attempt (any factor); the environment's `user_lock_threshold`th consecutive
/// one locks the member for its `user_lock_ttl` (see [`facts::LOCK_THRESHOLD_DEFAULT`]). Returns
/// whether it locked.
pub(super) fn count_failure(
    w: &mut World,
    lock: &UserLock,
    member_id: &str,
    now: OffsetDateTime,
) -> bool {
    let m = w.member_mut(member_id);
    m.failed_attempts += 1;
    if m.failed_attempts >= lock.threshold {
        m.failed_attempts = 0;
        m.lock_created_at = Some(now);
        m.lock_expires_at = Some(now + lock.ttl());
        m.updated_at = now;
        true
    } else {
        false
    }
}

/// Refuses `method` (`sms_otp` or `totp`) when the organization's `mfa_methods` is RESTRICTED and
/// its `allowed_mfa_methods` lacks it (stytchauth/stytch-node: lib/b2b/organizations.ts,
/// `mfa_methods`). Break-glass members are exempt at Stytch; the emulator has none.
fn require_method(ctx: &Ctx, org: &Organization, method: &str) -> ApiResult<()> {
    if org.mfa_methods == "RESTRICTED" && !org.allowed_mfa_methods.iter().any(|m| m == method) {
        return Err(ctx.err(
            facts::OPERATION_RESTRICTED_BY_ORGANIZATION_MFA_METHODS,
            format!("This organization does not allow {method} as an MFA method."),
        ));
    }
    Ok(())
}

/// A failed code: counted toward the lock; the lock's error when this failure locked the member,
/// otherwise `kind` with `message`.
pub(super) fn failed(
    w: &mut World,
    ctx: &Ctx,
    member_id: &str,
    now: OffsetDateTime,
    kind: facts::ErrorKind,
    message: &str,
) -> StytchError {
    if count_failure(w, &ctx.settings.lock, member_id, now) {
        locked_error(ctx, &w.members[member_id])
    } else {
        ctx.err(kind, message)
    }
}

/// The method that just authenticated becomes the default when asked (`set_default_mfa`), or
/// when the member has none and is enrolled: "Completing an MFA authentication flow for the first
/// time for a Member will implicitly set the method to the default MFA method" (stytch crate
/// src/b2b/totps.rs, `AuthenticateRequest.set_default_mfa`; the SMS request has the field
/// undocumented, and is treated alike).
pub(super) fn set_default_method(m: &mut Member, method: &str, set_default_mfa: Option<bool>) {
    let first = m.default_mfa_method.is_empty() && m.mfa_enrolled;
    if set_default_mfa == Some(true) || (first && set_default_mfa != Some(false)) {
        m.default_mfa_method = method.into();
    }
}

/// A success: the consecutive-failure count starts again.
pub(super) fn reset_failures(m: &mut Member, now: OffsetDateTime) {
    m.failed_attempts = 0;
    m.lock_created_at = None;
    m.lock_expires_at = None;
    m.updated_at = now;
}

// ---------------------------------------------------------------------------------------------
// An authenticate call, from its shared checks to its session
// ---------------------------------------------------------------------------------------------

/// A second-factor authenticate call past the checks every one of them starts with: the world
/// locked, the organization and (unlocked) member it names, and its proof of the primary factor
/// checked for that member.
pub(super) struct Attempt<'e> {
    pub w: MutexGuard<'e, World>,
    pub org: Organization,
    pub member: Member,
    proven: Proven,
    now: OffsetDateTime,
}

impl<'e> Attempt<'e> {
    /// The shared checks, in this order (which error wins when several apply): the organization
    /// and member found, the member not locked, `method` allowed ([`unlocked_member`]), then the
    /// proof ([`Proof::check`]). The body's own checks and [`Proof::required`] come before.
    pub(super) fn begin(
        emu: &'e Emulator,
        ctx: &Ctx,
        organization_id: &str,
        member_id: &str,
        proof: Proof,
        method: &str,
        now: OffsetDateTime,
    ) -> ApiResult<Attempt<'e>> {
        let w = emu.world();
        let (org, member) = unlocked_member(&w, ctx, organization_id, member_id, method, now)?;
        let proven = proof.check(&w, ctx, emu, &member, now)?;
        Ok(Attempt {
            w,
            org,
            member,
            proven,
            now,
        })
    }

    /// The session a successful second factor ends in: with an IST, a new session holding the
    /// IST's primary factor then the `kind` factor (the IST is consumed); with a session, the
    /// factor added to it. The answer's session fields, JWT included (signed outside the lock).
    pub(super) fn finish(
        self,
        emu: &Emulator,
        ctx: &Ctx,
        kind: FactorKind,
        minutes: Option<i64>,
        claims: Option<&Value>,
    ) -> Map<String, Value> {
        let Attempt {
            mut w,
            org,
            member,
            proven,
            now,
        } = self;
        let factor = Factor {
            kind,
            sequence: Sequence::Secondary,
            created_at: now,
            last_authenticated_at: now,
        };
        let session_id = match proven {
            Proven::Session(id) => {
                add_factor_to_session(&mut w, &id, factor, now, minutes, claims);
                id
            }
            Proven::Ist(ist) => {
                let mut factors = consume_ist(&mut w, &ist);
                factors.push(factor);
                w.create_session(
                    ctx,
                    &member.member_id,
                    &org.organization_id,
                    factors,
                    minutes.unwrap_or(facts::SESSION_DEFAULT_MINUTES),
                    claims,
                    now,
                )
            }
        };
        let mut body = session_fields(&w, &session_id, now);
        drop(w);
        body.insert("session_jwt".into(), jwt_for(emu, &session_id).into());
        body
    }
}

/// The body of SMS OTP and TOTP authenticate, the same for both: a code for the member, the
/// proof of the primary factor, the session wanted, and the member's MFA settings to change.
#[derive(Deserialize)]
pub(super) struct CodeAuthenticate {
    organization_id: String,
    member_id: String,
    pub code: String,
    intermediate_session_token: Option<String>,
    session_token: Option<String>,
    session_jwt: Option<String>,
    session_duration_minutes: Option<i64>,
    pub session_custom_claims: Option<Value>,
    pub set_mfa_enrollment: Option<String>,
    pub set_default_mfa: Option<bool>,
}

impl CodeAuthenticate {
    /// Every check before the code is tried, in this order: `session_duration_minutes`, the
    /// code's form (`digits` digits), `set_mfa_enrollment`, one proof given, then
    /// [`Attempt::begin`] for `method`. The session's minutes and the attempt.
    pub(super) fn begin<'e>(
        &self,
        emu: &'e Emulator,
        ctx: &Ctx,
        method: &str,
        digits: usize,
        now: OffsetDateTime,
    ) -> ApiResult<(Option<i64>, Attempt<'e>)> {
        let minutes = session_minutes(ctx, self.session_duration_minutes, true)?;
        if self.code.len() != digits || !self.code.bytes().all(|c| c.is_ascii_digit()) {
            return Err(ctx.err(
                facts::INVALID_CODE,
                format!("code must be a {digits}-digit number."),
            ));
        }
        one_of(
            ctx,
            &self.set_mfa_enrollment,
            &["enroll", "unenroll"],
            facts::BAD_REQUEST,
            "set_mfa_enrollment",
        )?;
        let proof = Proof::required(
            ctx,
            self.intermediate_session_token.clone(),
            self.session_token.clone(),
            self.session_jwt.clone(),
        )?;
        let attempt = Attempt::begin(
            emu,
            ctx,
            &self.organization_id,
            &self.member_id,
            proof,
            method,
            now,
        )?;
        Ok((minutes, attempt))
    }
}
