//! TOTP: create a registration (secret, QR code, recovery codes) and authenticate a code from the
//! member's authenticator app, proving the primary factor with an IST or a session.

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;
use time::{Duration, OffsetDateTime};

use super::mfa::{
    failed, reset_failures, set_default_method, unlocked_member, CodeAuthenticate, Proof, Proven,
};
use super::{member_json, obj, org_json, respond};
use crate::error::ApiResult;
use crate::extract::{Ctx, StytchJson};
use crate::facts;
use crate::ids;
use crate::model::{FactorKind, Member, RecoveryCode, Sequence, TotpRegistration};
use crate::totp;
use crate::world::World;
use crate::Emulator;

#[derive(Deserialize)]
pub(super) struct TotpCreate {
    organization_id: String,
    member_id: String,
    expiration_minutes: Option<i64>,
    intermediate_session_token: Option<String>,
    session_token: Option<String>,
    session_jwt: Option<String>,
}

/// A new pending registration, replacing a pending one (**inferred**: Stytch's
/// `pending_totp_exists` suggests it may refuse instead). A member with an MFA factor must prove
/// it: an IST or a session of the primary factor alone is not enough.
pub(super) async fn create(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<TotpCreate>,
) -> ApiResult<Response> {
    let now = emu.now();
    let minutes = registration_minutes(&ctx, b.expiration_minutes)?;
    let proof = Proof::given(
        &ctx,
        b.intermediate_session_token,
        b.session_token,
        b.session_jwt,
    )?;
    let mut w = emu.world();
    let (org, member) = unlocked_member(&w, &ctx, &b.organization_id, &b.member_id, "totp", now)?;
    let proven = match proof {
        Some(proof) => Some(proof.check(&w, &ctx, &emu, &member, now)?),
        None => None,
    };
    if member.has_mfa_factor() && !has_second_factor(&w, proven.as_ref()) {
        return Err(ctx.err(
            facts::INSUFFICIENT_FACTORS,
            "This member already has an MFA factor: pass a session that includes it.",
        ));
    }
    if member.has_totp() {
        return Err(ctx.err(
            facts::ACTIVE_TOTP_EXISTS,
            "This member already has a TOTP registration.",
        ));
    }
    let registration = new_registration(&ctx, &org.organization_name, &member, minutes, now);
    let answer = obj(json!({
        "member_id": member.member_id,
        "totp_registration_id": registration.registration_id,
        "secret": totp::base32(&registration.secret),
        "qr_code": totp::qr_data_url(&totp::otpauth_url(
            &registration.secret,
            &registration.issuer,
            &registration.account_name,
        )),
        "recovery_codes": registration.unused_recovery_codes(),
        "member": member_json(&member, now),
        "organization": org_json(&org),
    }));
    w.totps.insert(member.member_id.clone(), registration);
    Ok(respond(&ctx, answer))
}

/// Checks a code at the emulator's clock (one step either side accepted, a step used before
/// refused). The first right code activates the registration; every right code enrolls the
/// member and ends in a session, like an SMS code.
pub(super) async fn authenticate(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<CodeAuthenticate>,
) -> ApiResult<Response> {
    let now = emu.now();
    let (minutes, mut attempt) = b.begin(&emu, &ctx, "totp", facts::TOTP_DIGITS, now)?;
    let member_id = &attempt.member.member_id;
    let registration_id = redeem_code(&mut attempt.w, &ctx, member_id, &b.code, now)?;
    let m = attempt.w.member_mut(member_id);
    m.totp_registration_id = registration_id.clone();
    m.mfa_enrolled =
        b.set_mfa_enrollment.as_deref() != Some("unenroll") || attempt.org.requires_mfa();
    set_default_method(m, "totp", b.set_default_mfa);
    reset_failures(m, now);
    let kind = FactorKind::Totp {
        totp_id: registration_id,
    };
    let claims = b.session_custom_claims.as_ref();
    let body = attempt.finish(&emu, &ctx, kind, minutes, claims);
    Ok(respond(&ctx, body))
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

fn registration_minutes(ctx: &Ctx, minutes: Option<i64>) -> ApiResult<i64> {
    let m = minutes.unwrap_or(facts::TOTP_REGISTRATION_DEFAULT_MINUTES);
    let range = facts::TOTP_REGISTRATION_MIN_MINUTES..=facts::TOTP_REGISTRATION_MAX_MINUTES;
    if range.contains(&m) {
        Ok(m)
    } else {
        Err(ctx.err(
            facts::INVALID_EXPIRATION,
            "expiration_minutes must be between 5 and 1440.",
        ))
    }
}

/// Whether the proof carries a second factor: only a session can (an IST holds the primary one).
fn has_second_factor(w: &World, proven: Option<&Proven>) -> bool {
    match proven {
        Some(Proven::Session(id)) => w
            .sessions
            .get(id)
            .is_some_and(|s| s.factors.iter().any(|f| f.sequence == Sequence::Secondary)),
        _ => false,
    }
}

fn new_registration(
    ctx: &Ctx,
    issuer: &str,
    member: &Member,
    minutes: i64,
    now: OffsetDateTime,
) -> TotpRegistration {
    TotpRegistration {
        // **Inferred** id shape, like Stytch's other member-scoped ids.
        registration_id: ids::id("member-totp", ctx.live),
        secret: totp::new_secret(),
        issuer: issuer.to_string(),
        account_name: member.email_address.clone(),
        verified: false,
        expires_at: now + Duration::minutes(minutes),
        last_step: None,
        recovery_codes: new_recovery_codes(ctx),
    }
}

/// A fresh set of [`facts::RECOVERY_CODE_COUNT`] recovery codes.
pub(super) fn new_recovery_codes(ctx: &Ctx) -> Vec<RecoveryCode> {
    (0..facts::RECOVERY_CODE_COUNT)
        .map(|_| RecoveryCode {
            id: ids::id("member-totp-recovery-code", ctx.live),
            code: ids::recovery_code(),
            used: false,
        })
        .collect()
}

/// A code checked against the member's registration: its id when right (the registration is
/// then active and the step spent); otherwise the failure counts toward the lock.
fn redeem_code(
    w: &mut World,
    ctx: &Ctx,
    member_id: &str,
    code: &str,
    now: OffsetDateTime,
) -> ApiResult<String> {
    let Some(registration) = w.totps.get_mut(member_id) else {
        return Err(ctx.err(
            facts::TOTP_NOT_FOUND,
            "This member has no TOTP registration.",
        ));
    };
    if !registration.verified && registration.expires_at <= now {
        return Err(ctx.err(
            facts::UNABLE_TO_AUTHENTICATE_TOTP,
            "The TOTP registration expired before its first code: create a new one.",
        ));
    }
    let unix = u64::try_from(now.unix_timestamp()).unwrap_or(0);
    let (kind, message) = match totp::matching_step(&registration.secret, code, unix) {
        Some(step) if registration.last_step.is_some_and(|last| step <= last) => (
            facts::TOTP_CODE_ALREADY_AUTHENTICATED,
            "This code was already used: wait for the next one.",
        ),
        Some(step) => {
            registration.last_step = Some(step);
            registration.verified = true;
            return Ok(registration.registration_id.clone());
        }
        None => (facts::INVALID_TOTP_CODE, "The TOTP code is incorrect."),
    };
    Err(failed(w, ctx, member_id, now, kind, message))
}
