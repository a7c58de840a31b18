//! `…/redirect_urls`: create (POST), read one (`GET ?url=`), read all (`GET …/all`), replace a
//! URL's types (`PUT ?url=`) and delete (`DELETE ?url=&do_not_promote_defaults=`), each answering
//! `{request_id, redirect_url | redirect_urls, status_code}` (delete: no URL).

use axum::extract::{RawQuery, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use super::{obj, Workspace};
use crate::error::{ApiResult, StytchError};
use crate::extract::StytchJson;
use crate::facts;
use crate::redirect_urls::{RedirectUrl, Refusal, UrlType};
use crate::Emulator;

/// The query's `url` (required) and `do_not_promote_defaults` (`true`/`false`).
struct Target {
    url: String,
    promote: bool,
}

fn target(ws: &Workspace, query: Option<String>) -> ApiResult<Target> {
    let mut url = None;
    let mut promote = true;
    for (k, v) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "url" => url = Some(v.into_owned()),
            "do_not_promote_defaults" => promote = v != "true",
            _ => {}
        }
    }
    let url = url
        .filter(|u| !u.is_empty())
        .ok_or_else(|| ws.err(facts::BAD_REQUEST, "The url query parameter is required."))?;
    Ok(Target { url, promote })
}

fn refused(ws: &Workspace, refusal: Refusal) -> StytchError {
    match refusal {
        Refusal::NotFound => ws.err(
            facts::REDIRECT_URL_NOT_FOUND,
            "No redirect URL of this environment matches url.",
        ),
        Refusal::Duplicate => ws.err(
            facts::DUPLICATE_REDIRECT_URL,
            "This redirect URL already exists: update it instead.",
        ),
        Refusal::Invalid(why) => ws.err(facts::BAD_REQUEST, why),
    }
}

fn one(ws: &Workspace, r: &RedirectUrl) -> Response {
    ws.answer(obj(json!({ "redirect_url": r })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Create {
    url: String,
    #[serde(default)]
    valid_types: Vec<UrlType>,
    #[serde(default)]
    do_not_promote_defaults: Option<bool>,
}

pub(super) async fn create(
    State(emu): State<Emulator>,
    ws: Workspace,
    StytchJson(b): StytchJson<Create>,
) -> ApiResult<Response> {
    let promote = b.do_not_promote_defaults != Some(true);
    let new = RedirectUrl {
        url: b.url,
        valid_types: b.valid_types,
    };
    let created = emu
        .update_settings(|s| s.redirect_urls.create(new, promote))
        .map_err(|r| refused(&ws, r))?;
    Ok(one(&ws, &created))
}

pub(super) async fn get_one(
    State(emu): State<Emulator>,
    ws: Workspace,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let t = target(&ws, query)?;
    let settings = emu.settings();
    let found = settings.redirect_urls.get(&t.url);
    Ok(one(
        &ws,
        found.ok_or_else(|| refused(&ws, Refusal::NotFound))?,
    ))
}

pub(super) async fn get_all(State(emu): State<Emulator>, ws: Workspace) -> Response {
    let settings = emu.settings();
    ws.answer(obj(
        json!({ "redirect_urls": settings.redirect_urls.all() }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Update {
    #[serde(default)]
    valid_types: Vec<UrlType>,
    #[serde(default)]
    do_not_promote_defaults: Option<bool>,
}

pub(super) async fn update(
    State(emu): State<Emulator>,
    ws: Workspace,
    RawQuery(query): RawQuery,
    StytchJson(b): StytchJson<Update>,
) -> ApiResult<Response> {
    let t = target(&ws, query)?;
    let promote = b.do_not_promote_defaults != Some(true);
    let updated = emu
        .update_settings(|s| s.redirect_urls.update(&t.url, b.valid_types, promote))
        .map_err(|r| refused(&ws, r))?;
    Ok(one(&ws, &updated))
}

pub(super) async fn remove(
    State(emu): State<Emulator>,
    ws: Workspace,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let t = target(&ws, query)?;
    emu.update_settings(|s| s.redirect_urls.delete(&t.url, t.promote))
        .map_err(|r| refused(&ws, r))?;
    Ok(ws.answer(serde_json::Map::new()))
}
