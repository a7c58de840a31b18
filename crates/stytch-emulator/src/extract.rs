//! Request extractors whose every rejection is a Stytch error body: the caller's API family and
//! credentials ([`Ctx`]), and a JSON body ([`StytchJson`]) limited to 1 MiB. On the SDK API a body
//! that does not match the request's schema answers the SDK's schema-error shape instead (see
//! [`facts::SCHEMA_ERROR_STATUS`]).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

use crate::error::StytchError;
use crate::facts;
use crate::settings::{DeadSessionAnswer, Settings};
use crate::Emulator;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `/v1/…`, Basic project_id:secret, bare bodies.
    Backend,
    /// `/sdk/v1/…`, Basic public_token:(public_token | session), `{"data": …}` bodies.
    Sdk,
}

/// Who is calling: the API family, checked credentials, and what a session needs to record.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub family: Family,
    pub live: bool,
    /// SDK only: the session token or JWT sent as the Basic password instead of the public token.
    pub header_session: Option<String>,
    pub host: String,
    pub user_agent: String,
    pub ip_address: String,
    /// The project's settings when the call arrived.
    pub settings: Arc<Settings>,
}

impl Ctx {
    pub fn sdk(&self) -> bool {
        self.family == Family::Sdk
    }

    /// A session token or JWT that names no live session: `session_not_found`, or on the SDK API
    /// the emulator's [`DeadSessionAnswer`] setting (see [`facts::DEAD_SESSION_ANSWERS`]).
    pub fn dead_session(&self, message: impl Into<String>) -> StytchError {
        let unauthorized = self.sdk()
            && self.settings.dead_session_answer == DeadSessionAnswer::UnauthorizedCredentials;
        if unauthorized {
            self.err(facts::UNAUTHORIZED_CREDENTIALS, message)
        } else {
            self.err(facts::SESSION_NOT_FOUND, message)
        }
    }

    pub fn err(&self, kind: facts::ErrorKind, message: impl Into<String>) -> StytchError {
        StytchError::new(kind, message).live(self.live)
    }

    /// A missing required field: a schema error on the SDK API, `bad_request` on the backend.
    pub fn required(&self, field: &str) -> StytchError {
        match self.family {
            Family::Sdk => StytchError::schema(vec![schema_required(field)]).live(self.live),
            Family::Backend => self.err(facts::BAD_REQUEST, format!("{field} is required.")),
        }
    }

    /// A value outside an enum: a schema error on the SDK API, `bad_request` on the backend.
    pub fn not_one_of(&self, field: &str, allowed: &[&str]) -> StytchError {
        match self.family {
            Family::Sdk => StytchError::schema(vec![json!({
                "keyword": "enum",
                "dataPath": format!(".{field}"),
                "schemaPath": format!("#/properties/{field}/enum"),
                "params": { "allowedValues": allowed },
                "message": "should be equal to one of the allowed values",
            })])
            .live(self.live),
            Family::Backend => self.err(
                facts::BAD_REQUEST,
                format!("{field} must be one of {}.", allowed.join(", ")),
            ),
        }
    }
}

// --- the SDK API's schema errors (ajv-style, as stytch-browser's NetworkClient.spec.ts shows) ---

pub fn schema_required(field: &str) -> Value {
    json!({
        "keyword": "required",
        "dataPath": "",
        "schemaPath": "#/required",
        "params": { "missingProperty": field },
        "message": format!("should have required property '{field}'"),
    })
}

fn schema_type(field: Option<&str>, json_type: &str) -> Value {
    let (data_path, schema_path) = match field {
        Some(f) => (format!(".{f}"), format!("#/properties/{f}/type")),
        None => (String::new(), "#/type".to_string()),
    };
    json!({
        "keyword": "type",
        "dataPath": data_path,
        "schemaPath": schema_path,
        "params": { "type": json_type },
        "message": format!("should be {json_type}"),
    })
}

/// The field serde names in "missing field `x`".
fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(field, _)| field)
}

/// The JSON type serde expected, from "invalid type: …, expected i64 at line 1 column 9".
fn expected_type(message: &str) -> &'static str {
    let expected = message
        .rsplit_once("expected ")
        .map(|(_, e)| e.split(" at line ").next().unwrap_or(e))
        .unwrap_or("");
    match expected {
        "a string" => "string",
        "a boolean" => "boolean",
        "a sequence" => "array",
        e if e.starts_with('i') || e.starts_with('u') || e.starts_with('f') => "number",
        _ => "object",
    }
}

/// Which field of a JSON object made `T` fail, as ajv would report it.
fn schema_errors<T: DeserializeOwned>(value: Value, message: &str) -> Vec<Value> {
    let Value::Object(object) = value else {
        return vec![schema_type(None, "object")];
    };
    if let Some(field) = missing_field(message) {
        return vec![schema_required(field)];
    }
    for key in object.keys() {
        let mut without: Map<String, Value> = object.clone();
        without.remove(key);
        let culprit = match serde_json::from_value::<T>(Value::Object(without)) {
            Ok(_) => true,
            Err(e) => missing_field(&e.to_string()) == Some(key.as_str()),
        };
        if culprit {
            return vec![schema_type(Some(key), expected_type(message))];
        }
    }
    vec![json!({
        "keyword": "type",
        "dataPath": "",
        "schemaPath": "#",
        "params": {},
        "message": message,
    })]
}

pub fn family_of(path: &str) -> Family {
    if path.starts_with("/sdk/") {
        Family::Sdk
    } else {
        Family::Backend
    }
}

pub(crate) fn basic_credentials(parts: &Parts) -> Option<(String, String)> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (user, pass) = decoded.split_once(':')?;
    Some((user.to_string(), pass.to_string()))
}

/// Where links in emails should point: the host the caller used to reach us.
pub fn host_of(parts: &Parts) -> String {
    parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty())
        .unwrap_or("127.0.0.1")
        .to_string()
}

impl FromRequestParts<Emulator> for Ctx {
    type Rejection = StytchError;

    async fn from_request_parts(
        parts: &mut Parts,
        emu: &Emulator,
    ) -> Result<Self, Self::Rejection> {
        let project = emu.project();
        let settings = emu.settings();
        let live = project.live();
        let family = family_of(parts.uri.path());
        let unauthorized = || {
            StytchError::new(
                facts::UNAUTHORIZED_CREDENTIALS,
                "Unauthorized credentials: check the project_id and secret (or public token).",
            )
            .live(live)
        };
        let (user, pass) = basic_credentials(parts).ok_or_else(unauthorized)?;
        let header_session = match family {
            Family::Backend => {
                if user != project.project_id || pass != project.secret {
                    return Err(unauthorized());
                }
                None
            }
            Family::Sdk => {
                if user != project.public_token {
                    return Err(unauthorized());
                }
                if !settings.sdk.basic.enabled {
                    return Err(StytchError::new(
                        facts::ENDPOINT_NOT_AUTHORIZED_FOR_SDK,
                        facts::ENDPOINT_NOT_AUTHORIZED_MESSAGE,
                    )
                    .live(live));
                }
                (pass != project.public_token && !pass.is_empty()).then_some(pass)
            }
        };
        // X-SDK-Client (base64 JSON describing the SDK, app, OS and device) is accepted and not
        // checked: Stytch's checks on it (bundle ids, domains) are not documented for desktop apps.
        let ip_address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_default();
        Ok(Ctx {
            family,
            live,
            header_session,
            host: host_of(parts),
            user_agent: parts
                .headers
                .get(header::USER_AGENT)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("")
                .to_string(),
            ip_address,
            settings,
        })
    }
}

/// A JSON body. An empty body reads as `{}` (official clients send none on some calls);
/// malformed JSON answers 400 `bad_request`; missing fields and wrong types answer `bad_request`
/// on the backend API and a schema error on the SDK API; more than 1 MiB 413.
pub struct StytchJson<T>(pub T);

pub async fn read_body(req: Request, live: bool) -> Result<Bytes, StytchError> {
    let too_large = || {
        StytchError::new(
            facts::REQUEST_TOO_LARGE,
            format!(
                "Request body is larger than the maximum of {} bytes.",
                facts::MAX_BODY_BYTES
            ),
        )
        .live(live)
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > facts::MAX_BODY_BYTES as u64) {
        return Err(too_large());
    }
    match axum::body::to_bytes(req.into_body(), facts::MAX_BODY_BYTES).await {
        Ok(bytes) => Ok(bytes),
        Err(err) => {
            let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&err);
            while let Some(e) = source {
                if e.is::<http_body_util::LengthLimitError>() {
                    return Err(too_large());
                }
                source = e.source();
            }
            Err(StytchError::new(facts::BAD_REQUEST, "Could not read the request body.").live(live))
        }
    }
}

pub fn parse_json<T: DeserializeOwned>(
    bytes: &[u8],
    live: bool,
    family: Family,
) -> Result<T, StytchError> {
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        bytes
    };
    serde_json::from_slice(bytes).map_err(|e| {
        let data = e.classify() == serde_json::error::Category::Data;
        if data && family == Family::Sdk {
            if let Ok(value) = serde_json::from_slice::<Value>(bytes) {
                return StytchError::schema(schema_errors::<T>(value, &e.to_string())).live(live);
            }
        }
        let message = if data {
            format!("Invalid request body: {e}")
        } else {
            format!("Request body is not valid JSON: {e}")
        };
        StytchError::new(facts::BAD_REQUEST, message).live(live)
    })
}

impl<T: DeserializeOwned> FromRequest<Emulator> for StytchJson<T> {
    type Rejection = StytchError;

    async fn from_request(req: Request, emu: &Emulator) -> Result<Self, Self::Rejection> {
        let live = emu.project().live();
        let family = family_of(req.uri().path());
        let bytes = read_body(req, live).await?;
        parse_json(&bytes, live, family).map(StytchJson)
    }
}
