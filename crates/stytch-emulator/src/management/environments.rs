//! `GET|PATCH …/environments/{environment_slug}`: the environment, of which the emulator keeps
//! the member-lock settings (`user_lock_self_serve_enabled`, `user_lock_threshold`,
//! `user_lock_ttl` in seconds); a PATCH naming any other field is refused (the emulator keeps
//! nothing else).

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{obj, Workspace};
use crate::error::ApiResult;
use crate::extract::StytchJson;
use crate::facts;
use crate::ids;
use crate::Emulator;

/// The Environment object (stytchauth/stytch-management-go: pkg/models/environments/types.go).
fn environment_json(emu: &Emulator) -> Value {
    let p = emu.project();
    let lock = emu.settings().lock;
    json!({
        "environment_slug": p.environment_slug,
        "project_slug": p.project_slug,
        "name": if p.live() { "Live" } else { "Test" },
        "cross_org_passwords_enabled": false,
        "user_impersonation_enabled": false,
        "zero_downtime_session_migration_url": "",
        "use_custom_domain_in_magic_link_emails": false,
        "user_lock_self_serve_enabled": lock.self_serve_enabled,
        "user_lock_threshold": lock.threshold,
        "user_lock_ttl": lock.ttl_seconds,
        "project_id": p.project_id,
        "type": if p.live() { "LIVE" } else { "TEST" },
        "created_at": ids::timestamp(p.created_at),
    })
}

pub(super) async fn get_environment(State(emu): State<Emulator>, ws: Workspace) -> Response {
    ws.answer(obj(json!({ "environment": environment_json(&emu) })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EnvironmentUpdate {
    user_lock_self_serve_enabled: Option<bool>,
    user_lock_threshold: Option<i64>,
    user_lock_ttl: Option<i64>,
}

/// Sets the lock settings given, each within Stytch's documented range
/// ([`facts::LOCK_THRESHOLD_RANGE`], [`facts::LOCK_TTL_RANGE_SECONDS`]; outside it `bad_request`,
/// **inferred**).
pub(super) async fn update_environment(
    State(emu): State<Emulator>,
    ws: Workspace,
    StytchJson(b): StytchJson<EnvironmentUpdate>,
) -> ApiResult<Response> {
    let in_range = |v: i64, range: &std::ops::RangeInclusive<u32>| {
        u32::try_from(v).ok().filter(|v| range.contains(v))
    };
    let threshold = match b.user_lock_threshold {
        None => None,
        Some(v) => Some(in_range(v, &facts::LOCK_THRESHOLD_RANGE).ok_or_else(|| {
            ws.err(
                facts::BAD_REQUEST,
                "user_lock_threshold must be between 1 and 100.",
            )
        })?),
    };
    let ttl = match b.user_lock_ttl {
        None => None,
        Some(v) => Some(in_range(v, &facts::LOCK_TTL_RANGE_SECONDS).ok_or_else(|| {
            ws.err(
                facts::BAD_REQUEST,
                "user_lock_ttl must be between 300 (5 minutes) and 604800 (7 days) seconds.",
            )
        })?),
    };
    emu.update_settings(|s| {
        if let Some(v) = b.user_lock_self_serve_enabled {
            s.lock.self_serve_enabled = v;
        }
        if let Some(v) = threshold {
            s.lock.threshold = v;
        }
        if let Some(v) = ttl {
            s.lock.ttl_seconds = v;
        }
        Ok::<(), crate::error::StytchError>(())
    })?;
    Ok(ws.answer(obj(json!({ "environment": environment_json(&emu) }))))
}
