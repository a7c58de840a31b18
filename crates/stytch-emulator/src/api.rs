//! The Stytch B2B endpoints, in both API families: organizations, email magic links, SMS OTP
//! and sessions. Handlers check input, apply Stytch's rules to the [`World`], and answer in
//! Stytch's shape (bare on the backend API, `{"data": …}` on the SDK API).

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put, MethodRouter};
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use crate::error::{ApiResult, StytchError};
use crate::extract::{Ctx, Family, StytchJson};
use crate::facts::{self, ErrorKind};
use crate::ids;
use crate::model::{
    Factor, FactorKind, IntermediateSession, MagicLink, Member, Message, Organization, Sequence,
    SmsCode,
};
use crate::world::{self, merge_claims, valid_e164, valid_email, valid_slug, World};
use crate::Emulator;

/// The handler serving one [`facts::ROUTES`] entry; `None` for an entry nobody implemented.
fn handler(method: &str, path: &str) -> Option<MethodRouter<Emulator>> {
    let api = path
        .strip_prefix("/sdk/v1/b2b")
        .or_else(|| path.strip_prefix("/v1/b2b"))?;
    let sdk = path.starts_with("/sdk/");
    Some(match (method, api, sdk) {
        ("GET", "/organizations/{organization_id}", false) => get(organization_get),
        ("PUT", "/organizations/{organization_id}", false) => put(organization_update),
        ("POST", "/organizations/{organization_id}", false) => post(organization_update),
        ("POST", "/organizations/search", true) => post(organization_search),
        ("GET", "/organizations/me", true) => get(organization_me),
        ("POST", "/magic_links/email/login_or_signup", _) => post(login_or_signup),
        ("POST", "/magic_links/authenticate", _) => post(magic_links_authenticate),
        ("POST", "/otps/sms/send", _) => post(sms_send),
        ("POST", "/otps/sms/authenticate", _) => post(sms_authenticate),
        ("POST", "/sessions/authenticate", _) => post(sessions_authenticate),
        ("POST", "/sessions/revoke", _) => post(sessions_revoke),
        ("GET", "/sessions/jwks/{project_id}", false) => get(jwks),
        _ => return None,
    })
}

/// Every route of [`facts::ROUTES`] and nothing else (plus the magic-link redirect): the table is
/// what is served. An entry without a handler is a bug caught by every test that builds a router.
pub fn routes() -> Router<Emulator> {
    let mut router = Router::new().route(
        facts::MAGIC_LINK_REDIRECT_ROUTE.path,
        get(magic_link_redirect),
    );
    for r in facts::ROUTES {
        let h = handler(r.method, r.path)
            .unwrap_or_else(|| panic!("no handler for {} {} in facts::ROUTES", r.method, r.path));
        router = router.route(r.path, h);
    }
    router
}

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

fn respond_as(family: Family, live: bool, mut body: Map<String, Value>) -> Response {
    body.insert("request_id".into(), ids::request_id(live).into());
    body.insert("status_code".into(), 200.into());
    let body = match family {
        Family::Backend => Value::Object(body),
        Family::Sdk => json!({ "data": body }),
    };
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        serde_json::to_vec(&body).unwrap_or_default(),
    )
        .into_response()
}

fn respond(ctx: &Ctx, body: Map<String, Value>) -> Response {
    respond_as(ctx.family, ctx.live, body)
}

fn obj(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn member_json(m: &Member, now: OffsetDateTime) -> Value {
    serde_json::to_value(m.view(now)).unwrap_or_default()
}

fn org_json(o: &Organization) -> Value {
    serde_json::to_value(o).unwrap_or_default()
}

pub async fn route_not_found(State(emu): State<Emulator>, uri: Uri) -> StytchError {
    StytchError::new(
        facts::ROUTE_NOT_FOUND,
        format!("No route matches {}.", uri.path()),
    )
    .live(emu.project().live())
}

pub async fn method_not_allowed(State(emu): State<Emulator>, method: Method, uri: Uri) -> Response {
    let mut response = StytchError::new(
        facts::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}.", uri.path()),
    )
    .live(emu.project().live())
    .into_response();
    *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
    response
}

// ---------------------------------------------------------------------------------------------
// Shared checks
// ---------------------------------------------------------------------------------------------

/// `Some` only for a non-empty string: official clients send `null` or `""` for "absent".
fn some(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.is_empty())
}

fn looks_like_jwt(token: &str) -> bool {
    token.split('.').count() == 3
}

/// The session a call names: body fields, or on the SDK API the Basic password.
fn session_args(
    ctx: &Ctx,
    token: Option<String>,
    jwt: Option<String>,
) -> (Option<String>, Option<String>) {
    let (token, jwt) = (some(token), some(jwt));
    if token.is_none() && jwt.is_none() {
        if let Some(h) = &ctx.header_session {
            return if looks_like_jwt(h) {
                (None, Some(h.clone()))
            } else {
                (Some(h.clone()), None)
            };
        }
    }
    (token, jwt)
}

fn session_minutes(
    ctx: &Ctx,
    minutes: Option<i64>,
    required_on_sdk: bool,
) -> ApiResult<Option<i64>> {
    match minutes {
        None if required_on_sdk && ctx.sdk() => Err(ctx.required("session_duration_minutes")),
        None => Ok(None),
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

fn expiration_minutes(ctx: &Ctx, minutes: Option<i64>, field: &str) -> ApiResult<i64> {
    let m = minutes.unwrap_or(facts::MAGIC_LINK_DEFAULT_MINUTES);
    if (facts::MAGIC_LINK_MIN_MINUTES..=facts::MAGIC_LINK_MAX_MINUTES).contains(&m) {
        Ok(m)
    } else {
        Err(ctx.err(
            facts::INVALID_EXPIRATION,
            format!(
                "{field} must be between {} and {}.",
                facts::MAGIC_LINK_MIN_MINUTES,
                facts::MAGIC_LINK_MAX_MINUTES
            ),
        ))
    }
}

fn registered_redirect(
    emu: &Emulator,
    ctx: &Ctx,
    given: Option<String>,
    default: &str,
    field: &str,
) -> ApiResult<String> {
    let url = some(given).unwrap_or_else(|| default.to_string());
    if emu.project().redirect_urls.contains(&url) {
        Ok(url)
    } else {
        Err(ctx.err(
            facts::NO_MATCH_FOR_PROVIDED_MAGIC_LINK_URL,
            format!("The {field} is not one of the project's registered redirect URLs."),
        ))
    }
}

/// base64url (no padding) of SHA-256 of the verifier's ASCII.
fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// RFC 7636 §4.2: an S256 challenge is base64url, no padding, of a 32-byte digest.
fn valid_pkce_challenge(challenge: &str) -> bool {
    challenge.len() == facts::PKCE_CHALLENGE_LEN
        && URL_SAFE_NO_PAD
            .decode(challenge)
            .is_ok_and(|digest| digest.len() == 32)
}

/// RFC 7636 §4.1: 43 to 128 characters of `[A-Za-z0-9-._~]`.
fn valid_pkce_verifier(verifier: &str) -> bool {
    (facts::PKCE_VERIFIER_MIN_LEN..=facts::PKCE_VERIFIER_MAX_LEN).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

fn check_ist(
    w: &World,
    ctx: &Ctx,
    ist: &str,
    organization_id: &str,
    member_id: &str,
    now: OffsetDateTime,
) -> ApiResult<()> {
    let session = w
        .ists
        .get(ist)
        .filter(|s| !s.consumed && s.expires_at > now)
        .ok_or_else(|| {
            ctx.err(
                facts::INTERMEDIATE_SESSION_NOT_FOUND,
                "Intermediate session could not be found: it may have expired or been used.",
            )
        })?;
    if session.organization_id != organization_id {
        return Err(ctx.err(
            facts::INVALID_IST_FOR_ORGANIZATION,
            "The intermediate session token was issued for another organization.",
        ));
    }
    if session.member_id != member_id {
        return Err(ctx.err(
            facts::INTERMEDIATE_SESSION_NOT_FOUND,
            "Intermediate session could not be found for this member.",
        ));
    }
    Ok(())
}

/// Sends a new SMS code to `phone`; any earlier code of the member dies.
fn send_sms_code(
    w: &mut World,
    live: bool,
    member_id: &str,
    phone: &str,
    org_name: &str,
    now: OffsetDateTime,
) {
    let code = ids::numeric_code(facts::SMS_CODE_DIGITS);
    let codes = w.sms_codes.entry(member_id.to_string()).or_default();
    codes.iter_mut().for_each(|c| c.dead = true);
    codes.push(SmsCode {
        code: code.clone(),
        phone_number: phone.to_string(),
        expires_at: now + facts::SMS_CODE_LIFETIME,
        dead: false,
    });
    if codes.len() > 32 {
        codes.remove(0);
    }
    w.send(Message {
        id: ids::id("sms", live),
        channel: "sms",
        to: phone.to_string(),
        sent_at: now,
        subject: String::new(),
        body: format!(
            "{code} is your {org_name} verification code. It expires in {} minutes.",
            facts::SMS_CODE_LIFETIME.whole_minutes()
        ),
        link: None,
        code: Some(code),
    });
}

/// A session's JWT: the cached one while fresh (see [`facts::JWT_REUSE_WINDOW`]), otherwise a
/// new one, signed outside the lock.
fn jwt_for(emu: &Emulator, session_id: &str) -> String {
    let now = emu.now();
    let (claims, expires_at) = {
        let w = emu.world();
        let Some(s) = w.sessions.get(session_id) else {
            return String::new();
        };
        if let Some((jwt, minted, exp)) = &s.jwt_cache {
            if *exp == s.expires_at && *minted <= now && now - *minted < facts::JWT_REUSE_WINDOW {
                return jwt.clone();
            }
        }
        (
            w.jwt_claims(&emu.project().project_id, session_id, now),
            s.expires_at,
        )
    };
    let Some(claims) = claims else {
        return String::new();
    };
    let jwt = emu.key().sign(&claims);
    if let Some(s) = emu.world().sessions.get_mut(session_id) {
        if s.expires_at == expires_at && !s.revoked {
            s.jwt_cache = Some((jwt.clone(), now, expires_at));
        }
    }
    jwt
}

/// member_session, session_token, member and organization of a session, in a response map.
fn session_fields(w: &World, session_id: &str, now: OffsetDateTime) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some(s) = w.sessions.get(session_id) {
        let org = w.org_by_id(&s.organization_id);
        let slug = org.map(|o| o.organization_slug.as_str()).unwrap_or("");
        out.insert("member_session".into(), s.to_json(slug));
        out.insert("session_token".into(), s.token.clone().into());
        out.insert("member_id".into(), s.member_id.clone().into());
        if let Some(m) = w.members.get(&s.member_id) {
            out.insert("member".into(), member_json(m, now));
        }
        if let Some(o) = org {
            out.insert("organization".into(), org_json(o));
        }
    }
    out
}

fn add_factor(factors: &mut Vec<Factor>, factor: Factor) {
    let same = |f: &Factor| std::mem::discriminant(&f.kind) == std::mem::discriminant(&factor.kind);
    if let Some(existing) = factors.iter_mut().find(|f| same(f)) {
        existing.last_authenticated_at = factor.last_authenticated_at;
    } else {
        factors.push(factor);
    }
}

// ---------------------------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------------------------

fn path_param(ctx_live: bool, path: Result<Path<String>, PathRejection>) -> ApiResult<String> {
    path.map(|Path(p)| p).map_err(|e| {
        StytchError::new(facts::BAD_REQUEST, format!("Invalid path parameter: {e}")).live(ctx_live)
    })
}

async fn organization_get(
    State(emu): State<Emulator>,
    ctx: Ctx,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<Response> {
    let id = path_param(ctx.live, path)?;
    let w = emu.world();
    let org = w.org(&ctx, &id)?;
    Ok(respond(&ctx, obj(json!({ "organization": org_json(org) }))))
}

#[derive(Deserialize)]
struct OrganizationSearch {
    organization_slug: String,
}

/// POST /sdk/v1/b2b/organizations/search: the organization with this slug, as the subset of
/// fields in [`facts::SEARCH_ORGANIZATION_FIELDS`], or `null` (still 200) when there is none.
async fn organization_search(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<OrganizationSearch>,
) -> ApiResult<Response> {
    let w = emu.world();
    let found = w
        .orgs
        .iter()
        .find(|o| o.organization_slug == b.organization_slug && !o.hidden);
    let organization = match found {
        Some(o) => {
            let full = obj(org_json(o));
            Value::Object(
                facts::SEARCH_ORGANIZATION_FIELDS
                    .iter()
                    .map(|f| (f.to_string(), full.get(*f).cloned().unwrap_or(Value::Null)))
                    .collect(),
            )
        }
        None => Value::Null,
    };
    Ok(respond(&ctx, obj(json!({ "organization": organization }))))
}

/// GET /sdk/v1/b2b/organizations/me: the signed-in member's organization. The session comes in
/// the Basic password; without one the answer is 401 `unauthorized_credentials` (the error
/// stytch-mobile's openapi.yml lists for this route; the situation is inferred), with an
/// unknown or expired one 404 `session_not_found`, as on the other session routes.
async fn organization_me(State(emu): State<Emulator>, ctx: Ctx) -> ApiResult<Response> {
    let now = emu.now();
    let Some(header) = ctx.header_session.clone() else {
        return Err(ctx.err(
            facts::UNAUTHORIZED_CREDENTIALS,
            "This endpoint needs a session: send public_token:session_token (or session_jwt).",
        ));
    };
    let (token, jwt) = if looks_like_jwt(&header) {
        (None, Some(header))
    } else {
        (Some(header), None)
    };
    let w = emu.world();
    let id = w.resolve_session(&ctx, emu.key(), token.as_deref(), jwt.as_deref(), now)?;
    let org = w
        .sessions
        .get(&id)
        .filter(|s| {
            w.members
                .get(&s.member_id)
                .is_some_and(|m| m.status != "deleted")
        })
        .and_then(|s| w.org_by_id(&s.organization_id))
        .ok_or_else(|| ctx.err(facts::SESSION_NOT_FOUND, "Session could not be found."))?;
    Ok(respond(&ctx, obj(json!({ "organization": org_json(org) }))))
}

#[derive(Deserialize)]
struct OrganizationUpdate {
    organization_name: Option<String>,
    organization_slug: Option<String>,
    organization_logo_url: Option<String>,
    trusted_metadata: Option<Value>,
    mfa_policy: Option<String>,
    mfa_methods: Option<String>,
    allowed_mfa_methods: Option<Vec<String>>,
    email_allowed_domains: Option<Vec<String>>,
    email_jit_provisioning: Option<String>,
    email_invites: Option<String>,
    auth_methods: Option<String>,
    allowed_auth_methods: Option<Vec<String>>,
    sso_jit_provisioning: Option<String>,
}

fn one_of(
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

/// PUT (Stytch's method) or POST (the seed guide's curl) /v1/b2b/organizations/{id}.
/// Existing sessions stay valid when the MFA policy is tightened.
async fn organization_update(
    State(emu): State<Emulator>,
    ctx: Ctx,
    path: Result<Path<String>, PathRejection>,
    StytchJson(b): StytchJson<OrganizationUpdate>,
) -> ApiResult<Response> {
    let id = path_param(ctx.live, path)?;
    let now = emu.now();
    one_of(
        &ctx,
        &b.mfa_policy,
        &["REQUIRED_FOR_ALL", "OPTIONAL"],
        facts::INVALID_ORGANIZATION_MFA_POLICY,
        "mfa_policy",
    )?;
    one_of(
        &ctx,
        &b.mfa_methods,
        &["ALL_ALLOWED", "RESTRICTED"],
        facts::INVALID_ORGANIZATION_ALLOWED_MFA_METHODS,
        "mfa_methods",
    )?;
    if let Some(methods) = &b.allowed_mfa_methods {
        if methods.iter().any(|m| m != "sms_otp" && m != "totp") {
            return Err(ctx.err(
                facts::INVALID_ORGANIZATION_ALLOWED_MFA_METHODS,
                "allowed_mfa_methods may contain only sms_otp and totp.",
            ));
        }
    }
    for (value, field) in [
        (&b.email_jit_provisioning, "email_jit_provisioning"),
        (&b.sso_jit_provisioning, "sso_jit_provisioning"),
    ] {
        one_of(
            &ctx,
            value,
            &["RESTRICTED", "NOT_ALLOWED", "ALL_ALLOWED"],
            facts::BAD_REQUEST,
            field,
        )?;
    }
    for (value, field) in [
        (&b.email_invites, "email_invites"),
        (&b.auth_methods, "auth_methods"),
    ] {
        one_of(
            &ctx,
            value,
            &["ALL_ALLOWED", "RESTRICTED", "NOT_ALLOWED"],
            facts::BAD_REQUEST,
            field,
        )?;
    }
    let mut w = emu.world();
    let org_id = w.org(&ctx, &id)?.organization_id.clone();
    if let Some(slug) = &b.organization_slug {
        if !valid_slug(slug) {
            return Err(ctx.err(
                facts::INVALID_ORGANIZATION_SLUG,
                "organization_slug may contain only lowercase letters, digits and -._~ (2 to 128).",
            ));
        }
        if w.orgs
            .iter()
            .any(|o| o.organization_slug == *slug && o.organization_id != org_id)
        {
            return Err(ctx.err(
                facts::ORGANIZATION_SLUG_ALREADY_USED,
                "Another organization already uses this slug.",
            ));
        }
    }
    if b.organization_name.as_deref() == Some("") {
        return Err(ctx.err(facts::BAD_REQUEST, "organization_name must not be empty."));
    }
    let org = w.org_mut(&org_id).ok_or_else(|| world::internal(&ctx))?;
    if let Some(v) = b.organization_name {
        org.organization_name = v;
    }
    if let Some(v) = b.organization_slug {
        org.organization_slug = v;
    }
    if let Some(v) = b.organization_logo_url {
        org.organization_logo_url = v;
    }
    if let Some(v) = b.trusted_metadata {
        org.trusted_metadata = v;
    }
    if let Some(v) = b.mfa_policy {
        org.mfa_policy = v;
    }
    if let Some(v) = b.mfa_methods {
        org.mfa_methods = v;
    }
    if let Some(v) = b.allowed_mfa_methods {
        org.allowed_mfa_methods = v;
    }
    if let Some(v) = b.email_allowed_domains {
        org.email_allowed_domains = v.into_iter().map(|d| d.to_ascii_lowercase()).collect();
    }
    if let Some(v) = b.email_jit_provisioning {
        org.email_jit_provisioning = v;
    }
    if let Some(v) = b.email_invites {
        org.email_invites = v;
    }
    if let Some(v) = b.auth_methods {
        org.auth_methods = v;
    }
    if let Some(v) = b.allowed_auth_methods {
        org.allowed_auth_methods = v;
    }
    if let Some(v) = b.sso_jit_provisioning {
        org.sso_jit_provisioning = v;
    }
    org.updated_at = now;
    Ok(respond(&ctx, obj(json!({ "organization": org_json(org) }))))
}

// ---------------------------------------------------------------------------------------------
// Email magic links
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[allow(dead_code)] // accepted, not acted on: templates and locale change only the email's words
struct LoginOrSignup {
    organization_id: String,
    email_address: String,
    login_redirect_url: Option<String>,
    signup_redirect_url: Option<String>,
    pkce_code_challenge: Option<String>,
    login_template_id: Option<String>,
    signup_template_id: Option<String>,
    locale: Option<String>,
    login_expiration_minutes: Option<i64>,
    signup_expiration_minutes: Option<i64>,
}

/// Sends a login email to an active member, a sign-up email to a new or pending one (creating
/// the member, pending, when the organization's JIT provisioning allows the address's domain).
async fn login_or_signup(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<LoginOrSignup>,
) -> ApiResult<Response> {
    let now = emu.now();
    let email = b.email_address.trim().to_ascii_lowercase();
    if !valid_email(&email) {
        return Err(ctx.err(
            facts::INVALID_EMAIL,
            "email_address is not a valid email address.",
        ));
    }
    let login_minutes =
        expiration_minutes(&ctx, b.login_expiration_minutes, "login_expiration_minutes")?;
    let signup_minutes = expiration_minutes(
        &ctx,
        b.signup_expiration_minutes,
        "signup_expiration_minutes",
    )?;
    let pkce_code_challenge = some(b.pkce_code_challenge);
    if pkce_code_challenge
        .as_deref()
        .is_some_and(|c| !valid_pkce_challenge(c))
    {
        return Err(ctx.err(
            facts::INVALID_PKCE_CODE_CHALLENGE,
            "pkce_code_challenge must be the base64url (no padding) SHA-256 of the verifier: 43 characters.",
        ));
    }
    let project = emu.project();
    let mut w = emu.world();
    let org = w.org(&ctx, &b.organization_id)?.clone();
    if org.organization_id == facts::SANDBOX_ORGANIZATION_ID && email == facts::SANDBOX_EMAIL {
        // Documented sandbox: 200 and no email.
        let m = w
            .members
            .get(facts::SANDBOX_MEMBER_ID)
            .ok_or_else(|| world::internal(&ctx))?;
        return Ok(respond(
            &ctx,
            obj(json!({
                "member_id": m.member_id,
                "member_created": false,
                "member": member_json(m, now),
                "organization": org_json(&org),
            })),
        ));
    }
    let login_url = registered_redirect(
        &emu,
        &ctx,
        b.login_redirect_url,
        &project.default_login_redirect_url,
        "login_redirect_url",
    )?;
    let signup_url = registered_redirect(
        &emu,
        &ctx,
        b.signup_redirect_url,
        &project.default_signup_redirect_url,
        "signup_redirect_url",
    )?;
    let (member_id, created) = match w.member_by_email(&org.organization_id, &email) {
        Some(m) => (m.member_id.clone(), false),
        None => {
            if org.email_jit_provisioning == "NOT_ALLOWED" {
                return Err(ctx.err(
                    facts::EMAIL_JIT_PROVISIONING_NOT_ALLOWED,
                    "This organization does not allow members to sign up by email.",
                ));
            }
            let domain = email.rsplit_once('@').map(|(_, d)| d).unwrap_or("");
            if !org.email_allowed_domains.iter().any(|d| d == domain) {
                return Err(ctx.err(
                    facts::INVALID_EMAIL_FOR_JIT_PROVISIONING,
                    "The email address's domain is not allowed to sign up to this organization.",
                ));
            }
            let m = world::new_member(&org.organization_id, &email, "pending", ctx.live, now);
            let id = m.member_id.clone();
            w.members.insert(id.clone(), m);
            (id, true)
        }
    };
    let member = w
        .members
        .get(&member_id)
        .ok_or_else(|| world::internal(&ctx))?
        .clone();
    let signup = member.status != "active";
    let (minutes, redirect_url) = if signup {
        (signup_minutes, signup_url)
    } else {
        (login_minutes, login_url)
    };
    let token = ids::magic_link_token();
    w.magic_links.insert(
        token.clone(),
        MagicLink {
            member_id: member_id.clone(),
            organization_id: org.organization_id.clone(),
            redirect_url,
            pkce_code_challenge,
            expires_at: now + Duration::minutes(minutes),
            used: false,
        },
    );
    let encoded: String = url::form_urlencoded::byte_serialize(token.as_bytes()).collect();
    let link = format!(
        "http://{}/v1/b2b/magic_links/redirect?token={encoded}",
        ctx.host
    );
    let (subject, verb) = if signup {
        (
            format!("Sign up to {}", org.organization_name),
            "sign up to",
        )
    } else {
        (
            format!("Your login link for {}", org.organization_name),
            "log in to",
        )
    };
    w.send(Message {
        id: ids::id("email", ctx.live),
        channel: "email",
        to: email.clone(),
        sent_at: now,
        subject,
        body: format!(
            "Click the link below to {verb} {}. It expires in {minutes} minutes.\n\n{link}\n",
            org.organization_name
        ),
        link: Some(link),
        code: None,
    });
    if ctx.sdk() {
        return Ok(respond(&ctx, Map::new()));
    }
    Ok(respond(
        &ctx,
        obj(json!({
            "member_id": member_id,
            "member_created": created,
            "member": member_json(&member, now),
            "organization": org_json(&org),
        })),
    ))
}

/// GET /v1/b2b/magic_links/redirect?token=… — the email's link: 302 to the redirect URL the
/// flow was started with, adding `stytch_token_type` and `token`.
async fn magic_link_redirect(State(emu): State<Emulator>, RawQuery(query): RawQuery) -> Response {
    let live = emu.project().live();
    let token = url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let target = emu
        .world()
        .magic_links
        .get(&token)
        .map(|l| l.redirect_url.clone());
    let Some(target) = target else {
        return StytchError::new(
            facts::MAGIC_LINK_NOT_FOUND,
            "Magic link could not be found.",
        )
        .live(live)
        .into_response();
    };
    let location = match url::Url::parse(&target) {
        Ok(mut url) => {
            url.query_pairs_mut()
                .append_pair("stytch_token_type", facts::MAGIC_LINK_TOKEN_TYPE)
                .append_pair("token", &token);
            url.to_string()
        }
        Err(_) => {
            return StytchError::new(facts::INTERNAL_SERVER_ERROR, "Invalid redirect URL.")
                .live(live)
                .into_response()
        }
    };
    match HeaderValue::from_str(&location) {
        Ok(value) => (StatusCode::FOUND, [(header::LOCATION, value)]).into_response(),
        Err(_) => StytchError::new(facts::INTERNAL_SERVER_ERROR, "Invalid redirect URL.")
            .live(live)
            .into_response(),
    }
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct MagicLinkAuthenticate {
    magic_links_token: String,
    pkce_code_verifier: Option<String>,
    session_token: Option<String>,
    session_jwt: Option<String>,
    session_duration_minutes: Option<i64>,
    session_custom_claims: Option<Value>,
    locale: Option<String>,
    intermediate_session_token: Option<String>,
}

/// Consumes a magic link token: a full session when no MFA is needed, otherwise an
/// intermediate session token (and, for a member with a phone, an SMS sent at once).
async fn magic_links_authenticate(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<MagicLinkAuthenticate>,
) -> ApiResult<Response> {
    let now = emu.now();
    let minutes = session_minutes(&ctx, b.session_duration_minutes, true)?;
    let (session_token, session_jwt) = session_args(&ctx, b.session_token, b.session_jwt);
    if session_token.is_some() && session_jwt.is_some() {
        return Err(ctx.err(
            facts::TOO_MANY_SESSION_ARGUMENTS,
            "Provide session_token or session_jwt, not both.",
        ));
    }
    let pkce_code_verifier = some(b.pkce_code_verifier);
    if pkce_code_verifier
        .as_deref()
        .is_some_and(|v| !valid_pkce_verifier(v))
    {
        return Err(ctx.err(
            facts::INVALID_PKCE_CODE_VERIFIER,
            "pkce_code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9, -, ., _ and ~.",
        ));
    }
    let token = b.magic_links_token;
    let sandbox = !ctx.sdk() && !ctx.live;
    if sandbox && token == facts::SANDBOX_TOKEN_UNAUTHORIZED {
        return Err(ctx.err(
            facts::UNABLE_TO_AUTH_MAGIC_LINK,
            "Magic link could not be authenticated because it was either already used or expired.",
        ));
    }
    if sandbox && token == facts::SANDBOX_TOKEN_NOT_FOUND {
        return Err(ctx.err(
            facts::MAGIC_LINK_NOT_FOUND,
            "Magic link could not be found.",
        ));
    }
    let mut w = emu.world();
    let (member_id, organization_id) = if sandbox && token == facts::SANDBOX_TOKEN_OK {
        (
            facts::SANDBOX_MEMBER_ID.to_string(),
            facts::SANDBOX_ORGANIZATION_ID.to_string(),
        )
    } else {
        let link = w.magic_links.get(&token).ok_or_else(|| {
            ctx.err(
                facts::MAGIC_LINK_NOT_FOUND,
                "Magic link could not be found.",
            )
        })?;
        if link.used || link.expires_at <= now {
            return Err(ctx.err(
                facts::UNABLE_TO_AUTH_MAGIC_LINK,
                "Magic link could not be authenticated because it was either already used or expired.",
            ));
        }
        match (&link.pkce_code_challenge, pkce_code_verifier) {
            (Some(_), None) => {
                return Err(ctx.err(
                    facts::PKCE_EXPECTED_CODE_VERIFIER,
                    "This flow was started with a PKCE code challenge: a pkce_code_verifier is required.",
                ))
            }
            (Some(challenge), Some(verifier)) if pkce_challenge(&verifier) != *challenge => {
                return Err(ctx.err(
                    facts::PKCE_MISMATCH,
                    "The pkce_code_verifier does not match the code challenge of this flow.",
                ))
            }
            (None, Some(_)) => {
                return Err(ctx.err(
                    facts::PKCE_DID_NOT_EXPECT_CODE_VERIFIER,
                    "This flow was started without a PKCE code challenge; no verifier was expected.",
                ))
            }
            _ => {}
        }
        (link.member_id.clone(), link.organization_id.clone())
    };
    // A session to add the factor to, when it belongs to the same member (otherwise ignored).
    let existing = if session_token.is_some() || session_jwt.is_some() {
        let id = w.resolve_session(
            &ctx,
            emu.key(),
            session_token.as_deref(),
            session_jwt.as_deref(),
            now,
        )?;
        w.sessions
            .get(&id)
            .filter(|s| s.member_id == member_id)
            .map(|_| id)
    } else {
        None
    };
    if let Some(link) = w.magic_links.get_mut(&token) {
        link.used = true;
    }
    let org = w
        .org_by_id(&organization_id)
        .cloned()
        .ok_or_else(|| world::internal(&ctx))?;
    let member = {
        let m = w
            .members
            .get_mut(&member_id)
            .ok_or_else(|| ctx.err(facts::MEMBER_NOT_FOUND, "Member could not be found."))?;
        if m.status == "pending" || m.status == "invited" {
            m.status = "active".into();
        }
        if !m.email_address_verified {
            m.email_address_verified = true;
            m.updated_at = now;
        }
        // A successful authentication resets the failure count while no lock is active.
        if !m.is_locked(now) {
            m.failed_attempts = 0;
        }
        m.clone()
    };
    let factor = Factor {
        kind: FactorKind::MagicLinkEmail {
            email_id: member.email_id.clone(),
            email_address: member.email_address.clone(),
        },
        sequence: Sequence::Primary,
        created_at: now,
        last_authenticated_at: now,
    };
    let mut body = obj(json!({
        "member_id": member.member_id,
        "organization_id": org.organization_id,
        "method_id": member.email_id,
        "reset_sessions": false,
        "organization": org_json(&org),
        "primary_required": null,
    }));
    let mfa_needed = org.requires_mfa() || member.mfa_enrolled;
    if mfa_needed {
        let ist = ids::opaque_token();
        let ist_expires = now + facts::IST_LIFETIME;
        w.ists.insert(
            ist.clone(),
            IntermediateSession {
                member_id: member.member_id.clone(),
                organization_id: org.organization_id.clone(),
                expires_at: ist_expires,
                factors: vec![factor],
                consumed: false,
            },
        );
        // Stytch sends the code itself only to a member with a phone who is MFA-enrolled
        // (stytch-node lib/b2b/otp_sms.ts, send); the client must then not send another.
        let member_options = if member.has_phone() {
            json!({
                "mfa_phone_number": ids::mask_phone(&member.mfa_phone_number),
                "totp_registration_id": "",
            })
        } else {
            Value::Null
        };
        let initiated = if member.has_phone() && member.mfa_enrolled {
            send_sms_code(
                &mut w,
                ctx.live,
                &member.member_id,
                &member.mfa_phone_number,
                &org.organization_name,
                now,
            );
            json!("sms_otp")
        } else {
            Value::Null
        };
        body.extend(obj(json!({
            "member": member_json(&member, now),
            "member_authenticated": false,
            "intermediate_session_token": ist,
            "session_token": "",
            "session_jwt": "",
            "member_session": null,
            "mfa_required": {
                "member_options": member_options,
                "secondary_auth_initiated": initiated,
            },
        })));
        return Ok(respond(&ctx, body));
    }
    let session_id = match existing {
        Some(id) => {
            if let Some(s) = w.sessions.get_mut(&id) {
                add_factor(&mut s.factors, factor);
                s.last_accessed_at = now;
                if let Some(m) = minutes {
                    s.expires_at = now + Duration::minutes(m);
                }
                merge_claims(&mut s.custom_claims, b.session_custom_claims.as_ref());
                s.jwt_cache = None;
            }
            id
        }
        None => w.create_session(
            &ctx,
            &member.member_id,
            &org.organization_id,
            vec![factor],
            minutes.unwrap_or(facts::SESSION_DEFAULT_MINUTES),
            b.session_custom_claims.as_ref(),
            now,
        ),
    };
    body.extend(session_fields(&w, &session_id, now));
    drop(w);
    body.extend(obj(json!({
        "member_authenticated": true,
        "intermediate_session_token": "",
        "mfa_required": null,
        "session_jwt": jwt_for(&emu, &session_id),
    })));
    Ok(respond(&ctx, body))
}

// ---------------------------------------------------------------------------------------------
// SMS one-time passcodes
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[allow(dead_code)]
struct SmsSend {
    organization_id: String,
    member_id: String,
    mfa_phone_number: Option<String>,
    locale: Option<String>,
    intermediate_session_token: Option<String>,
    session_token: Option<String>,
    session_jwt: Option<String>,
    enable_autofill: Option<bool>,
}

/// Sends a code to the member's phone on file, or links the given number to a member without
/// one (unverified until a code is authenticated). A different number than the one on file is
/// refused. A member who already has an MFA factor must prove the primary factor (IST/session).
async fn sms_send(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<SmsSend>,
) -> ApiResult<Response> {
    let now = emu.now();
    let ist = some(b.intermediate_session_token);
    let (session_token, session_jwt) = session_args(&ctx, b.session_token, b.session_jwt);
    let proofs = [
        ist.is_some(),
        session_token.is_some(),
        session_jwt.is_some(),
    ];
    if proofs.iter().filter(|p| **p).count() > 1 {
        return Err(ctx.err(
            facts::TOO_MANY_SESSION_ARGUMENTS,
            "Provide only one of intermediate_session_token, session_token and session_jwt.",
        ));
    }
    let mut w = emu.world();
    let org = w.org(&ctx, &b.organization_id)?.clone();
    let member = w.member(&ctx, &org.organization_id, &b.member_id)?.clone();
    if member.is_locked(now) {
        return Err(locked_error(&ctx, &member));
    }
    if let Some(ist) = &ist {
        check_ist(&w, &ctx, ist, &org.organization_id, &member.member_id, now)?;
    } else if session_token.is_some() || session_jwt.is_some() {
        let id = w.resolve_session(
            &ctx,
            emu.key(),
            session_token.as_deref(),
            session_jwt.as_deref(),
            now,
        )?;
        if w.sessions.get(&id).map(|s| s.member_id.as_str()) != Some(member.member_id.as_str()) {
            return Err(ctx.err(
                facts::SESSION_NOT_FOUND,
                "Session does not belong to this member.",
            ));
        }
    } else if member.mfa_enrolled || member.mfa_phone_number_verified {
        return Err(ctx.err(
            facts::INVALID_SESSION_MISSING_PRIMARY_FACTOR,
            "This member already has an MFA factor: pass the intermediate_session_token (or a session) proving the primary factor.",
        ));
    }
    let phone = match some(b.mfa_phone_number) {
        Some(p) if !valid_e164(&p) => {
            return Err(ctx.err(
                facts::INVALID_PHONE_NUMBER,
                "mfa_phone_number is not a valid E.164 phone number, e.g. +14155551234.",
            ))
        }
        Some(p) if member.has_phone() && p != member.mfa_phone_number => {
            return Err(ctx.err(
                facts::INVALID_PHONE_NUMBER,
                "mfa_phone_number does not match the member's phone number on file.",
            ))
        }
        Some(p) => {
            let domestic = facts::DOMESTIC_SMS_PREFIXES
                .iter()
                .any(|c| p.starts_with(c));
            if !domestic && !emu.project().international_sms {
                return Err(ctx.err(
                    facts::INVALID_PHONE_NUMBER_COUNTRY_CODE,
                    "SMS to this country code is not enabled for the project.",
                ));
            }
            p
        }
        None if member.has_phone() => member.mfa_phone_number.clone(),
        None => {
            return Err(ctx.err(
                facts::INVALID_PHONE_NUMBER,
                "mfa_phone_number is required: the member has no phone number on file.",
            ))
        }
    };
    if !member.has_phone() {
        let m = w.member_mut(&member.member_id);
        m.mfa_phone_number = phone.clone();
        m.phone_id = ids::id("member-phone-number", ctx.live);
        m.mfa_phone_number_verified = false;
        m.updated_at = now;
    }
    send_sms_code(
        &mut w,
        ctx.live,
        &member.member_id,
        &phone,
        &org.organization_name,
        now,
    );
    if ctx.sdk() {
        return Ok(respond(&ctx, Map::new()));
    }
    let member = &w.members[&member.member_id];
    Ok(respond(
        &ctx,
        obj(json!({
            "member_id": member.member_id,
            "member": member_json(member, now),
            "organization": org_json(&org),
        })),
    ))
}

fn locked_error(ctx: &Ctx, member: &Member) -> StytchError {
    let until = member
        .lock_expires_at
        .map(ids::timestamp)
        .unwrap_or_default();
    ctx.err(
        facts::USER_LOCK_LIMIT_REACHED,
        format!("This member is locked after too many failed attempts, until {until}."),
    )
}

#[derive(Deserialize)]
struct SmsAuthenticate {
    organization_id: String,
    member_id: String,
    code: String,
    intermediate_session_token: Option<String>,
    session_token: Option<String>,
    session_jwt: Option<String>,
    session_duration_minutes: Option<i64>,
    session_custom_claims: Option<Value>,
    set_mfa_enrollment: Option<String>,
    set_default_mfa: Option<bool>,
}

/// Counts a failed attempt (any factor); the [`facts::LOCK_THRESHOLD`]th consecutive one locks
/// the member for [`facts::LOCK_DURATION`]. Returns whether it locked.
fn count_failure(w: &mut World, member_id: &str, now: OffsetDateTime) -> bool {
    let m = w.member_mut(member_id);
    m.failed_attempts += 1;
    if m.failed_attempts >= facts::LOCK_THRESHOLD {
        m.failed_attempts = 0;
        m.lock_created_at = Some(now);
        m.lock_expires_at = Some(now + facts::LOCK_DURATION);
        m.updated_at = now;
        true
    } else {
        false
    }
}

/// Checks a code; on success the code dies and its phone number is returned.
fn check_code(
    w: &mut World,
    member_id: &str,
    code: &str,
    now: OffsetDateTime,
) -> Result<String, ErrorKind> {
    let codes = w.sms_codes.entry(member_id.to_string()).or_default();
    if let Some(active) = codes.iter_mut().find(|c| !c.dead && c.code == code) {
        if active.expires_at <= now {
            return Err(facts::UNABLE_TO_AUTH_OTP_CODE);
        }
        active.dead = true;
        return Ok(active.phone_number.clone());
    }
    if codes.iter().any(|c| c.code == code) {
        Err(facts::UNABLE_TO_AUTH_OTP_CODE)
    } else {
        Err(facts::OTP_CODE_NOT_FOUND)
    }
}

/// Authenticates an SMS code against an IST (consumed: a session is minted with the email
/// factor then the SMS factor) or an existing session (the SMS factor is added).
async fn sms_authenticate(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<SmsAuthenticate>,
) -> ApiResult<Response> {
    let now = emu.now();
    let minutes = session_minutes(&ctx, b.session_duration_minutes, true)?;
    if b.code.len() != facts::SMS_CODE_DIGITS || !b.code.bytes().all(|c| c.is_ascii_digit()) {
        return Err(ctx.err(facts::INVALID_CODE, "code must be a 6-digit number."));
    }
    one_of(
        &ctx,
        &b.set_mfa_enrollment,
        &["enroll", "unenroll"],
        facts::BAD_REQUEST,
        "set_mfa_enrollment",
    )?;
    let ist = some(b.intermediate_session_token);
    let (session_token, session_jwt) = session_args(&ctx, b.session_token, b.session_jwt);
    match [
        ist.is_some(),
        session_token.is_some(),
        session_jwt.is_some(),
    ]
    .iter()
    .filter(|p| **p)
    .count()
    {
        0 => {
            return Err(ctx.err(
                facts::NO_SESSION_ARGUMENTS,
                "Provide one of intermediate_session_token, session_token and session_jwt.",
            ))
        }
        1 => {}
        _ => {
            return Err(ctx.err(
                facts::TOO_MANY_SESSION_ARGUMENTS,
                "Provide only one of intermediate_session_token, session_token and session_jwt.",
            ))
        }
    }
    let mut w = emu.world();
    let org = w.org(&ctx, &b.organization_id)?.clone();
    let member = w.member(&ctx, &org.organization_id, &b.member_id)?.clone();
    if member.is_locked(now) {
        return Err(locked_error(&ctx, &member));
    }
    let existing = match &ist {
        Some(ist) => {
            check_ist(&w, &ctx, ist, &org.organization_id, &member.member_id, now)?;
            None
        }
        None => {
            let id = w.resolve_session(
                &ctx,
                emu.key(),
                session_token.as_deref(),
                session_jwt.as_deref(),
                now,
            )?;
            if w.sessions.get(&id).map(|s| s.member_id.as_str()) != Some(member.member_id.as_str())
            {
                return Err(ctx.err(
                    facts::SESSION_NOT_FOUND,
                    "Session does not belong to this member.",
                ));
            }
            Some(id)
        }
    };
    let phone = match check_code(&mut w, &member.member_id, &b.code, now) {
        Ok(phone) => phone,
        Err(kind) => {
            if count_failure(&mut w, &member.member_id, now) {
                let locked = w.members[&member.member_id].clone();
                return Err(locked_error(&ctx, &locked));
            }
            let message = if kind == facts::OTP_CODE_NOT_FOUND {
                "The code is incorrect."
            } else {
                "The code has expired or was already used: request a new one."
            };
            return Err(ctx.err(kind, message));
        }
    };
    let member = {
        let m = w.member_mut(&member.member_id);
        if m.phone_id.is_empty() {
            m.phone_id = ids::id("member-phone-number", ctx.live);
        }
        m.mfa_phone_number = phone.clone();
        m.mfa_phone_number_verified = true;
        m.mfa_enrolled = b.set_mfa_enrollment.as_deref() != Some("unenroll");
        if b.set_default_mfa != Some(false) && (m.mfa_enrolled || b.set_default_mfa == Some(true)) {
            m.default_mfa_method = "sms_otp".into();
        }
        m.failed_attempts = 0;
        m.lock_created_at = None;
        m.lock_expires_at = None;
        m.updated_at = now;
        m.clone()
    };
    let factor = Factor {
        kind: FactorKind::SmsOtp {
            phone_id: member.phone_id.clone(),
            phone_number: phone,
        },
        sequence: Sequence::Secondary,
        created_at: now,
        last_authenticated_at: now,
    };
    let session_id = match (existing, ist) {
        (Some(id), _) => {
            if let Some(s) = w.sessions.get_mut(&id) {
                add_factor(&mut s.factors, factor);
                s.last_accessed_at = now;
                if let Some(m) = minutes {
                    s.expires_at = now + Duration::minutes(m);
                }
                merge_claims(&mut s.custom_claims, b.session_custom_claims.as_ref());
                s.jwt_cache = None;
            }
            id
        }
        (None, Some(ist)) => {
            let mut factors = match w.ists.get_mut(&ist) {
                Some(s) => {
                    s.consumed = true;
                    s.factors.clone()
                }
                None => vec![],
            };
            factors.push(factor);
            w.create_session(
                &ctx,
                &member.member_id,
                &org.organization_id,
                factors,
                minutes.unwrap_or(facts::SESSION_DEFAULT_MINUTES),
                b.session_custom_claims.as_ref(),
                now,
            )
        }
        (None, None) => return Err(world::internal(&ctx)),
    };
    let mut body = session_fields(&w, &session_id, now);
    drop(w);
    body.insert("session_jwt".into(), jwt_for(&emu, &session_id).into());
    Ok(respond(&ctx, body))
}

// ---------------------------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[allow(dead_code)]
struct SessionsAuthenticate {
    session_token: Option<String>,
    session_jwt: Option<String>,
    session_duration_minutes: Option<i64>,
    session_custom_claims: Option<Value>,
    authorization_check: Option<Value>,
}

/// Checks a session; extends it only when `session_duration_minutes` is given.
async fn sessions_authenticate(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<SessionsAuthenticate>,
) -> ApiResult<Response> {
    let now = emu.now();
    let minutes = session_minutes(&ctx, b.session_duration_minutes, false)?;
    let (token, jwt) = session_args(&ctx, b.session_token, b.session_jwt);
    match (&token, &jwt) {
        (Some(_), Some(_)) => {
            return Err(ctx.err(
                facts::TOO_MANY_SESSION_ARGUMENTS,
                "Provide session_token or session_jwt, not both.",
            ))
        }
        (None, None) if !ctx.sdk() => {
            return Err(ctx.err(
                facts::NO_SESSION_ARGUMENTS,
                "Provide session_token or session_jwt.",
            ))
        }
        _ => {}
    }
    let mut w = emu.world();
    let id = w.resolve_session(&ctx, emu.key(), token.as_deref(), jwt.as_deref(), now)?;
    let member_alive = w
        .sessions
        .get(&id)
        .and_then(|s| w.members.get(&s.member_id))
        .is_some_and(|m| m.status != "deleted");
    if !member_alive {
        return Err(ctx.err(facts::SESSION_NOT_FOUND, "Session could not be found."));
    }
    if let Some(s) = w.sessions.get_mut(&id) {
        s.last_accessed_at = now;
        if let Some(m) = minutes {
            s.expires_at = now + Duration::minutes(m);
        }
        if b.session_custom_claims.is_some() {
            merge_claims(&mut s.custom_claims, b.session_custom_claims.as_ref());
            s.jwt_cache = None;
        }
    }
    let mut body = session_fields(&w, &id, now);
    body.remove("member_id");
    drop(w);
    body.insert("session_jwt".into(), jwt_for(&emu, &id).into());
    Ok(respond(&ctx, body))
}

#[derive(Deserialize)]
struct SessionsRevoke {
    member_session_id: Option<String>,
    session_token: Option<String>,
    session_jwt: Option<String>,
    member_id: Option<String>,
}

/// Revokes one session (by id, token or JWT) or all of a member's sessions.
async fn sessions_revoke(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<SessionsRevoke>,
) -> ApiResult<Response> {
    let now = emu.now();
    let (token, jwt) = session_args(&ctx, b.session_token, b.session_jwt);
    let session_id = some(b.member_session_id);
    let member_id = some(b.member_id);
    let given = [
        session_id.is_some(),
        token.is_some(),
        jwt.is_some(),
        member_id.is_some(),
    ]
    .iter()
    .filter(|g| **g)
    .count();
    if given == 0 {
        return Err(if ctx.sdk() {
            ctx.err(facts::SESSION_NOT_FOUND, "No session was given to revoke.")
        } else {
            ctx.err(
                facts::NO_SESSION_REVOKE_ARGUMENTS,
                "Provide one of member_session_id, session_token, session_jwt and member_id.",
            )
        });
    }
    if given > 1 {
        return Err(ctx.err(
            facts::TOO_MANY_SESSION_REVOKE_ARGUMENTS,
            "Provide only one of member_session_id, session_token, session_jwt and member_id.",
        ));
    }
    let mut w = emu.world();
    if let Some(member_id) = member_id {
        if !w.members.contains_key(&member_id) {
            return Err(ctx.err(facts::MEMBER_NOT_FOUND, "Member could not be found."));
        }
        let ids: Vec<String> = w
            .sessions
            .values()
            .filter(|s| s.member_id == member_id && s.alive(now))
            .map(|s| s.member_session_id.clone())
            .collect();
        ids.iter().for_each(|id| w.revoke_session(id));
    } else if let Some(id) = session_id {
        if !w.sessions.get(&id).is_some_and(|s| s.alive(now)) {
            return Err(ctx.err(facts::SESSION_NOT_FOUND, "Session could not be found."));
        }
        w.revoke_session(&id);
    } else {
        let id = w.resolve_session(&ctx, emu.key(), token.as_deref(), jwt.as_deref(), now)?;
        w.revoke_session(&id);
    }
    Ok(respond(&ctx, Map::new()))
}

/// GET /v1/b2b/sessions/jwks/{project_id}: the signing key with its kid. No credentials needed
/// (stytch-node's `jose.createRemoteJWKSet` sends none); any sent are ignored.
async fn jwks(
    State(emu): State<Emulator>,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<Response> {
    let live = emu.project().live();
    let project_id = path_param(live, path)?;
    if project_id != emu.project().project_id {
        return Err(
            StytchError::new(facts::PROJECT_NOT_FOUND, "Project could not be found.").live(live),
        );
    }
    Ok(respond_as(
        Family::Backend,
        live,
        obj(json!({ "keys": [emu.key().jwk()] })),
    ))
}
