//! Recovery codes of a member's active TOTP registration: recover (a code in place of the TOTP
//! code, each once), get the unused ones, rotate them. The backend API names the member by id;
//! the SDK API's get and rotate by the session in the Basic password.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Value};

use super::checks::{session_minutes, SessionArgs};
use super::mfa::{failed, named_member, reset_failures, Attempt, Proof};
use super::totp::new_recovery_codes;
use super::{member_json, obj, org_json, respond};
use crate::error::{ApiResult, StytchError};
use crate::extract::{Ctx, StytchJson};
use crate::facts;
use crate::model::{FactorKind, Member, Organization};
use crate::world::World;
use crate::Emulator;

#[derive(Deserialize)]
pub(super) struct Recover {
    organization_id: String,
    member_id: String,
    recovery_code: String,
    intermediate_session_token: Option<String>,
    session_token: Option<String>,
    session_jwt: Option<String>,
    session_duration_minutes: Option<i64>,
    session_custom_claims: Option<Value>,
}

/// Spends one recovery code as the second factor. A wrong or used code counts toward the lock.
/// Under `mfa_methods` RESTRICTED without `totp` the codes are refused too (**inferred**: they
/// back the TOTP registration).
pub(super) async fn recover(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<Recover>,
) -> ApiResult<Response> {
    let now = emu.now();
    let minutes = session_minutes(&ctx, b.session_duration_minutes, true)?;
    let proof = Proof::required(
        &ctx,
        b.intermediate_session_token,
        b.session_token,
        b.session_jwt,
    )?;
    let mut attempt = Attempt::begin(
        &emu,
        &ctx,
        &b.organization_id,
        &b.member_id,
        proof,
        "totp",
        now,
    )?;
    let (w, member_id) = (&mut attempt.w, &attempt.member.member_id);
    let spent = active_registration(w, &ctx, member_id)?
        .recovery_codes
        .iter_mut()
        .find(|c| !c.used && c.code == b.recovery_code.trim())
        .map(|c| {
            c.used = true;
            c.id.clone()
        });
    let Some(recovery_code_id) = spent else {
        return Err(failed(
            w,
            &ctx,
            member_id,
            now,
            facts::INVALID_RECOVERY_CODE,
            "The recovery code is incorrect or was already used.",
        ));
    };
    let remaining = active_registration(w, &ctx, member_id)?
        .unused_recovery_codes()
        .len();
    reset_failures(w.member_mut(member_id), now);
    let kind = FactorKind::RecoveryCode { recovery_code_id };
    let claims = b.session_custom_claims.as_ref();
    let mut body = attempt.finish(&emu, &ctx, kind, minutes, claims);
    body.insert("recovery_codes_remaining".into(), remaining.into());
    Ok(respond(&ctx, body))
}

/// Backend: `GET /v1/b2b/recovery_codes/{organization_id}/{member_id}`.
pub(super) async fn get_by_id(
    State(emu): State<Emulator>,
    ctx: Ctx,
    path: Result<Path<(String, String)>, PathRejection>,
) -> ApiResult<Response> {
    let Path((organization_id, member_id)) =
        path.map_err(|e| ctx.err(facts::BAD_REQUEST, format!("Invalid path: {e}")))?;
    let mut w = emu.world();
    let (org, member) = named_member(&w, &ctx, &organization_id, &member_id)?;
    codes_answer(&mut w, &ctx, &org, &member, &emu, false)
}

/// SDK: `GET /sdk/v1/b2b/recovery_codes`, the session's member.
pub(super) async fn get_of_session(State(emu): State<Emulator>, ctx: Ctx) -> ApiResult<Response> {
    let mut w = emu.world();
    let (org, member) = session_member(&w, &ctx, &emu)?;
    codes_answer(&mut w, &ctx, &org, &member, &emu, false)
}

#[derive(Deserialize)]
pub(super) struct Rotate {
    organization_id: Option<String>,
    member_id: Option<String>,
}

/// New codes replace the old ones, which stop working. Backend: the member by id (both
/// required); SDK: the session's member, the body empty.
pub(super) async fn rotate(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<Rotate>,
) -> ApiResult<Response> {
    let mut w = emu.world();
    let (org, member) = if ctx.sdk() {
        session_member(&w, &ctx, &emu)?
    } else {
        let organization_id = b
            .organization_id
            .ok_or_else(|| ctx.required("organization_id"))?;
        let member_id = b.member_id.ok_or_else(|| ctx.required("member_id"))?;
        named_member(&w, &ctx, &organization_id, &member_id)?
    };
    codes_answer(&mut w, &ctx, &org, &member, &emu, true)
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

/// The member of the session in the Basic password (the SDK API's get and rotate, and
/// members' deleteTOTP).
pub(super) fn session_member(
    w: &World,
    ctx: &Ctx,
    emu: &Emulator,
) -> ApiResult<(Organization, Member)> {
    let session = SessionArgs::from_password(ctx);
    let id = session.resolve(w, ctx, emu, emu.now())?;
    let s = &w.sessions[&id];
    let (organization_id, member_id) = (s.organization_id.clone(), s.member_id.clone());
    named_member(w, ctx, &organization_id, &member_id)
}

/// The member's active registration; without one there are no recovery codes.
fn active_registration<'w>(
    w: &'w mut World,
    ctx: &Ctx,
    member_id: &str,
) -> ApiResult<&'w mut crate::model::TotpRegistration> {
    w.totps
        .get_mut(member_id)
        .filter(|r| r.verified)
        .ok_or_else(|| recovery_codes_not_found(ctx))
}

fn recovery_codes_not_found(ctx: &Ctx) -> StytchError {
    ctx.err(
        facts::RECOVERY_CODES_NOT_FOUND,
        "This member has no recovery codes: no TOTP registration is active.",
    )
}

/// `{member_id, member, organization, recovery_codes}` of the member's unused codes, after
/// replacing them all when `rotate`.
fn codes_answer(
    w: &mut World,
    ctx: &Ctx,
    org: &Organization,
    member: &Member,
    emu: &Emulator,
    rotate: bool,
) -> ApiResult<Response> {
    let registration = active_registration(w, ctx, &member.member_id)?;
    if rotate {
        registration.recovery_codes = new_recovery_codes(ctx);
    }
    let codes = registration.unused_recovery_codes();
    Ok(respond(
        ctx,
        obj(json!({
            "member_id": member.member_id,
            "member": member_json(member, emu.now()),
            "organization": org_json(org),
            "recovery_codes": codes,
        })),
    ))
}
