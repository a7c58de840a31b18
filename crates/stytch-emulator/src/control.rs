//! The emulator's own control surface under `/emulator/` (not Stytch's): project credentials,
//! outbox, each member's authenticator app (`GET /emulator/totp/{member_id}`: the current code of
//! their TOTP registration), clock, fault injection, the request record and the flow's hidden
//! secrets (`GET /emulator/secrets`), the emulator's own settings ([`settings`]); and the inbox
//! page at `/`, which shows the current codes too. The project's Stytch settings (SDK
//! configuration, redirect URLs, locks) are set through the Management API (`crate::management`).
//!
//! # Faults
//!
//! `POST /emulator/faults {"path", "status"?, "error_type"?, "error_message"?, "delay_ms"?, "drop"?, "times"?}`
//! arms a fault for the next `times` (default 1) calls whose path is exactly `path` (e.g.
//! `/v1/b2b/otps/sms/send`; the SDK path is a different path). Each such call first waits
//! `delay_ms` (if given, at most 60 000), then:
//! - with a `status` (400..=599): answers it in Stytch's error shape, `error_type` defaulting by
//!   status (429 `too_many_requests`, 503 `server_unavailable`, 500 `internal_server_error`, …),
//!   and a 429 carries `Retry-After: 1`; the call does not reach the endpoint (no state changes);
//! - without a `status`: is answered normally, late;
//! - with `"drop": true` (instead of a `status`): the connection is cut without an answer, as a
//!   network that fails mid-call does; the call does not reach the endpoint.
//!
//! Arming a path again replaces its fault. `DELETE /emulator/faults` disarms all; `GET` lists
//! them with the calls each has left. Faulted calls are recorded in `/emulator/requests`.
//!
//! # JSON only
//!
//! A POST under `/emulator/` must declare `Content-Type: application/json` (parameters such as
//! `; charset=utf-8` allowed), or it answers 415 `unsupported_media_type` and changes nothing:
//! a web page on another site can send a cross-site form or `text/plain` POST without asking,
//! but not a JSON one.

mod settings;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::error::StytchError;
use crate::extract::StytchJson;
use crate::facts;
use crate::ids;
pub use crate::model::Message as OutboxMessage;
use crate::totp;
use crate::wording;
use crate::Emulator;

pub fn routes() -> Router<Emulator> {
    Router::new()
        .route("/", get(inbox_page))
        .route("/emulator/project", get(project))
        .route("/emulator/outbox", get(outbox))
        .route("/emulator/totp/{member_id}", get(totp_of_member))
        .route("/emulator/clock", get(clock_get).post(clock_advance))
        .route(
            "/emulator/faults",
            get(faults_list).post(faults_add).delete(faults_clear),
        )
        .route(
            "/emulator/requests",
            get(requests_list).delete(requests_clear),
        )
        .route("/emulator/secrets", get(secrets))
        .route(
            "/emulator/settings",
            get(settings::get_settings).post(settings::set_settings),
        )
}

// --- secrets ---------------------------------------------------------------------------------

/// `GET /emulator/secrets`: the secrets of the sign-in flow that a test cannot otherwise see —
/// every intermediate session token issued and every PKCE code verifier received — so that a
/// test can prove none of them reached a log or the webview.
async fn secrets(State(emu): State<Emulator>) -> Json<Value> {
    let w = emu.world();
    Json(json!({
        "intermediate_session_tokens": w.ists.keys().collect::<Vec<_>>(),
        "pkce_code_verifiers": w.pkce_verifiers_received,
    }))
}

/// Refuses a POST under `/emulator/` that is not declared JSON (see the module documentation).
pub async fn require_json(State(emu): State<Emulator>, request: Request, next: Next) -> Response {
    let control_post =
        request.method() == Method::POST && request.uri().path().starts_with("/emulator/");
    let json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"));
    if control_post && !json {
        return StytchError::new(
            facts::UNSUPPORTED_MEDIA_TYPE,
            "Control-surface POSTs need Content-Type: application/json.",
        )
        .live(emu.project().live())
        .into_response();
    }
    next.run(request).await
}

// --- project ---------------------------------------------------------------------------------

async fn project(State(emu): State<Emulator>) -> Json<Value> {
    let p = emu.project();
    let w = emu.world();
    let organizations: Vec<Value> = w
        .orgs
        .iter()
        .filter(|o| !o.hidden)
        .map(|o| {
            let mut members: Vec<_> = w
                .members
                .values()
                .filter(|m| m.organization_id == o.organization_id)
                .collect();
            members.sort_by(|a, b| {
                (a.created_at, &a.email_address).cmp(&(b.created_at, &b.email_address))
            });
            json!({
                "organization_id": o.organization_id,
                "organization_slug": o.organization_slug,
                "organization_name": o.organization_name,
                "members": members.iter().map(|m| json!({
                    "member_id": m.member_id,
                    "email_address": m.email_address,
                    "mfa_phone_number": m.mfa_phone_number,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let settings = emu.settings();
    let redirect_urls: Vec<&str> = settings
        .redirect_urls
        .all()
        .iter()
        .map(|r| r.url.as_str())
        .collect();
    Json(json!({
        "project_id": p.project_id,
        "secret": p.secret,
        "public_token": p.public_token,
        "redirect_urls": redirect_urls,
        "project_slug": p.project_slug,
        "environment_slug": p.environment_slug,
        "workspace_key_id": p.workspace_key_id,
        "workspace_key_secret": p.workspace_key_secret,
        "organizations": organizations,
    }))
}

// --- outbox and inbox page -------------------------------------------------------------------

#[derive(Deserialize)]
struct ToFilter {
    to: Option<String>,
}

/// An address or number for comparison. A `+` in an unencoded query string (`?to=+1415…`)
/// arrives as a space, so leading spaces and `+` are ignored.
fn recipient(to: &str) -> String {
    to.trim_start_matches([' ', '+'])
        .trim()
        .to_ascii_lowercase()
}

pub fn outbox_messages(emu: &Emulator, to: Option<&str>) -> Vec<OutboxMessage> {
    let to = to.map(recipient);
    emu.world()
        .outbox
        .iter()
        .filter(|m| to.as_ref().is_none_or(|to| recipient(&m.to) == *to))
        .cloned()
        .collect()
}

async fn outbox(
    State(emu): State<Emulator>,
    filter: Result<Query<ToFilter>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, StytchError> {
    let Query(filter) = filter
        .map_err(|e| StytchError::new(facts::BAD_REQUEST, format!("Invalid query string: {e}")))?;
    let to = filter.to.filter(|t| !t.is_empty());
    Ok(Json(
        json!({ "messages": outbox_messages(&emu, to.as_deref()) }),
    ))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The language a message's words are in: its locale when the emulator has words for it.
fn written_in(m: &OutboxMessage) -> &str {
    match m.locale.as_deref() {
        Some(l) if m.channel != "sms" || wording::sms_has(l) => l,
        _ => facts::DEFAULT_LOCALE,
    }
}

/// What the inbox says of a message's language: the locale the request asked for, or that it
/// asked for none (Stytch then writes English).
fn language_of(m: &OutboxMessage) -> String {
    match m.locale.as_deref() {
        None => "no locale: English".to_owned(),
        Some(l) if written_in(m) == l => format!("locale {l}"),
        Some(l) => format!("locale {l} (the emulator has no {l} words: English)"),
    }
}

/// A person's inbox: the current code of each authenticator app, then emails with their link and
/// SMS with their code, newest first; refreshes itself.
async fn inbox_page(
    State(emu): State<Emulator>,
    filter: Result<Query<ToFilter>, axum::extract::rejection::QueryRejection>,
) -> Html<String> {
    let to = filter
        .ok()
        .and_then(|Query(f)| f.to)
        .filter(|t| !t.is_empty());
    let messages = outbox_messages(&emu, to.as_deref());
    let mut items = String::new();
    for m in messages.iter().rev() {
        let content = match (&m.link, &m.code) {
            (Some(link), _) => format!("<p><a href=\"{0}\">{0}</a></p>", escape(link)),
            (None, Some(code)) => format!("<p class=\"code\">{}</p>", escape(code)),
            _ => String::new(),
        };
        items.push_str(&format!(
            "<li class=\"{channel}\" lang=\"{lang}\"><div class=\"meta\">{channel} to <b>{to}</b> \
             at {at} · <span class=\"locale\">{language}</span></div>\
             <div class=\"subject\">{subject}</div>{content}<pre>{body}</pre></li>\n",
            channel = m.channel,
            lang = escape(written_in(m)),
            language = escape(&language_of(m)),
            to = escape(&m.to),
            at = ids::timestamp(m.sent_at),
            subject = escape(&m.subject),
            body = escape(&m.body),
        ));
    }
    if items.is_empty() {
        items.push_str("<li class=\"empty\">Nothing sent yet.</li>");
    }
    let mut apps = String::new();
    for s in totp_states(&emu) {
        let email = s["email_address"].as_str().unwrap_or("");
        if to
            .as_deref()
            .is_some_and(|t| recipient(t) != recipient(email))
        {
            continue;
        }
        apps.push_str(&format!(
            "<li class=\"totp\"><div class=\"meta\">authenticator app of <b>{email}</b> \
             ({state}, {left} s left)</div><p class=\"code\">{code}</p></li>\n",
            email = escape(email),
            state = if s["verified"] == true {
                "active"
            } else {
                "pending"
            },
            left = s["seconds_left"],
            code = escape(s["code"].as_str().unwrap_or("")),
        ));
    }
    let title = match &to {
        Some(to) => format!("Inbox of {}", escape(to)),
        None => "Inbox".to_string(),
    };
    Html(format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"refresh\" content=\"2\"><title>{title} — stytch-emulator</title>\
         <style>body{{font-family:sans-serif;max-width:50em;margin:2em auto}}\
         li{{list-style:none;border:1px solid #ccc;border-radius:6px;margin:1em 0;padding:.8em}}\
         .meta{{color:#666;font-size:.85em}}.subject{{font-weight:bold}}\
         .code{{font-size:2em;letter-spacing:.2em;font-family:monospace}}\
         pre{{white-space:pre-wrap}}</style></head>\
         <body><h1>{title}</h1><p>Emails and SMS sent by the Stytch emulator for project {project}.</p>\
         <ul>{apps}{items}</ul></body></html>\n",
        project = escape(&emu.project().project_id),
    ))
}

// --- authenticator apps ----------------------------------------------------------------------

/// What a member's authenticator app would show now, and what it was set up with.
fn totp_state(emu: &Emulator, member_id: &str) -> Option<Value> {
    let now = emu.now();
    let unix = u64::try_from(now.unix_timestamp()).unwrap_or(0);
    let w = emu.world();
    let r = w.totps.get(member_id)?;
    let email = w.members.get(member_id).map(|m| m.email_address.clone());
    Some(json!({
        "member_id": member_id,
        "email_address": email.unwrap_or_default(),
        "totp_registration_id": r.registration_id,
        "secret": totp::base32(&r.secret),
        "code": totp::code_at(&r.secret, unix),
        "seconds_left": facts::TOTP_STEP_SECONDS - unix % facts::TOTP_STEP_SECONDS,
        "verified": r.verified,
        "recovery_codes": r.unused_recovery_codes(),
    }))
}

/// `GET /emulator/totp/{member_id}`: the member's registration (pending or active) with its code
/// at the emulator's clock; 404 when the member has none.
async fn totp_of_member(
    State(emu): State<Emulator>,
    Path(member_id): Path<String>,
) -> Result<Json<Value>, StytchError> {
    totp_state(&emu, &member_id).map(Json).ok_or_else(|| {
        StytchError::new(
            facts::TOTP_NOT_FOUND,
            "This member has no TOTP registration.",
        )
    })
}

/// Every registration's state, by member email.
fn totp_states(emu: &Emulator) -> Vec<Value> {
    let members: Vec<String> = emu.world().totps.keys().cloned().collect();
    let mut states: Vec<Value> = members.iter().filter_map(|m| totp_state(emu, m)).collect();
    states.sort_by(|a, b| {
        a["email_address"]
            .as_str()
            .cmp(&b["email_address"].as_str())
    });
    states
}

// --- clock -----------------------------------------------------------------------------------

#[derive(Deserialize)]
struct Advance {
    advance_seconds: u64,
}

fn clock_json(emu: &Emulator) -> Json<Value> {
    Json(json!({
        "now": ids::timestamp(emu.now()),
        "offset_seconds": emu.clock().offset_seconds(),
    }))
}

async fn clock_get(State(emu): State<Emulator>) -> Json<Value> {
    clock_json(&emu)
}

/// Moves the clock forward by `advance_seconds` (never backward).
async fn clock_advance(
    State(emu): State<Emulator>,
    StytchJson(b): StytchJson<Advance>,
) -> Result<Json<Value>, StytchError> {
    if b.advance_seconds > 100 * 365 * 24 * 3600 {
        return Err(StytchError::new(
            facts::BAD_REQUEST,
            "advance_seconds must be at most 100 years.",
        ));
    }
    emu.advance_clock(b.advance_seconds);
    Ok(clock_json(&emu))
}

// --- faults ----------------------------------------------------------------------------------

/// A fault armed with POST /emulator/faults (see the module documentation).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fault {
    pub path: String,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub error_type: Option<String>,
    #[serde(default)]
    pub error_message: Option<String>,
    #[serde(default)]
    pub delay_ms: Option<u64>,
    /// Cut the connection instead of answering.
    #[serde(default)]
    pub drop: bool,
    /// Calls left to affect (default 1).
    #[serde(default)]
    pub times: Option<u32>,
}

#[derive(Default)]
pub struct Faults {
    armed: Mutex<Vec<Fault>>,
    count: AtomicUsize,
}

impl Faults {
    /// The fault for one call to `path`, if armed; uses up one of its `times`.
    pub fn take(&self, path: &str) -> Option<Fault> {
        if self.count.load(Ordering::Acquire) == 0 {
            return None;
        }
        let mut armed = self.armed.lock();
        let index = armed.iter().position(|f| f.path == path)?;
        let fault = armed[index].clone();
        let left = armed[index].times.unwrap_or(1).saturating_sub(1);
        if left == 0 {
            armed.remove(index);
        } else {
            armed[index].times = Some(left);
        }
        self.count.store(armed.len(), Ordering::Release);
        Some(fault)
    }

    fn arm(&self, fault: Fault) {
        let mut armed = self.armed.lock();
        armed.retain(|f| f.path != fault.path);
        armed.push(fault);
        self.count.store(armed.len(), Ordering::Release);
    }

    fn clear(&self) {
        let mut armed = self.armed.lock();
        armed.clear();
        self.count.store(0, Ordering::Release);
    }

    fn list(&self) -> Vec<Fault> {
        self.armed.lock().clone()
    }
}

impl Fault {
    pub async fn apply(self, emu: &Emulator, request: Request, next: Next) -> Response {
        if let Some(ms) = self.delay_ms {
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
        }
        if self.drop {
            return dropped_connection();
        }
        match self.status {
            Some(status) => {
                let error_type = self
                    .error_type
                    .unwrap_or_else(|| facts::kind_for_status(status).to_string());
                let message = self
                    .error_message
                    .unwrap_or_else(|| format!("Injected fault: {error_type}."));
                StytchError::raw(status, &error_type, message)
                    .live(emu.project().live())
                    .into_response()
            }
            None => next.run(request).await,
        }
    }
}

/// A response whose body fails at once: hyper then closes the connection without a complete
/// answer, which the client sees as a connection cut mid-call.
fn dropped_connection() -> Response {
    let failing = futures_util::stream::once(async {
        Err::<axum::body::Bytes, _>(std::io::Error::other("fault: connection dropped"))
    });
    axum::body::Body::from_stream(failing).into_response()
}

async fn faults_list(State(emu): State<Emulator>) -> Json<Value> {
    Json(json!({ "faults": emu.faults().list() }))
}

async fn faults_add(
    State(emu): State<Emulator>,
    StytchJson(mut fault): StytchJson<Fault>,
) -> Result<Json<Value>, StytchError> {
    let bad = |m: &str| StytchError::new(facts::BAD_REQUEST, m);
    if let Some((path, _)) = fault.path.split_once('?') {
        fault.path = path.to_string();
    }
    if !fault.path.starts_with('/') {
        return Err(bad("path must start with /"));
    }
    if fault.status.is_none() && fault.delay_ms.is_none() && !fault.drop {
        return Err(bad("give a status, a delay_ms, or drop"));
    }
    if fault.drop && fault.status.is_some() {
        return Err(bad("a dropped connection has no status"));
    }
    if fault.status.is_some_and(|s| !(400..=599).contains(&s)) {
        return Err(bad("status must be between 400 and 599"));
    }
    if fault.delay_ms.is_some_and(|d| d > 60_000) {
        return Err(bad("delay_ms must be at most 60000"));
    }
    if fault.times == Some(0) {
        return Err(bad("times must be at least 1"));
    }
    fault.times = Some(fault.times.unwrap_or(1));
    emu.faults().arm(fault);
    Ok(Json(json!({ "faults": emu.faults().list() })))
}

async fn faults_clear(State(emu): State<Emulator>) -> Json<Value> {
    emu.faults().clear();
    Json(json!({ "faults": [] }))
}

// --- the request record ----------------------------------------------------------------------

/// Calls received (except /emulator/*), oldest first; the oldest are dropped beyond this many.
pub const REQUEST_LOG_CAPACITY: usize = 100_000;

struct Recorded {
    method: String,
    path: String,
    status: u16,
    at: OffsetDateTime,
}

#[derive(Default)]
pub struct RequestLog {
    entries: Mutex<VecDeque<Recorded>>,
}

impl RequestLog {
    pub fn record(&self, method: &str, path: &str, status: u16, at: OffsetDateTime) {
        let mut entries = self.entries.lock();
        if entries.len() >= REQUEST_LOG_CAPACITY {
            entries.pop_front();
        }
        entries.push_back(Recorded {
            method: method.to_string(),
            path: path.to_string(),
            status,
            at,
        });
    }
}

async fn requests_list(State(emu): State<Emulator>) -> Response {
    let entries = emu.requests().entries.lock();
    let list: Vec<Value> = entries
        .iter()
        .map(|r| {
            json!({
                "method": r.method,
                "path": r.path,
                "status": r.status,
                "at": ids::timestamp(r.at),
            })
        })
        .collect();
    drop(entries);
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({ "requests": list })),
    )
        .into_response()
}

async fn requests_clear(State(emu): State<Emulator>) -> Json<Value> {
    emu.requests().entries.lock().clear();
    Json(json!({ "requests": [] }))
}
