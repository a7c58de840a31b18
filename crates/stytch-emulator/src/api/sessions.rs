//! Sessions: authenticate, revoke and the JWKS; and what the other resources need to answer with
//! a session ([`session_fields`], [`jwt_for`], [`add_factor_to_session`]).

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use time::{Duration, OffsetDateTime};

use super::checks::{path_param, session_minutes, some, SessionArgs};
use super::{member_json, obj, org_json, respond, respond_as};
use crate::error::{ApiResult, StytchError};
use crate::extract::{Ctx, Family, StytchJson};
use crate::facts;
use crate::model::{Factor, Session};
use crate::world::{merge_claims, World};
use crate::Emulator;

#[derive(Deserialize)]
#[allow(dead_code)]
pub(super) struct SessionsAuthenticate {
    session_token: Option<String>,
    session_jwt: Option<String>,
    session_duration_minutes: Option<i64>,
    session_custom_claims: Option<Value>,
    authorization_check: Option<Value>,
}

/// Checks a session; extends it only when `session_duration_minutes` is given.
pub(super) async fn authenticate(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<SessionsAuthenticate>,
) -> ApiResult<Response> {
    let now = emu.now();
    let minutes = session_minutes(&ctx, b.session_duration_minutes, false)?;
    let session = SessionArgs::at_most_one(&ctx, b.session_token, b.session_jwt)?;
    if !session.given() && !ctx.sdk() {
        return Err(ctx.err(
            facts::NO_SESSION_ARGUMENTS,
            "Provide session_token or session_jwt.",
        ));
    }
    let mut w = emu.world();
    let id = session.resolve(&w, &ctx, &emu, now)?;
    let member_alive = w
        .sessions
        .get(&id)
        .and_then(|s| w.members.get(&s.member_id))
        .is_some_and(|m| m.status != "deleted");
    if !member_alive {
        return Err(ctx.dead_session("Session could not be found."));
    }
    if let Some(s) = w.sessions.get_mut(&id) {
        touch(s, now, minutes);
        if b.session_custom_claims.is_some() {
            merge_claims(&mut s.custom_claims, b.session_custom_claims.as_ref());
            s.jwt_cache = None;
        }
    }
    let mut body = session_fields(&w, &id, now);
    body.remove("member_id");
    drop(w);
    body.insert("session_jwt".into(), jwt_for(&emu, &id).into());
    Ok(respond(&ctx, body))
}

#[derive(Deserialize)]
pub(super) struct SessionsRevoke {
    member_session_id: Option<String>,
    session_token: Option<String>,
    session_jwt: Option<String>,
    member_id: Option<String>,
}

/// Revokes one session (by id, token or JWT) or all of a member's sessions.
pub(super) async fn revoke(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<SessionsRevoke>,
) -> ApiResult<Response> {
    let now = emu.now();
    let session = SessionArgs::new(&ctx, b.session_token, b.session_jwt);
    let session_id = some(b.member_session_id);
    let member_id = some(b.member_id);
    let given =
        usize::from(session_id.is_some()) + session.count() + usize::from(member_id.is_some());
    if given == 0 {
        return Err(if ctx.sdk() {
            ctx.err(facts::SESSION_NOT_FOUND, "No session was given to revoke.")
        } else {
            ctx.err(
                facts::NO_SESSION_REVOKE_ARGUMENTS,
                "Provide one of member_session_id, session_token, session_jwt and member_id.",
            )
        });
    }
    if given > 1 {
        return Err(ctx.err(
            facts::TOO_MANY_SESSION_REVOKE_ARGUMENTS,
            "Provide only one of member_session_id, session_token, session_jwt and member_id.",
        ));
    }
    let mut w = emu.world();
    if let Some(member_id) = member_id {
        if !w.members.contains_key(&member_id) {
            return Err(ctx.err(facts::MEMBER_NOT_FOUND, "Member could not be found."));
        }
        let ids: Vec<String> = w
            .sessions
            .values()
            .filter(|s| s.member_id == member_id && s.alive(now))
            .map(|s| s.member_session_id.clone())
            .collect();
        ids.iter().for_each(|id| w.revoke_session(id));
    } else if let Some(id) = session_id {
        if !w.sessions.get(&id).is_some_and(|s| s.alive(now)) {
            return Err(ctx.err(facts::SESSION_NOT_FOUND, "Session could not be found."));
        }
        w.revoke_session(&id);
    } else {
        let id = session.resolve(&w, &ctx, &emu, now)?;
        w.revoke_session(&id);
    }
    Ok(respond(&ctx, Map::new()))
}

/// GET /v1/b2b/sessions/jwks/{project_id}: the signing key with its kid. No credentials needed
/// (stytch-node's `jose.createRemoteJWKSet` sends none); any sent are ignored.
pub(super) async fn jwks(
    State(emu): State<Emulator>,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<Response> {
    let live = emu.project().live();
    let project_id = path_param(live, path)?;
    if project_id != emu.project().project_id {
        return Err(
            StytchError::new(facts::PROJECT_NOT_FOUND, "Project could not be found.").live(live),
        );
    }
    Ok(respond_as(
        Family::Backend,
        live,
        obj(json!({ "keys": [emu.key().jwk()] })),
    ))
}

// ---------------------------------------------------------------------------------------------
// Answering with a session
// ---------------------------------------------------------------------------------------------

/// A session's JWT: the cached one while fresh (see [`facts::JWT_REUSE_WINDOW`]), otherwise a
/// new one, signed outside the lock.
pub(super) fn jwt_for(emu: &Emulator, session_id: &str) -> String {
    let now = emu.now();
    let (claims, expires_at) = {
        let w = emu.world();
        let Some(s) = w.sessions.get(session_id) else {
            return String::new();
        };
        if let Some((jwt, minted, exp)) = &s.jwt_cache {
            if *exp == s.expires_at && *minted <= now && now - *minted < facts::JWT_REUSE_WINDOW {
                return jwt.clone();
            }
        }
        (
            w.jwt_claims(&emu.project().project_id, session_id, now),
            s.expires_at,
        )
    };
    let Some(claims) = claims else {
        return String::new();
    };
    let jwt = emu.key().sign(&claims);
    if let Some(s) = emu.world().sessions.get_mut(session_id) {
        if s.expires_at == expires_at && !s.revoked {
            s.jwt_cache = Some((jwt.clone(), now, expires_at));
        }
    }
    jwt
}

/// member_session, session_token, member and organization of a session, in a response map.
pub(super) fn session_fields(
    w: &World,
    session_id: &str,
    now: OffsetDateTime,
) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some(s) = w.sessions.get(session_id) {
        let org = w.org_by_id(&s.organization_id);
        let slug = org.map(|o| o.organization_slug.as_str()).unwrap_or("");
        out.insert("member_session".into(), s.to_json(slug));
        out.insert("session_token".into(), s.token.clone().into());
        out.insert("member_id".into(), s.member_id.clone().into());
        if let Some(m) = w.members.get(&s.member_id) {
            out.insert("member".into(), member_json(m, now));
        }
        if let Some(o) = org {
            out.insert("organization".into(), org_json(o));
        }
    }
    out
}

/// The session was used now; a `minutes` given restarts its lifetime from now.
fn touch(s: &mut Session, now: OffsetDateTime, minutes: Option<i64>) {
    s.last_accessed_at = now;
    if let Some(m) = minutes {
        s.expires_at = now + Duration::minutes(m);
    }
}

/// Authenticating a factor again with an existing session: the factor is added (or, when the
/// session has one of its kind, refreshed), the session touched and its custom claims merged.
pub(super) fn add_factor_to_session(
    w: &mut World,
    session_id: &str,
    factor: Factor,
    now: OffsetDateTime,
    minutes: Option<i64>,
    custom_claims: Option<&Value>,
) {
    if let Some(s) = w.sessions.get_mut(session_id) {
        add_factor(&mut s.factors, factor);
        touch(s, now, minutes);
        merge_claims(&mut s.custom_claims, custom_claims);
        s.jwt_cache = None;
    }
}

fn add_factor(factors: &mut Vec<Factor>, factor: Factor) {
    let same = |f: &Factor| std::mem::discriminant(&f.kind) == std::mem::discriminant(&factor.kind);
    if let Some(existing) = factors.iter_mut().find(|f| same(f)) {
        existing.last_authenticated_at = factor.last_authenticated_at;
    } else {
        factors.push(factor);
    }
}
