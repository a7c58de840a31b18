//! Email magic links: login or sign-up, the email link's redirect, and authenticate (with PKCE),
//! which answers a session or, when MFA is needed, an intermediate session token.

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use super::checks::{
    checked_locale, is_sandbox_login, sandbox_magic_link, session_minutes, some, SessionArgs,
};
use super::otps::send_sms_code;
use super::sessions::{add_factor_to_session, jwt_for, session_fields};
use super::{member_json, obj, org_json, respond};
use crate::error::{ApiResult, StytchError};
use crate::extract::{Ctx, StytchJson};
use crate::facts;
use crate::ids;
use crate::model::{
    Factor, FactorKind, IntermediateSession, MagicLink, Member, Message, Organization, Sequence,
};
use crate::wording;
use crate::world::{self, valid_email, World};
use crate::Emulator;

#[derive(Deserialize)]
#[allow(dead_code)] // accepted, not acted on: templates change only the email's words
pub(super) struct LoginOrSignup {
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
pub(super) async fn login_or_signup(
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
    let pkce_code_challenge = checked_challenge(&ctx, some(b.pkce_code_challenge))?;
    let locale = checked_locale(&ctx, some(b.locale), facts::MAGIC_LINK_LOCALES)?;
    if ctx.sdk() && ctx.settings.sdk.magic_links.pkce_required && pkce_code_challenge.is_none() {
        return Err(ctx.err(
            facts::PKCE_REQUIRED_REFUSAL,
            "PKCE is required for magic links in this project's SDK configuration: send a pkce_code_challenge.",
        ));
    }
    let mut w = emu.world();
    let org = w.org(&ctx, &b.organization_id)?.clone();
    if is_sandbox_login(&org.organization_id, &email) {
        // Documented sandbox: 200 and no email.
        let m = w
            .members
            .get(facts::SANDBOX_MEMBER_ID)
            .ok_or_else(|| world::internal(&ctx))?;
        return Ok(login_answer(&ctx, m, false, &org, now));
    }
    let login_url = registered_redirect(&ctx, b.login_redirect_url, "LOGIN", "login_redirect_url")?;
    let signup_url =
        registered_redirect(&ctx, b.signup_redirect_url, "SIGNUP", "signup_redirect_url")?;
    let (member, created) = member_for_email(&mut w, &ctx, &org, &email, now)?;
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
            member_id: member.member_id.clone(),
            organization_id: org.organization_id.clone(),
            redirect_url,
            pkce_code_challenge,
            expires_at: now + Duration::minutes(minutes),
            used: false,
        },
    );
    let public_token = emu.project().public_token.clone();
    w.send(login_email(
        &ctx,
        &public_token,
        &org,
        &email,
        &token,
        signup,
        minutes,
        locale.as_deref(),
        now,
    ));
    if ctx.sdk() {
        return Ok(respond(&ctx, Map::new()));
    }
    Ok(login_answer(&ctx, &member, created, &org, now))
}

/// GET /v1/magic_links/redirect?…&token=… — the email's link: 302 to the redirect URL the
/// flow was started with, adding `stytch_token_type` and `token`.
pub(super) async fn redirect(State(emu): State<Emulator>, RawQuery(query): RawQuery) -> Response {
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
pub(super) struct MagicLinkAuthenticate {
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
pub(super) async fn authenticate(
    State(emu): State<Emulator>,
    ctx: Ctx,
    StytchJson(b): StytchJson<MagicLinkAuthenticate>,
) -> ApiResult<Response> {
    let now = emu.now();
    let minutes = session_minutes(&ctx, b.session_duration_minutes, true)?;
    // The language of the SMS Stytch sends itself when MFA follows; the magic-link list.
    let locale = checked_locale(&ctx, some(b.locale), facts::MAGIC_LINK_LOCALES)?;
    let session = SessionArgs::at_most_one(&ctx, b.session_token, b.session_jwt)?;
    let pkce_code_verifier = checked_verifier(&ctx, some(b.pkce_code_verifier))?;
    let token = b.magic_links_token;
    let sandbox = sandbox_magic_link(&ctx, &token)?;
    let mut w = emu.world();
    if let Some(v) = &pkce_code_verifier {
        w.pkce_verifiers_received.push(v.clone());
    }
    let (member_id, organization_id) = match sandbox {
        Some(owner) => owner,
        None => check_link(&w, &ctx, &token, pkce_code_verifier, now)?,
    };
    // A session to add the factor to, when it belongs to the same member (otherwise ignored).
    let existing = if session.given() {
        let id = session.resolve(&w, &ctx, &emu, now)?;
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
    let member = verify_email(&mut w, &ctx, &member_id, now)?;
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
    if org.requires_mfa() || member.mfa_enrolled {
        let mfa = start_mfa(&mut w, &ctx, &member, &org, factor, locale.as_deref(), now);
        body.extend(mfa);
        return Ok(respond(&ctx, body));
    }
    let claims = b.session_custom_claims.as_ref();
    let session_id = match existing {
        Some(id) => {
            add_factor_to_session(&mut w, &id, factor, now, minutes, claims);
            id
        }
        None => w.create_session(
            &ctx,
            &member.member_id,
            &org.organization_id,
            vec![factor],
            minutes.unwrap_or(facts::SESSION_DEFAULT_MINUTES),
            claims,
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
// Steps of login_or_signup
// ---------------------------------------------------------------------------------------------

/// The backend API's answer: the member, whether it was created, and the organization.
fn login_answer(
    ctx: &Ctx,
    member: &Member,
    created: bool,
    org: &Organization,
    now: OffsetDateTime,
) -> Response {
    respond(
        ctx,
        obj(json!({
            "member_id": member.member_id,
            "member_created": created,
            "member": member_json(member, now),
            "organization": org_json(org),
        })),
    )
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

/// The URL a flow redirects to: the one given, registered for `type_` (exact match), or the
/// type's default when none is given (https://stytch.com/docs/b2b/api/url-validation). No
/// default for the type refuses like an unregistered URL (**inferred**).
fn registered_redirect(
    ctx: &Ctx,
    given: Option<String>,
    type_: &str,
    field: &str,
) -> ApiResult<String> {
    let urls = &ctx.settings.redirect_urls;
    let refused = |why: String| ctx.err(facts::NO_MATCH_FOR_PROVIDED_MAGIC_LINK_URL, why);
    match some(given) {
        Some(url) if urls.allows(&url, type_) => Ok(url),
        Some(url) => Err(refused(format!(
            "The {field} {url:?} did not match any redirect URL of type {type_} set for this project."
        ))),
        None => urls.default_for(type_).map(str::to_string).ok_or_else(|| {
            refused(format!(
                "No {field} was given and the project has no default {type_} redirect URL."
            ))
        }),
    }
}

/// The member with this address, or a new pending one when the organization's JIT provisioning
/// allows the address's domain; and whether it was created.
fn member_for_email(
    w: &mut World,
    ctx: &Ctx,
    org: &Organization,
    email: &str,
    now: OffsetDateTime,
) -> ApiResult<(Member, bool)> {
    if let Some(m) = w.member_by_email(&org.organization_id, email) {
        return Ok((m.clone(), false));
    }
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
    let m = world::new_member(&org.organization_id, email, "pending", ctx.live, now);
    w.members.insert(m.member_id.clone(), m.clone());
    Ok((m, true))
}

/// The login (or sign-up) email, its link on the host the caller used to reach us.
#[allow(clippy::too_many_arguments)]
fn login_email(
    ctx: &Ctx,
    public_token: &str,
    org: &Organization,
    to: &str,
    token: &str,
    signup: bool,
    minutes: i64,
    locale: Option<&str>,
    now: OffsetDateTime,
) -> Message {
    let encoded: String = url::form_urlencoded::byte_serialize(token.as_bytes()).collect();
    let link = format!(
        "http://{}{}?public_token={}&stytch_token_type={}&token={encoded}",
        ctx.host,
        facts::MAGIC_LINK_REDIRECT_ROUTE.path,
        public_token,
        facts::MAGIC_LINK_TOKEN_TYPE,
    );
    let (subject, body) = wording::email(locale, signup, &org.organization_name, minutes, &link);
    Message {
        id: ids::id("email", ctx.live),
        channel: "email",
        to: to.to_string(),
        sent_at: now,
        subject,
        body,
        link: Some(link),
        code: None,
        locale: locale.map(str::to_owned),
    }
}

// ---------------------------------------------------------------------------------------------
// PKCE
// ---------------------------------------------------------------------------------------------

/// base64url (no padding) of SHA-256 of the verifier's ASCII.
fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// RFC 7636 §4.2: an S256 challenge is base64url, no padding, of a 32-byte digest.
fn checked_challenge(ctx: &Ctx, challenge: Option<String>) -> ApiResult<Option<String>> {
    let valid = |c: &str| {
        c.len() == facts::PKCE_CHALLENGE_LEN
            && URL_SAFE_NO_PAD
                .decode(c)
                .is_ok_and(|digest| digest.len() == 32)
    };
    if challenge.as_deref().is_some_and(|c| !valid(c)) {
        return Err(ctx.err(
            facts::INVALID_PKCE_CODE_CHALLENGE,
            "pkce_code_challenge must be the base64url (no padding) SHA-256 of the verifier: 43 characters.",
        ));
    }
    Ok(challenge)
}

/// RFC 7636 §4.1: 43 to 128 characters of `[A-Za-z0-9-._~]`.
fn checked_verifier(ctx: &Ctx, verifier: Option<String>) -> ApiResult<Option<String>> {
    let valid = |v: &str| {
        (facts::PKCE_VERIFIER_MIN_LEN..=facts::PKCE_VERIFIER_MAX_LEN).contains(&v.len())
            && v.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
    };
    if verifier.as_deref().is_some_and(|v| !valid(v)) {
        return Err(ctx.err(
            facts::INVALID_PKCE_CODE_VERIFIER,
            "pkce_code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9, -, ., _ and ~.",
        ));
    }
    Ok(verifier)
}

// ---------------------------------------------------------------------------------------------
// Steps of authenticate
// ---------------------------------------------------------------------------------------------

/// A link that can be redeemed (known, unused, unexpired, its PKCE verifier matching the flow's
/// challenge): its member and organization ids. It is not marked used here.
fn check_link(
    w: &World,
    ctx: &Ctx,
    token: &str,
    pkce_code_verifier: Option<String>,
    now: OffsetDateTime,
) -> ApiResult<(String, String)> {
    let link = w.magic_links.get(token).ok_or_else(|| {
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
        (Some(_), None) => return Err(ctx.err(
            facts::PKCE_EXPECTED_CODE_VERIFIER,
            "This flow was started with a PKCE code challenge: a pkce_code_verifier is required.",
        )),
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
    Ok((link.member_id.clone(), link.organization_id.clone()))
}

/// The link proves the address: a pending or invited member becomes active, the email verified;
/// the failure count resets while no lock is active.
fn verify_email(
    w: &mut World,
    ctx: &Ctx,
    member_id: &str,
    now: OffsetDateTime,
) -> ApiResult<Member> {
    let m = w
        .members
        .get_mut(member_id)
        .ok_or_else(|| ctx.err(facts::MEMBER_NOT_FOUND, "Member could not be found."))?;
    if m.status == "pending" || m.status == "invited" {
        m.status = "active".into();
    }
    if !m.email_address_verified {
        m.email_address_verified = true;
        m.updated_at = now;
    }
    if !m.is_locked(now) {
        m.failed_attempts = 0;
    }
    Ok(m.clone())
}

/// MFA is needed: an intermediate session holding the email factor, and the answer's fields for
/// it. Stytch sends the code itself only to a member with a phone who is MFA-enrolled
/// (stytch-node lib/b2b/otp_sms.ts, send); the client must then not send another.
fn start_mfa(
    w: &mut World,
    ctx: &Ctx,
    member: &Member,
    org: &Organization,
    factor: Factor,
    locale: Option<&str>,
    now: OffsetDateTime,
) -> Map<String, Value> {
    let ist = ids::opaque_token();
    w.ists.insert(
        ist.clone(),
        IntermediateSession {
            member_id: member.member_id.clone(),
            organization_id: org.organization_id.clone(),
            expires_at: now + facts::IST_LIFETIME,
            factors: vec![factor],
            consumed: false,
        },
    );
    let member_options = if member.has_phone() || member.has_totp() {
        json!({
            "mfa_phone_number": if member.has_phone() { ids::mask_phone(&member.mfa_phone_number) } else { String::new() },
            "totp_registration_id": member.totp_registration_id,
        })
    } else {
        Value::Null
    };
    let initiated = if facts::sms_sent_after_primary_factor(
        member.has_phone(),
        member.mfa_enrolled,
        member.default_mfa_method == "totp",
    ) {
        send_sms_code(
            w,
            ctx.live,
            &member.member_id,
            &member.mfa_phone_number,
            &org.organization_name,
            locale,
            now,
        );
        json!("sms_otp")
    } else {
        Value::Null
    };
    obj(json!({
        "member": member_json(member, now),
        "member_authenticated": false,
        "intermediate_session_token": ist,
        "session_token": "",
        "session_jwt": "",
        "member_session": null,
        "mfa_required": {
            "member_options": member_options,
            "secondary_auth_initiated": initiated,
        },
    }))
}
