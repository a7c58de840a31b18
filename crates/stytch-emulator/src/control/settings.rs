//! `GET|POST /emulator/settings`: the emulator's own settings, those no Stytch API sets. Today
//! one: `dead_session_answer`, what the SDK API answers for an unknown, expired or revoked
//! session (`session_not_found`, the default, or `unauthorized_credentials`; see
//! [`facts::DEAD_SESSION_ANSWERS`]). Everything else a project can be set to goes through the
//! Management API (`/pwa/v3/…`).

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::StytchError;
use crate::extract::StytchJson;
use crate::facts;
use crate::settings::DeadSessionAnswer;
use crate::Emulator;

fn current(emu: &Emulator) -> Json<Value> {
    Json(json!({ "dead_session_answer": emu.settings().dead_session_answer }))
}

pub async fn get_settings(State(emu): State<Emulator>) -> Json<Value> {
    current(&emu)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsChange {
    dead_session_answer: Option<Value>,
}

/// Sets the settings given; an unknown value answers 400 `bad_request` and changes nothing.
pub async fn set_settings(
    State(emu): State<Emulator>,
    StytchJson(change): StytchJson<SettingsChange>,
) -> Result<Json<Value>, StytchError> {
    if let Some(value) = change.dead_session_answer {
        let answer: DeadSessionAnswer = serde_json::from_value(value).map_err(|_| {
            StytchError::new(
                facts::BAD_REQUEST,
                format!(
                    "dead_session_answer must be one of {}.",
                    facts::DEAD_SESSION_ANSWERS.join(", ")
                ),
            )
        })?;
        emu.update_settings(|s| {
            s.dead_session_answer = answer;
            Ok::<(), StytchError>(())
        })?;
    }
    Ok(current(&emu))
}
