//! The checks every handler repeats, in one place. Credentials and the API family are checked by
//! the [`Ctx`] extractor and bodies parsed by [`StytchJson`](crate::extract::StytchJson); here are
//! the arguments that come after them: the session a call names ([`SessionArgs`]), the session
//! duration ([`session_minutes`]), enum-like fields ([`one_of`]), path parameters, and Stytch's
//! sandbox values.

use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use time::OffsetDateTime;

use crate::error::{ApiResult, StytchError};
use crate::extract::Ctx;
use crate::facts::{self, ErrorKind};
use crate::world::World;
use crate::Emulator;

/// `Some` only for a non-empty string: official clients send `null` or `""` for "absent".
pub(super) fn some(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.is_empty())
}

pub(super) fn path_param(
    live: bool,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<String> {
    path.map(|Path(p)| p).map_err(|e| {
        StytchError::new(facts::BAD_REQUEST, format!("Invalid path parameter: {e}")).live(live)
    })
}

/// A field that must be one of `allowed` when given. `bad_request` (a schema error on the SDK
/// API) unless Stytch has its own error type for the field.
pub(super) fn one_of(
    ctx: &Ctx,
    value: &Option<String>,
    allowed: &[&str],
    kind: ErrorKind,
    field: &str,
) -> ApiResult<()> {
    match value {
        Some(v) if !allowed.contains(&v.as_str()) => Err(if kind == facts::BAD_REQUEST {
            ctx.not_one_of(field, allowed)
        } else {
            ctx.err(
                kind,
                format!("{field} must be one of {}.", allowed.join(", ")),
            )
        }),
        _ => Ok(()),
    }
}

/// A request's `locale`, if any, checked against the route's list (`invalid_locale` otherwise:
/// see [`facts::INVALID_LOCALE`]).
pub(super) fn checked_locale(
    ctx: &Ctx,
    locale: Option<String>,
    allowed: &[&str],
) -> ApiResult<Option<String>> {
    one_of(ctx, &locale, allowed, facts::INVALID_LOCALE, "locale")?;
    Ok(locale)
}

// ---------------------------------------------------------------------------------------------
// The session a call names
// ---------------------------------------------------------------------------------------------

/// The session a call names, by session token or session JWT: the body's `session_token` and
/// `session_jwt` fields or, on the SDK API when the body names neither, the Basic password
/// (`public_token:session_token` or `public_token:session_jwt`).
#[derive(Debug, Default)]
pub(super) struct SessionArgs {
    pub token: Option<String>,
    pub jwt: Option<String>,
}

fn looks_like_jwt(token: &str) -> bool {
    token.split('.').count() == 3
}

impl SessionArgs {
    pub fn new(ctx: &Ctx, token: Option<String>, jwt: Option<String>) -> SessionArgs {
        let (token, jwt) = (some(token), some(jwt));
        if token.is_none() && jwt.is_none() {
            if let Some(h) = &ctx.header_session {
                return if looks_like_jwt(h) {
                    SessionArgs {
                        token: None,
                        jwt: Some(h.clone()),
                    }
                } else {
                    SessionArgs {
                        token: Some(h.clone()),
                        jwt: None,
                    }
                };
            }
        }
        SessionArgs { token, jwt }
    }

    /// The session in the Basic password alone (a route without a body).
    pub fn from_password(ctx: &Ctx) -> SessionArgs {
        SessionArgs::new(ctx, None, None)
    }

    /// How many of the two are given: 0, 1 or 2.
    pub fn count(&self) -> usize {
        usize::from(self.token.is_some()) + usize::from(self.jwt.is_some())
    }

    pub fn given(&self) -> bool {
        self.count() > 0
    }

    /// [`SessionArgs::new`] for a call that takes a session and nothing in its place (sessions
    /// and magic-link authenticate): a token and a JWT together are refused.
    pub fn at_most_one(
        ctx: &Ctx,
        token: Option<String>,
        jwt: Option<String>,
    ) -> ApiResult<SessionArgs> {
        let session = SessionArgs::new(ctx, token, jwt);
        if session.count() > 1 {
            return Err(ctx.err(
                facts::TOO_MANY_SESSION_ARGUMENTS,
                "Provide session_token or session_jwt, not both.",
            ));
        }
        Ok(session)
    }

    /// The id of the live session named (see [`World::resolve_session`]).
    pub fn resolve(
        &self,
        w: &World,
        ctx: &Ctx,
        emu: &Emulator,
        now: OffsetDateTime,
    ) -> ApiResult<String> {
        w.resolve_session(
            ctx,
            emu.key(),
            self.token.as_deref(),
            self.jwt.as_deref(),
            now,
        )
    }
}

/// `session_duration_minutes`, within Stytch's bounds and, on the SDK API, at most the SDK
/// configuration's `sessions.max_session_duration_minutes` ([`facts::INVALID_SESSION_DURATION`]).
/// Required on the SDK API where `required_on_sdk` (the SDKs always send it when a session is
/// minted).
pub(super) fn session_minutes(
    ctx: &Ctx,
    minutes: Option<i64>,
    required_on_sdk: bool,
) -> ApiResult<Option<i64>> {
    let cap = ctx.settings.sdk.sessions.max_session_duration_minutes;
    match minutes {
        None if required_on_sdk && ctx.sdk() => Err(ctx.required("session_duration_minutes")),
        None => Ok(None),
        Some(m) if ctx.sdk() && m > cap && m <= facts::SESSION_MAX_MINUTES => Err(ctx.err(
            facts::INVALID_SESSION_DURATION,
            facts::INVALID_SESSION_DURATION_MESSAGE,
        )),
        Some(m) if (facts::SESSION_MIN_MINUTES..=facts::SESSION_MAX_MINUTES).contains(&m) => {
            Ok(Some(m))
        }
        Some(_) => Err(ctx.err(
            facts::INVALID_SESSION_DURATION_MINUTES,
            format!(
                "session_duration_minutes must be between {} and {}.",
                facts::SESSION_MIN_MINUTES,
                facts::SESSION_MAX_MINUTES
            ),
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// Sandbox values (facts::SANDBOX_*)
// ---------------------------------------------------------------------------------------------

/// A login email to the sandbox address in the sandbox organization: 200, and no email sent.
/// (The sandbox organization is found on the backend API only.)
pub(super) fn is_sandbox_login(organization_id: &str, email: &str) -> bool {
    organization_id == facts::SANDBOX_ORGANIZATION_ID && email == facts::SANDBOX_EMAIL
}

/// What a sandbox magic-link token stands for, on the backend API of a test project (the only
/// place sandbox values work): the sandbox member and organization (`member_id`,
/// `organization_id`), or the error Stytch documents for it. `None` for any other token.
pub(super) fn sandbox_magic_link(ctx: &Ctx, token: &str) -> ApiResult<Option<(String, String)>> {
    if ctx.sdk() || ctx.live {
        return Ok(None);
    }
    match token {
        facts::SANDBOX_TOKEN_OK => Ok(Some((
            facts::SANDBOX_MEMBER_ID.to_string(),
            facts::SANDBOX_ORGANIZATION_ID.to_string(),
        ))),
        facts::SANDBOX_TOKEN_UNAUTHORIZED => Err(ctx.err(
            facts::UNABLE_TO_AUTH_MAGIC_LINK,
            "Magic link could not be authenticated because it was either already used or expired.",
        )),
        facts::SANDBOX_TOKEN_NOT_FOUND => Err(ctx.err(
            facts::MAGIC_LINK_NOT_FOUND,
            "Magic link could not be found.",
        )),
        _ => Ok(None),
    }
}
