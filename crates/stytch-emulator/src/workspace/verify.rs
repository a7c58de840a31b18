//! Checks the `stytch_session_jwt` cookie as a company backend would: the RS256 signature against
//! the project's JWKS (the keys `GET /v1/b2b/sessions/jwks/{project_id}` serves), `aud` =
//! `[project_id]`, `iss` = `stytch.com/{project_id}`, `nbf` and `exp` on the emulator's clock;
//! then, as an emulator convenience, that the session is still alive in the emulator's world, so
//! a revoked session reads as signed out at once (Stytch's JWT stays locally valid until `exp`
//! after a revoke, [`facts::JWT_VALID_UNTIL_EXP_AFTER_REVOKE`]; a backend that wants the same
//! calls sessions/authenticate with the `session_jwt`, which fails once the session has ended).

use axum::http::{header, HeaderMap};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::facts::{self, SESSION_JWT_COOKIE};
use crate::Emulator;

/// Who a valid cookie signs in.
#[derive(Debug)]
pub struct SignedIn {
    pub email: String,
    pub organization_name: String,
    pub member_id: String,
    pub expires_at: OffsetDateTime,
    /// The first 12 hex digits of the JWT's SHA-256: tells JWTs apart without showing one.
    pub jwt_id: String,
}

/// Why a request is signed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Missing,
    Malformed,
    BadSignature,
    WrongIssuer,
    WrongAudience,
    NotYetValid,
    Expired,
    SessionEnded,
}

impl Refusal {
    /// A stable code for tests (`data-reason`).
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Missing => "missing",
            Refusal::Malformed => "malformed",
            Refusal::BadSignature => "bad_signature",
            Refusal::WrongIssuer => "wrong_issuer",
            Refusal::WrongAudience => "wrong_audience",
            Refusal::NotYetValid => "not_yet_valid",
            Refusal::Expired => "expired",
            Refusal::SessionEnded => "session_ended",
        }
    }

    /// What a person reads.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::Missing => "No stytch_session_jwt cookie was sent.",
            Refusal::Malformed => "The session JWT is not a well-formed Stytch session JWT.",
            Refusal::BadSignature => {
                "The session JWT's signature does not verify against this project's JWKS."
            }
            Refusal::WrongIssuer => "The session JWT was not issued for this project.",
            Refusal::WrongAudience => "The session JWT is for another project (audience).",
            Refusal::NotYetValid => "The session JWT is not valid yet (nbf).",
            Refusal::Expired => "The session JWT has expired.",
            Refusal::SessionEnded => "The session has ended (revoked or expired).",
        }
    }
}

/// Checks the request's session cookie.
pub fn session_cookie(emu: &Emulator, headers: &HeaderMap) -> Result<SignedIn, Refusal> {
    let jwt = cookie(headers, SESSION_JWT_COOKIE).ok_or(Refusal::Missing)?;
    session_jwt(emu, &jwt)
}

/// Checks one session JWT.
pub fn session_jwt(emu: &Emulator, jwt: &str) -> Result<SignedIn, Refusal> {
    let claims = verified_claims(emu, jwt)?;
    let now = emu.now().unix_timestamp();
    let exp = claims["exp"].as_i64().ok_or(Refusal::Malformed)?;
    let nbf = claims["nbf"].as_i64().ok_or(Refusal::Malformed)?;
    if now < nbf {
        return Err(Refusal::NotYetValid);
    }
    if now >= exp {
        return Err(Refusal::Expired);
    }
    let expires_at = OffsetDateTime::from_unix_timestamp(exp).map_err(|_| Refusal::Malformed)?;
    let member_id = claims["sub"].as_str().ok_or(Refusal::Malformed)?;
    let session_id = claims["https://stytch.com/session"]["id"]
        .as_str()
        .ok_or(Refusal::Malformed)?;
    let w = emu.world();
    let session = w.sessions.get(session_id).ok_or(Refusal::SessionEnded)?;
    let member = w.members.get(member_id).ok_or(Refusal::SessionEnded)?;
    if !session.alive(emu.now()) || session.member_id != member_id || member.status == "deleted" {
        return Err(Refusal::SessionEnded);
    }
    let organization = w
        .org_by_id(&session.organization_id)
        .ok_or(Refusal::SessionEnded)?;
    Ok(SignedIn {
        email: member.email_address.clone(),
        organization_name: organization.organization_name.clone(),
        member_id: member_id.to_string(),
        expires_at,
        jwt_id: fingerprint(jwt),
    })
}

/// Signature (RS256, key chosen by `kid` from the JWKS), `aud` and `iss`; time is checked by the
/// caller on the emulator's clock, which `jsonwebtoken` does not know.
fn verified_claims(emu: &Emulator, jwt: &str) -> Result<Value, Refusal> {
    // jsonwebtoken picks its crypto from crate features and panics when a build enables two (the
    // `stytch` dev-dependency turns on `aws_lc_rs`): choose the pure-Rust one; one installed
    // first by someone else is fine too.
    let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
    let project_id = emu.project_id();
    let header = jsonwebtoken::decode_header(jwt).map_err(|_| Refusal::Malformed)?;
    let jwks: JwkSet = serde_json::from_value(json!({ "keys": [emu.key().jwk()] }))
        .map_err(|_| Refusal::BadSignature)?;
    let jwk = header
        .kid
        .as_deref()
        .and_then(|kid| jwks.find(kid))
        .ok_or(Refusal::BadSignature)?;
    let key = DecodingKey::from_jwk(jwk).map_err(|_| Refusal::BadSignature)?;
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
    validation.set_audience(&[project_id]);
    validation.validate_exp = false;
    validation.validate_nbf = false;
    let claims = jsonwebtoken::decode::<Value>(jwt, &key, &validation)
        .map_err(|e| match e.kind() {
            ErrorKind::InvalidSignature | ErrorKind::InvalidAlgorithm => Refusal::BadSignature,
            ErrorKind::InvalidAudience => Refusal::WrongAudience,
            _ => Refusal::Malformed,
        })?
        .claims;
    // After the audience, so that another project's JWT is named as such.
    if claims["iss"].as_str() != Some(facts::jwt_issuer(project_id).as_str()) {
        return Err(Refusal::WrongIssuer);
    }
    Ok(claims)
}

/// The first non-empty value of cookie `name` in the request's `Cookie` headers.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.trim_matches('"').to_string())
}

fn fingerprint(jwt: &str) -> String {
    Sha256::digest(jwt.as_bytes())
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(emu: &Emulator, change: Value) -> Value {
        let now = emu.now().unix_timestamp();
        let project_id = emu.project_id();
        let mut claims = json!({
            "iss": facts::jwt_issuer(project_id),
            "aud": [project_id],
            "sub": "member-test-00000000-0000-4000-8000-000000000000",
            "iat": now, "nbf": now, "exp": now + 300,
            "https://stytch.com/session": {"id": "member-session-test-none"},
        });
        if let (Some(c), Some(change)) = (claims.as_object_mut(), change.as_object()) {
            c.extend(change.clone());
        }
        claims
    }

    fn refusal(emu: &Emulator, change: Value) -> Refusal {
        let jwt = emu.key().sign(&claims(emu, change));
        session_jwt(emu, &jwt).unwrap_err()
    }

    #[test]
    fn each_claim_is_checked() {
        let emu = Emulator::demo();
        let now = emu.now().unix_timestamp();
        assert_eq!(refusal(&emu, json!({})), Refusal::SessionEnded);
        assert_eq!(
            refusal(&emu, json!({"iss": "stytch.com/project-test-other"})),
            Refusal::WrongIssuer
        );
        assert_eq!(
            refusal(&emu, json!({"aud": ["project-test-other"]})),
            Refusal::WrongAudience
        );
        assert_eq!(refusal(&emu, json!({"exp": now})), Refusal::Expired);
        assert_eq!(
            refusal(&emu, json!({"nbf": now + 60})),
            Refusal::NotYetValid
        );
        assert_eq!(refusal(&emu, json!({"sub": null})), Refusal::Malformed);
        assert_eq!(session_jwt(&emu, "a.b.c").unwrap_err(), Refusal::Malformed);
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            "a=1; stytch_session_jwt=x.y.z".parse().unwrap(),
        );
        assert_eq!(
            cookie(&headers, SESSION_JWT_COOKIE).as_deref(),
            Some("x.y.z")
        );
        assert_eq!(cookie(&HeaderMap::new(), SESSION_JWT_COOKIE), None);
    }
}
