//! Organizations: get and update on the backend API; search by slug and the signed-in member's
//! own organization on the SDK API.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Value};

use super::checks::{one_of, path_param, SessionArgs};
use super::{obj, org_json, respond};
use crate::error::ApiResult;
use crate::extract::{Ctx, StytchJson};
use crate::facts;
use crate::model::Organization;
use crate::world::{self, valid_slug, World};
use crate::Emulator;

/// `{"organization": …}`.
fn answer(ctx: &Ctx, organization: Value) -> Response {
    respond(ctx, obj(json!({ "organization": organization })))
}

/// GET /v1/b2b/organizations/{organization_id} (an id or a slug).
pub(super) async fn get_one(
    State(emu): State<Emulator>,
    ctx: Ctx,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<Response> {
    let id = path_param(ctx.live, path)?;
    let w = emu.world();
    let org = w.org(&ctx, &id)?;
    Ok(answer(&ctx, org_json(org)))
}

#[derive(Deserialize)]
pub(super) struct OrganizationSearch {
    organization_slug: String,
}

/// POST /sdk/v1/b2b/organizations/search: the organization with this slug, as the subset of
/// fields in [`facts::SEARCH_ORGANIZATION_FIELDS`], or `null` (still 200) when there is none.
pub(super) async fn search(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<OrganizationSearch>,
) -> ApiResult<Response> {
    let w = emu.world();
    let found = w
        .orgs
        .iter()
        .find(|o| o.organization_slug == b.organization_slug && !o.hidden);
    let organization = match found {
        Some(o) => {
            let full = obj(org_json(o));
            Value::Object(
                facts::SEARCH_ORGANIZATION_FIELDS
                    .iter()
                    .map(|f| (f.to_string(), full.get(*f).cloned().unwrap_or(Value::Null)))
                    .collect(),
            )
        }
        None => Value::Null,
    };
    Ok(answer(&ctx, organization))
}

/// GET /sdk/v1/b2b/organizations/me: the signed-in member's organization. The session comes in
/// the Basic password; without one the answer is 401 `unauthorized_credentials` (the error
/// stytch-mobile's openapi.yml lists for this route; the situation is inferred), with an
/// unknown or expired one the dead-session answer (`Ctx::dead_session`), as on the other
/// session routes.
pub(super) async fn me(State(emu): State<Emulator>, ctx: Ctx) -> ApiResult<Response> {
    let now = emu.now();
    let session = SessionArgs::from_password(&ctx);
    if !session.given() {
        return Err(ctx.err(
            facts::UNAUTHORIZED_CREDENTIALS,
            "This endpoint needs a session: send public_token:session_token (or session_jwt).",
        ));
    }
    let w = emu.world();
    let id = session.resolve(&w, &ctx, &emu, now)?;
    let org = w
        .sessions
        .get(&id)
        .filter(|s| {
            w.members
                .get(&s.member_id)
                .is_some_and(|m| m.status != "deleted")
        })
        .and_then(|s| w.org_by_id(&s.organization_id))
        .ok_or_else(|| ctx.dead_session("Session could not be found."))?;
    Ok(answer(&ctx, org_json(org)))
}

#[derive(Deserialize)]
pub(super) struct OrganizationUpdate {
    organization_name: Option<String>,
    organization_slug: Option<String>,
    organization_logo_url: Option<String>,
    trusted_metadata: Option<Value>,
    mfa_policy: Option<String>,
    mfa_methods: Option<String>,
    allowed_mfa_methods: Option<Vec<String>>,
    email_allowed_domains: Option<Vec<String>>,
    email_jit_provisioning: Option<String>,
    email_invites: Option<String>,
    auth_methods: Option<String>,
    allowed_auth_methods: Option<Vec<String>>,
    sso_jit_provisioning: Option<String>,
}

/// PUT (Stytch's method) or POST (the seed guide's curl) /v1/b2b/organizations/{id}.
/// Existing sessions stay valid when the MFA policy is tightened.
pub(super) async fn update(
    State(emu): State<Emulator>,
    ctx: Ctx,
    path: Result<Path<String>, PathRejection>,
    StytchJson(b): StytchJson<OrganizationUpdate>,
) -> ApiResult<Response> {
    let id = path_param(ctx.live, path)?;
    let now = emu.now();
    check_policies(&ctx, &b)?;
    let mut w = emu.world();
    let org_id = w.org(&ctx, &id)?.organization_id.clone();
    if let Some(slug) = &b.organization_slug {
        check_slug(&w, &ctx, &org_id, slug)?;
    }
    if b.organization_name.as_deref() == Some("") {
        return Err(ctx.err(facts::BAD_REQUEST, "organization_name must not be empty."));
    }
    let org = w.org_mut(&org_id).ok_or_else(|| world::internal(&ctx))?;
    apply(org, b);
    org.updated_at = now;
    Ok(answer(&ctx, org_json(org)))
}

/// The MFA, JIT provisioning, invite and auth-method settings of an update, each one of its
/// allowed values.
fn check_policies(ctx: &Ctx, b: &OrganizationUpdate) -> ApiResult<()> {
    one_of(
        ctx,
        &b.mfa_policy,
        &["REQUIRED_FOR_ALL", "OPTIONAL"],
        facts::INVALID_ORGANIZATION_MFA_POLICY,
        "mfa_policy",
    )?;
    one_of(
        ctx,
        &b.mfa_methods,
        &["ALL_ALLOWED", "RESTRICTED"],
        facts::INVALID_ORGANIZATION_ALLOWED_MFA_METHODS,
        "mfa_methods",
    )?;
    if let Some(methods) = &b.allowed_mfa_methods {
        if methods.iter().any(|m| m != "sms_otp" && m != "totp") {
            return Err(ctx.err(
                facts::INVALID_ORGANIZATION_ALLOWED_MFA_METHODS,
                "allowed_mfa_methods may contain only sms_otp and totp.",
            ));
        }
    }
    for (value, field) in [
        (&b.email_jit_provisioning, "email_jit_provisioning"),
        (&b.sso_jit_provisioning, "sso_jit_provisioning"),
    ] {
        one_of(
            ctx,
            value,
            &["RESTRICTED", "NOT_ALLOWED", "ALL_ALLOWED"],
            facts::BAD_REQUEST,
            field,
        )?;
    }
    for (value, field) in [
        (&b.email_invites, "email_invites"),
        (&b.auth_methods, "auth_methods"),
    ] {
        one_of(
            ctx,
            value,
            &["ALL_ALLOWED", "RESTRICTED", "NOT_ALLOWED"],
            facts::BAD_REQUEST,
            field,
        )?;
    }
    Ok(())
}

/// A new slug: well-formed and not another organization's.
fn check_slug(w: &World, ctx: &Ctx, org_id: &str, slug: &str) -> ApiResult<()> {
    if !valid_slug(slug) {
        return Err(ctx.err(
            facts::INVALID_ORGANIZATION_SLUG,
            "organization_slug may contain only lowercase letters, digits and -._~ (2 to 128).",
        ));
    }
    if w.orgs
        .iter()
        .any(|o| o.organization_slug == slug && o.organization_id != org_id)
    {
        return Err(ctx.err(
            facts::ORGANIZATION_SLUG_ALREADY_USED,
            "Another organization already uses this slug.",
        ));
    }
    Ok(())
}

/// Sets every field the update gives (email domains lowercased).
fn apply(org: &mut Organization, b: OrganizationUpdate) {
    if let Some(v) = b.organization_name {
        org.organization_name = v;
    }
    if let Some(v) = b.organization_slug {
        org.organization_slug = v;
    }
    if let Some(v) = b.organization_logo_url {
        org.organization_logo_url = v;
    }
    if let Some(v) = b.trusted_metadata {
        org.trusted_metadata = v;
    }
    if let Some(v) = b.mfa_policy {
        org.mfa_policy = v;
    }
    if let Some(v) = b.mfa_methods {
        org.mfa_methods = v;
    }
    if let Some(v) = b.allowed_mfa_methods {
        org.allowed_mfa_methods = v;
    }
    if let Some(v) = b.email_allowed_domains {
        org.email_allowed_domains = v.into_iter().map(|d| d.to_ascii_lowercase()).collect();
    }
    if let Some(v) = b.email_jit_provisioning {
        org.email_jit_provisioning = v;
    }
    if let Some(v) = b.email_invites {
        org.email_invites = v;
    }
    if let Some(v) = b.auth_methods {
        org.auth_methods = v;
    }
    if let Some(v) = b.allowed_auth_methods {
        org.allowed_auth_methods = v;
    }
    if let Some(v) = b.sso_jit_provisioning {
        org.sso_jit_provisioning = v;
    }
}
