//! The project's B2B SDK configuration, applied to every client-SDK API call (`/sdk/v1/b2b/…`)
//! before its handler, in this order: the public token, `basic.enabled`, the caller's identity
//! (`Origin` against `basic.domains`, else `X-SDK-Client` against `basic.bundle_ids`), the
//! route's product switch, and a captcha when fingerprinting demands one; after the handler,
//! HttpOnly enforcement blanks the tokens of a success body. Each rule's source is in
//! [`facts`] (`facts/sdk_config.rs`). The rules that need the parsed request (the session cap,
//! PKCE, redirect URLs) are the handlers'. The backend API never passes here.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::Value;

use crate::error::StytchError;
use crate::extract::{read_body, sdk_credentials};
use crate::facts::{self, ErrorKind, Product};
use crate::sdk_config::{B2BConfig, HttpOnly};
use crate::settings::{CaptchaAnswer, HttpOnlyAnswer, UnauthorizedAppAnswer};
use crate::Emulator;

/// The middleware (a route layer of the API's routes: unknown paths are not checked here).
pub async fn gate(State(emu): State<Emulator>, request: Request, next: Next) -> Response {
    let Some(route) = request.uri().path().strip_prefix("/sdk/v1/b2b") else {
        return next.run(request).await;
    };
    let route = route.to_string();
    let live = emu.project().live();
    let settings = emu.settings();
    let config = &settings.sdk;
    let refuse =
        |kind: ErrorKind, message: &str| StytchError::new(kind, message).live(live).into_response();
    let (parts, body) = request.into_parts();
    if let Err(e) = sdk_credentials(&parts, emu.project()) {
        return e.into_response();
    }
    if !config.basic.enabled {
        return refuse(
            facts::ENDPOINT_NOT_AUTHORIZED_FOR_SDK,
            facts::ENDPOINT_NOT_AUTHORIZED_MESSAGE,
        );
    }
    if let Err((kind, message)) = identify(config, settings.unauthorized_app_answer, &parts.headers)
    {
        return refuse(kind, &message);
    }
    if !product_enabled(config, facts::product_of(&route)) {
        return refuse(
            facts::ENDPOINT_NOT_AUTHORIZED_FOR_SDK,
            facts::ENDPOINT_NOT_AUTHORIZED_MESSAGE,
        );
    }
    let enforced = config.cookies.http_only == HttpOnly::Enforced;
    if enforced && settings.http_only_answer == HttpOnlyAnswer::CnameRequired {
        return refuse(
            facts::CNAME_REQUIRED_FOR_HTTP_ONLY_COOKIES,
            facts::CNAME_REQUIRED_MESSAGE,
        );
    }
    let mut request = Request::from_parts(parts, body);
    if config.demands_captcha() && facts::DFP_PROTECTED_ROUTES.contains(&route.as_str()) {
        let (parts, body) = request.into_parts();
        let bytes = match read_body(Request::from_parts(parts.clone(), body), live).await {
            Ok(bytes) => bytes,
            Err(e) => return e.into_response(),
        };
        if !has_captcha_token(&bytes) {
            return match settings.captcha_answer {
                CaptchaAnswer::Json => {
                    refuse(facts::CAPTCHA_REQUIRED, facts::CAPTCHA_REQUIRED_MESSAGE)
                }
                CaptchaAnswer::Text => (
                    StatusCode::FORBIDDEN,
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    format!(
                        "<html><body>{}</body></html>",
                        facts::CAPTCHA_REQUIRED_MESSAGE
                    ),
                )
                    .into_response(),
            };
        }
        request = Request::from_parts(parts, Body::from(bytes));
    }
    let response = next.run(request).await;
    if enforced && response.status().is_success() {
        return redact_tokens(response, live).await;
    }
    response
}

/// Who is calling: a web page (its `Origin` must be an authorized domain) or an app (no `Origin`;
/// its `X-SDK-Client` must name an authorized bundle id). The kind and message of a refusal.
fn identify(
    config: &B2BConfig,
    answer: UnauthorizedAppAnswer,
    headers: &HeaderMap,
) -> Result<(), (ErrorKind, String)> {
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        return if config.allows_origin(origin) {
            Ok(())
        } else {
            Err((
                facts::BAD_DOMAIN_FOR_STYTCH_SDK,
                format!(
                    "The origin {origin:?} has not been authorized as a domain for the Stytch SDK. Please add it here: https://stytch.com/dashboard/sdk-configuration"
                ),
            ))
        };
    }
    let identifier = headers
        .get(facts::SDK_CLIENT_HEADER)
        .and_then(|h| app_identifier(h.as_bytes()));
    match identifier {
        None => Err((
            facts::INVALID_MOBILE_IDENTIFIER,
            "The request has no Origin and its X-SDK-Client header does not name the app (app.identifier): the app cannot be identified.".into(),
        )),
        Some(id) if config.allows_bundle(&id) => Ok(()),
        Some(_) => Err(match answer {
            UnauthorizedAppAnswer::BadAppBundleForStytchSdk => (
                facts::BAD_APP_BUNDLE_FOR_STYTCH_SDK,
                facts::BAD_APP_BUNDLE_MESSAGE.into(),
            ),
            UnauthorizedAppAnswer::InvalidMobileIdentifier => (
                facts::INVALID_MOBILE_IDENTIFIER,
                "The app's bundle identifier does not match an authorized application.".into(),
            ),
        }),
    }
}

/// `app.identifier` of an `X-SDK-Client` value (base64 JSON), when non-empty.
fn app_identifier(header: &[u8]) -> Option<String> {
    let json = STANDARD.decode(header.trim_ascii()).ok()?;
    let value: Value = serde_json::from_slice(&json).ok()?;
    let id = value.get("app")?.get("identifier")?.as_str()?.trim();
    (!id.is_empty()).then(|| id.to_string())
}

fn product_enabled(config: &B2BConfig, product: Product) -> bool {
    match product {
        Product::MagicLinks => config.magic_links.enabled,
        Product::SmsOtp => config.otps.sms_enabled,
        Product::Totps => config.totps.enabled,
        Product::CreateTotp => config.totps.enabled && config.totps.create_totps,
        Product::None => true,
    }
}

/// Whether a JSON body names a non-empty `captcha_token`.
fn has_captcha_token(body: &[u8]) -> bool {
    serde_json::from_slice::<Value>(body).is_ok_and(|v| {
        v.get("captcha_token")
            .and_then(Value::as_str)
            .is_some_and(|t| !t.is_empty())
    })
}

/// A success body with its tokens blanked (see [`facts::HTTP_ONLY_REDACTED_FIELDS`]).
async fn redact_tokens(response: Response, live: bool) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return StytchError::new(facts::INTERNAL_SERVER_ERROR, "Internal server error.")
                .live(live)
                .into_response()
        }
    };
    let Ok(mut value) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    if let Some(data) = value.get_mut("data").and_then(Value::as_object_mut) {
        for field in facts::HTTP_ONLY_REDACTED_FIELDS {
            if let Some(token) = data.get_mut(*field) {
                *token = Value::String(String::new());
            }
        }
    }
    let bytes = serde_json::to_vec(&value).unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_identifier_is_read_from_base64_json() {
        let header = STANDARD.encode(r#"{"app":{"identifier":"com.example.app"}}"#);
        assert_eq!(
            app_identifier(header.as_bytes()).as_deref(),
            Some("com.example.app")
        );
        let no_app = STANDARD.encode(r#"{"sdk":{"identifier":"x"}}"#);
        assert_eq!(app_identifier(no_app.as_bytes()), None);
        let empty = STANDARD.encode(r#"{"app":{"identifier":" "}}"#);
        assert_eq!(app_identifier(empty.as_bytes()), None);
        assert_eq!(app_identifier(b"not base64!"), None);
    }
}
