//! `GET|POST /emulator/settings`: the emulator's own settings, those no Stytch API sets: which
//! answer the SDK API gives where Stytch's answer is not settled in public sources.
//! - `dead_session_answer`: an unknown, expired or revoked session (`session_not_found`, the
//!   default, or `unauthorized_credentials`; [`facts::DEAD_SESSION_ANSWERS`]);
//! - `unauthorized_app_answer`: an app identifier not authorized
//!   (`bad_app_bundle_for_stytch_sdk`, the default, or `invalid_mobile_identifier`;
//!   [`facts::UNAUTHORIZED_APP_ANSWERS`]);
//! - `captcha_answer`: a captcha demand as JSON (the default) or as text
//!   ([`facts::CAPTCHA_ANSWERS`]);
//! - `http_only_answer`: HttpOnly Enforced leaves tokens out (`omit_tokens`, the default) or
//!   refuses the call (`cname_required`; [`facts::HTTP_ONLY_ANSWERS`]).
//!
//! Everything else a project can be set to goes through the Management API (`/pwa/v3/…`).

use axum::extract::State;
use axum::Json;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::StytchError;
use crate::extract::StytchJson;
use crate::facts;
use crate::Emulator;

fn current(emu: &Emulator) -> Json<Value> {
    let s = emu.settings();
    Json(json!({
        "dead_session_answer": s.dead_session_answer,
        "unauthorized_app_answer": s.unauthorized_app_answer,
        "captcha_answer": s.captcha_answer,
        "http_only_answer": s.http_only_answer,
    }))
}

pub async fn get_settings(State(emu): State<Emulator>) -> Json<Value> {
    current(&emu)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsChange {
    dead_session_answer: Option<Value>,
    unauthorized_app_answer: Option<Value>,
    captcha_answer: Option<Value>,
    http_only_answer: Option<Value>,
}

/// One setting's value, or 400 `bad_request` naming the values allowed.
fn parse<T: DeserializeOwned>(
    value: Option<Value>,
    field: &str,
    allowed: &[&str],
) -> Result<Option<T>, StytchError> {
    value
        .map(|v| {
            serde_json::from_value(v).map_err(|_| {
                StytchError::new(
                    facts::BAD_REQUEST,
                    format!("{field} must be one of {}.", allowed.join(", ")),
                )
            })
        })
        .transpose()
}

/// Sets the settings given; an unknown value answers 400 `bad_request` and changes nothing.
pub async fn set_settings(
    State(emu): State<Emulator>,
    StytchJson(change): StytchJson<SettingsChange>,
) -> Result<Json<Value>, StytchError> {
    let dead = parse(
        change.dead_session_answer,
        "dead_session_answer",
        facts::DEAD_SESSION_ANSWERS,
    )?;
    let app = parse(
        change.unauthorized_app_answer,
        "unauthorized_app_answer",
        facts::UNAUTHORIZED_APP_ANSWERS,
    )?;
    let captcha = parse(
        change.captcha_answer,
        "captcha_answer",
        facts::CAPTCHA_ANSWERS,
    )?;
    let http_only = parse(
        change.http_only_answer,
        "http_only_answer",
        facts::HTTP_ONLY_ANSWERS,
    )?;
    emu.update_settings(|s| {
        if let Some(v) = dead {
            s.dead_session_answer = v;
        }
        if let Some(v) = app {
            s.unauthorized_app_answer = v;
        }
        if let Some(v) = captcha {
            s.captcha_answer = v;
        }
        if let Some(v) = http_only {
            s.http_only_answer = v;
        }
        Ok::<(), StytchError>(())
    })?;
    Ok(current(&emu))
}
