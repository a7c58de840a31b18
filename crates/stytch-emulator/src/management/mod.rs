//! Stytch's Management API for the emulated project's one environment, on the emulator's own
//! listener: the B2B SDK configuration ([`sdk`]), the redirect URLs ([`redirect_urls`]) and the
//! environment's member-lock settings ([`environments`]). HTTP Basic with the workspace key;
//! answers `{request_id, …, status_code}`; errors in Stytch's usual shape. The routes are
//! [`facts::MANAGEMENT_ROUTES`].

mod environments;
mod redirect_urls;
mod sdk;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, patch, post, put, MethodRouter};
use axum::{Json, Router};
use serde_json::{Map, Value};

use crate::error::StytchError;
use crate::extract::basic_credentials;
use crate::facts::{self, ErrorKind};
use crate::ids;
use crate::Emulator;

/// The handler serving one [`facts::MANAGEMENT_ROUTES`] entry.
fn handler(method: &str, path: &str) -> Option<MethodRouter<Emulator>> {
    let rest = path.strip_prefix(ENVIRONMENT_PATH)?;
    Some(match (method, rest) {
        ("GET", "/sdk/b2b") => get(sdk::get_config),
        ("PUT", "/sdk/b2b") => put(sdk::set_config),
        ("POST", "/redirect_urls") => post(redirect_urls::create),
        ("GET", "/redirect_urls") => get(redirect_urls::get_one),
        ("PUT", "/redirect_urls") => put(redirect_urls::update),
        ("DELETE", "/redirect_urls") => delete(redirect_urls::remove),
        ("GET", "/redirect_urls/all") => get(redirect_urls::get_all),
        ("GET", "") => get(environments::get_environment),
        ("PATCH", "") => patch(environments::update_environment),
        _ => return None,
    })
}

const ENVIRONMENT_PATH: &str = "/pwa/v3/projects/{project_slug}/environments/{environment_slug}";

/// Every route of [`facts::MANAGEMENT_ROUTES`], methods of one path merged.
pub fn routes() -> Router<Emulator> {
    let mut paths: Vec<(&str, MethodRouter<Emulator>)> = Vec::new();
    for r in facts::MANAGEMENT_ROUTES {
        let h = handler(r.method, r.path).unwrap_or_else(|| {
            panic!(
                "no handler for {} {} in facts::MANAGEMENT_ROUTES",
                r.method, r.path
            )
        });
        match paths.iter_mut().find(|(p, _)| *p == r.path) {
            Some((_, existing)) => *existing = std::mem::take(existing).merge(h),
            None => paths.push((r.path, h)),
        }
    }
    paths
        .into_iter()
        .fold(Router::new(), |router, (path, h)| router.route(path, h))
}

/// A Management API call past its checks: the workspace key matched, then the path's project and
/// environment slugs named the emulated ones.
pub struct Workspace {
    pub live: bool,
}

impl Workspace {
    pub fn err(&self, kind: ErrorKind, message: impl Into<String>) -> StytchError {
        StytchError::new(kind, message).live(self.live)
    }

    /// A 200 `{request_id, …body, status_code}`.
    pub fn answer(&self, mut body: Map<String, Value>) -> Response {
        body.insert("request_id".into(), ids::request_id(self.live).into());
        body.insert("status_code".into(), 200.into());
        Json(Value::Object(body)).into_response()
    }
}

impl FromRequestParts<Emulator> for Workspace {
    type Rejection = StytchError;

    async fn from_request_parts(
        parts: &mut Parts,
        emu: &Emulator,
    ) -> Result<Self, Self::Rejection> {
        let project = emu.project();
        let live = project.live();
        let keyed = basic_credentials(parts).is_some_and(|(id, secret)| {
            id == project.workspace_key_id && secret == project.workspace_key_secret
        });
        if !keyed {
            return Err(StytchError::new(
                facts::UNAUTHORIZED_CREDENTIALS,
                "Unauthorized credentials: check the workspace key id and secret.",
            )
            .live(live));
        }
        let mut segments = parts.uri.path().split('/').skip(4);
        let (project_slug, environment_slug) = (segments.next(), segments.nth(1));
        if project_slug != Some(project.project_slug.as_str()) {
            return Err(StytchError::new(
                facts::PROJECT_NOT_FOUND,
                "Project could not be found: check the project slug.",
            )
            .live(live));
        }
        if environment_slug != Some(project.environment_slug.as_str()) {
            return Err(StytchError::new(
                facts::ENVIRONMENT_NOT_FOUND,
                "Environment could not be found: check the environment slug.",
            )
            .live(live));
        }
        Ok(Workspace { live })
    }
}

fn obj(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
