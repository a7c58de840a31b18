//! `GET|PUT …/sdk/b2b`: the environment's B2B SDK configuration, `{request_id, config,
//! status_code}`. A PUT's `config` replaces each section it gives (see
//! [`facts::SDK_CONFIG_PUT_REPLACES_SECTIONS`]).

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use super::{obj, Workspace};
use crate::error::ApiResult;
use crate::extract::StytchJson;
use crate::facts;
use crate::sdk_config::{B2BConfig, B2BConfigPatch};
use crate::Emulator;

fn answer(ws: &Workspace, config: &B2BConfig) -> Response {
    ws.answer(obj(json!({ "config": config })))
}

pub(super) async fn get_config(State(emu): State<Emulator>, ws: Workspace) -> Response {
    answer(&ws, &emu.settings().sdk)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SetConfig {
    config: Option<B2BConfigPatch>,
}

pub(super) async fn set_config(
    State(emu): State<Emulator>,
    ws: Workspace,
    StytchJson(body): StytchJson<SetConfig>,
) -> ApiResult<Response> {
    let patch = body
        .config
        .ok_or_else(|| ws.err(facts::BAD_REQUEST, "config is required."))?;
    let config = emu.update_settings(|s| {
        let mut next = s.sdk.clone();
        next.apply(patch);
        if let Some(problem) = next.problem() {
            return Err(ws.err(facts::BAD_REQUEST, problem));
        }
        s.sdk = next.clone();
        Ok(next)
    })?;
    Ok(answer(&ws, &config))
}
