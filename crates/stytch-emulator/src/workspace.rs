//! The demo workspace (not Stytch's): the stand-in for a company's web app that Gatehouse shows
//! after sign-in, with the session JWT in the cookie `stytch_session_jwt`.
//!
//! It lives at `http://localhost:PORT/workspace/`, on the emulator's port but under another host
//! name than the API's `127.0.0.1`, so the two never share cookies: on any other host name its
//! paths answer 404 in HTML pointing at the right URL. Each page checks the cookie as a company
//! backend would (see [`verify`]); [`page`] renders the answer. Every answer carries a strict
//! Content-Security-Policy; the page's only script is `/workspace/probe.js`.

mod hostile;
mod page;
mod verify;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::host_check;
use crate::Emulator;

/// The workspace's Content-Security-Policy: scripts from its own origin only, nothing else loaded,
/// no forms, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The probe script the page loads (IPC attempt and the localStorage visit count).
const PROBE_JS: &str = include_str!("workspace/probe.js");

pub fn routes() -> Router<Emulator> {
    let demo = Router::new()
        .route("/workspace/", get(home))
        .route("/workspace/other", get(other))
        .route("/workspace/probe.js", get(probe_js))
        .route("/workspace/{*rest}", get(not_found))
        .route_layer(axum::middleware::from_fn(localhost_only))
        .layer(axum::middleware::from_fn(strict_headers));
    // The hostile test page has no CSP of its own (a hostile page would set none).
    let hostile = hostile::routes().route_layer(axum::middleware::from_fn(localhost_only));
    demo.merge(hostile)
}

async fn home(State(emu): State<Emulator>, headers: HeaderMap) -> Response {
    signed_in_page(&emu, &headers, page::Which::Home)
}

async fn other(State(emu): State<Emulator>, headers: HeaderMap) -> Response {
    signed_in_page(&emu, &headers, page::Which::Other)
}

/// 200 with the member's page when the cookie holds a valid session JWT, else 401 saying why.
fn signed_in_page(emu: &Emulator, headers: &HeaderMap, which: page::Which) -> Response {
    match verify::session_cookie(emu, headers) {
        Ok(member) => html(StatusCode::OK, page::signed_in(&member, which)),
        Err(reason) => html(StatusCode::UNAUTHORIZED, page::signed_out(&reason, which)),
    }
}

async fn probe_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        PROBE_JS,
    )
        .into_response()
}

async fn not_found() -> Response {
    html(StatusCode::NOT_FOUND, page::not_found())
}

/// Serves the workspace only when the request names the host `localhost`; otherwise 404 in HTML
/// naming `http://localhost:PORT/workspace/`.
async fn localhost_only(request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| request.uri().authority().map(|a| a.to_string()));
    let parsed = host.as_deref().and_then(host_check::parse);
    match parsed {
        Some((name, _)) if name == "localhost" => next.run(request).await,
        _ => {
            let port = parsed.and_then(|(_, port)| port);
            html(StatusCode::NOT_FOUND, page::wrong_host(port))
        }
    }
}

/// Adds the CSP and the other hardening headers to every workspace answer.
async fn strict_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        h.insert(name, HeaderValue::from_static(value));
    }
    response
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}
