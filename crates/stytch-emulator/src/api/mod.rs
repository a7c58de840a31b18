//! The Stytch B2B endpoints, in both API families, one module a resource: [`organizations`],
//! a member's own factors ([`members`]), email [`magic_links`], SMS [`otps`], [`totp`], [`recovery_codes`] and [`sessions`]. Handlers
//! check input (the checks every handler repeats are in [`checks`], the second factors' shared
//! rules in [`mfa`]; credentials are [`Ctx`]'s), apply Stytch's rules to the
//! [`World`](crate::world::World), and answer in Stytch's shape (bare on the backend API,
//! `{"data": …}` on the SDK API) with the helpers below.

mod checks;
mod magic_links;
mod members;
mod mfa;
mod organizations;
mod otps;
mod recovery_codes;
mod sessions;
mod totp;

use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put, MethodRouter};
use axum::Router;
use serde_json::{json, Map, Value};
use time::OffsetDateTime;

use crate::error::StytchError;
use crate::extract::{Ctx, Family};
use crate::facts;
use crate::ids;
use crate::model::{Member, Organization};
use crate::Emulator;

/// The handler serving one [`facts::ROUTES`] entry; `None` for an entry nobody implemented.
fn handler(method: &str, path: &str) -> Option<MethodRouter<Emulator>> {
    let api = path
        .strip_prefix("/sdk/v1/b2b")
        .or_else(|| path.strip_prefix("/v1/b2b"))?;
    let sdk = path.starts_with("/sdk/");
    Some(match (method, api, sdk) {
        ("GET", "/organizations/{organization_id}", false) => get(organizations::get_one),
        ("PUT", "/organizations/{organization_id}", false) => put(organizations::update),
        ("POST", "/organizations/{organization_id}", false) => post(organizations::update),
        ("POST", "/organizations/search", true) => post(organizations::search),
        ("GET", "/organizations/me", true) => get(organizations::me),
        ("POST", "/magic_links/email/login_or_signup", _) => post(magic_links::login_or_signup),
        ("POST", "/magic_links/authenticate", _) => post(magic_links::authenticate),
        ("POST", "/otps/sms/send", _) => post(otps::sms_send),
        ("POST", "/otps/sms/authenticate", _) => post(otps::sms_authenticate),
        ("POST", "/totp", _) => post(totp::create),
        ("POST", "/totp/authenticate", _) => post(totp::authenticate),
        ("POST", "/recovery_codes/recover", _) => post(recovery_codes::recover),
        ("GET", "/recovery_codes/{organization_id}/{member_id}", false) => {
            get(recovery_codes::get_by_id)
        }
        ("GET", "/recovery_codes", true) => get(recovery_codes::get_of_session),
        ("POST", "/recovery_codes/rotate", _) => post(recovery_codes::rotate),
        ("DELETE", "/organizations/{organization_id}/members/{member_id}/totp", false) => {
            delete(members::delete_totp_by_id)
        }
        ("DELETE", "/organizations/members/deleteTOTP", true) => {
            delete(members::delete_totp_of_session)
        }
        ("POST", "/sessions/authenticate", _) => post(sessions::authenticate),
        ("POST", "/sessions/revoke", _) => post(sessions::revoke),
        ("GET", "/sessions/jwks/{project_id}", false) => get(sessions::jwks),
        _ => return None,
    })
}

/// Every route of [`facts::ROUTES`] and nothing else (plus the magic-link redirect): the table is
/// what is served. An entry without a handler is a bug caught by every test that builds a router.
pub fn routes() -> Router<Emulator> {
    let mut router = Router::new().route(
        facts::MAGIC_LINK_REDIRECT_ROUTE.path,
        get(magic_links::redirect),
    );
    for r in facts::ROUTES {
        let h = handler(r.method, r.path)
            .unwrap_or_else(|| panic!("no handler for {} {} in facts::ROUTES", r.method, r.path));
        router = router.route(r.path, h);
    }
    router
}

pub async fn route_not_found(State(emu): State<Emulator>, uri: Uri) -> StytchError {
    StytchError::new(
        facts::ROUTE_NOT_FOUND,
        format!("No route matches {}.", uri.path()),
    )
    .live(emu.project().live())
}

pub async fn method_not_allowed(State(emu): State<Emulator>, method: Method, uri: Uri) -> Response {
    let mut response = StytchError::new(
        facts::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}.", uri.path()),
    )
    .live(emu.project().live())
    .into_response();
    *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
    response
}

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

fn respond_as(family: Family, live: bool, mut body: Map<String, Value>) -> Response {
    body.insert("request_id".into(), ids::request_id(live).into());
    body.insert("status_code".into(), 200.into());
    let body = match family {
        Family::Backend => Value::Object(body),
        Family::Sdk => json!({ "data": body }),
    };
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        serde_json::to_vec(&body).unwrap_or_default(),
    )
        .into_response()
}

/// A 200 in the caller's family.
fn respond(ctx: &Ctx, body: Map<String, Value>) -> Response {
    respond_as(ctx.family, ctx.live, body)
}

fn obj(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn member_json(m: &Member, now: OffsetDateTime) -> Value {
    serde_json::to_value(m.view(now)).unwrap_or_default()
}

fn org_json(o: &Organization) -> Value {
    serde_json::to_value(o).unwrap_or_default()
}
