//! A member's own factors: deleting the TOTP registration (with its recovery codes), so that one
//! who lost the app can create another. The backend API names the member by id; the SDK API by
//! the session in the Basic password, with no body.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::json;

use super::mfa::named_member;
use super::recovery_codes::session_member;
use super::{member_json, obj, org_json, respond};
use crate::error::ApiResult;
use crate::extract::Ctx;
use crate::facts;
use crate::model::{Member, Organization};
use crate::Emulator;

/// Backend: `DELETE /v1/b2b/organizations/{organization_id}/members/{member_id}/totp`.
pub(super) async fn delete_totp_by_id(
    State(emu): State<Emulator>,
    ctx: Ctx,
    path: Result<Path<(String, String)>, PathRejection>,
) -> ApiResult<Response> {
    let Path((organization_id, member_id)) =
        path.map_err(|e| ctx.err(facts::BAD_REQUEST, format!("Invalid path: {e}")))?;
    let found = named_member(&emu.world(), &ctx, &organization_id, &member_id)?;
    delete_totp(&emu, &ctx, found)
}

/// SDK: `DELETE /sdk/v1/b2b/organizations/members/deleteTOTP`, the session's member.
pub(super) async fn delete_totp_of_session(
    State(emu): State<Emulator>,
    ctx: Ctx,
) -> ApiResult<Response> {
    let found = session_member(&emu.world(), &ctx, &emu)?;
    delete_totp(&emu, &ctx, found)
}

/// The registration, active or pending, goes with its recovery codes; the member's
/// `totp_registration_id` empties, and a `default_mfa_method` of `totp` with it (**inferred**:
/// Stytch documents neither). Sessions that used it stay valid ("Existing Member Sessions that
/// include the TOTP authentication factor will not be revoked", stytch-node
/// `organizations_members.ts` deleteTOTP). No registration at all: `totp_not_found`
/// (**inferred**).
fn delete_totp(
    emu: &Emulator,
    ctx: &Ctx,
    (org, member): (Organization, Member),
) -> ApiResult<Response> {
    let now = emu.now();
    let mut w = emu.world();
    let pending = w.totps.remove(&member.member_id).is_some();
    if !pending && !member.has_totp() {
        return Err(ctx.err(
            facts::TOTP_NOT_FOUND,
            "This member has no TOTP registration.",
        ));
    }
    let m = w.member_mut(&member.member_id);
    m.totp_registration_id.clear();
    if m.default_mfa_method == "totp" {
        m.default_mfa_method.clear();
    }
    m.updated_at = now;
    let member = m.clone();
    Ok(respond(
        ctx,
        obj(json!({
            "member_id": member.member_id,
            "member": member_json(&member, now),
            "organization": org_json(&org),
        })),
    ))
}
