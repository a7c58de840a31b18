//! SessionJwtVerifier: Stytch's session JWTs checked offline against the JWKS.

mod common;

use std::time::Duration;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use common::{Harness, FAMILIES};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::{
    pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey},
    traits::PublicKeyParts,
    RsaPrivateKey,
};
use serde_json::{json, Value};
use stytch_b2b::{
    Error, FactorType, Jwk, Jwks, JwtRejection, ProjectId, SessionJwt, SessionJwtVerifier,
};

const PROJECT: &str = "project-test-00000000-0000-4000-8000-000000000001";

struct TestKey {
    enc: EncodingKey,
    jwk: Jwk,
}

fn test_key(kid: &str) -> TestKey {
    let pem = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/jwt_test_key.pem"
    ))
    .unwrap();
    let key = RsaPrivateKey::from_pkcs1_pem(&pem).unwrap();
    let der = key.to_pkcs1_der().unwrap();
    let jwk = Jwk {
        kty: "RSA".into(),
        key_use: "sig".into(),
        key_ops: vec!["verify".into()],
        alg: "RS256".into(),
        kid: kid.into(),
        x5c: vec![],
        x5t_s256: String::new(),
        n: URL_SAFE_NO_PAD.encode(key.n().to_bytes_be()),
        e: URL_SAFE_NO_PAD.encode(key.e().to_bytes_be()),
    };
    TestKey {
        enc: EncodingKey::from_rsa_der(der.as_bytes()),
        jwk,
    }
}

fn claims(iat: i64, exp: i64) -> Value {
    json!({
        "iss": format!("stytch.com/{PROJECT}"),
        "aud": [PROJECT],
        "sub": "member-test-1",
        "iat": iat, "nbf": iat, "exp": exp,
        "https://stytch.com/session": {
            "id": "member-session-test-1",
            "started_at": "2024-01-01T00:00:00Z",
            "last_accessed_at": "2024-01-01T00:00:00Z",
            "expires_at": "2024-01-01T01:00:00Z",
            "attributes": {"ip_address": "", "user_agent": ""},
            "authentication_factors": [],
            "roles": ["stytch_member"]
        },
        "https://stytch.com/organization": {"organization_id": "organization-test-1", "slug": "example-org"},
        "team": "blue"
    })
}

fn sign(key: &TestKey, claims: &Value) -> SessionJwt {
    stytch_b2b::use_rust_crypto();
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(key.jwk.kid.clone());
    SessionJwt::new(jsonwebtoken::encode(&header, claims, &key.enc).unwrap())
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn offline(key: &TestKey) -> SessionJwtVerifier {
    SessionJwtVerifier::from_jwks(
        ProjectId::new(PROJECT),
        &Jwks {
            keys: vec![key.jwk.clone()],
        },
    )
    .unwrap()
}

fn rejection(e: Error) -> JwtRejection {
    match e {
        Error::InvalidJwt(r) => r,
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_good_token_yields_typed_claims() {
    let key = test_key("kid-1");
    let jwt = sign(&key, &claims(now(), now() + 300));
    let c = offline(&key).verify(&jwt).await.unwrap();
    assert_eq!(c.sub.as_str(), "member-test-1");
    assert_eq!(c.aud, vec![PROJECT.to_owned()]);
    assert_eq!(c.session.id.as_str(), "member-session-test-1");
    assert_eq!(c.organization.slug, "example-org");
    assert_eq!(c.custom_claims["team"], "blue");
}

#[tokio::test]
async fn exp_nbf_iss_aud_and_signature_are_checked_with_a_small_leeway() {
    let key = test_key("kid-1");
    let v = offline(&key).with_leeway(Duration::from_secs(10));
    let t = now();
    // Expired 5 s ago: inside the leeway.
    v.verify(&sign(&key, &claims(t - 305, t - 5)))
        .await
        .unwrap();
    let e = v
        .verify(&sign(&key, &claims(t - 400, t - 60)))
        .await
        .unwrap_err();
    assert_eq!(rejection(e), JwtRejection::Expired);
    let mut future = claims(t, t + 300);
    future["nbf"] = json!(t + 120);
    let e = v.verify(&sign(&key, &future)).await.unwrap_err();
    assert_eq!(rejection(e), JwtRejection::NotYetValid);
    let mut iss = claims(t, t + 300);
    iss["iss"] = json!("stytch.com/project-test-other");
    assert_eq!(
        rejection(v.verify(&sign(&key, &iss)).await.unwrap_err()),
        JwtRejection::WrongIssuer
    );
    let mut aud = claims(t, t + 300);
    aud["aud"] = json!(["project-test-other"]);
    assert_eq!(
        rejection(v.verify(&sign(&key, &aud)).await.unwrap_err()),
        JwtRejection::WrongAudience
    );
    // Tampered payload.
    let good = sign(&key, &claims(t, t + 300));
    let parts: Vec<&str> = good.expose().split('.').collect();
    let mut other = claims(t, t + 300);
    other["sub"] = json!("member-test-evil");
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(other.to_string()),
        parts[2]
    );
    assert_eq!(
        rejection(v.verify(&SessionJwt::new(forged)).await.unwrap_err()),
        JwtRejection::BadSignature
    );
    assert!(matches!(
        rejection(v.verify(&SessionJwt::new("not.a.jwt")).await.unwrap_err()),
        JwtRejection::Malformed(_)
    ));
    let unknown = test_key("kid-2");
    assert_eq!(
        rejection(
            v.verify(&sign(&unknown, &claims(t, t + 300)))
                .await
                .unwrap_err()
        ),
        JwtRejection::UnknownKeyId
    );
}

#[tokio::test]
async fn verify_at_judges_exp_and_nbf_at_the_given_time_with_the_same_leeway() {
    let key = test_key("kid-1");
    let v = offline(&key).with_leeway(Duration::from_secs(10));
    let t = now();
    let at = |s: i64| time::OffsetDateTime::from_unix_timestamp(s).unwrap();
    // Minted 270 s ahead of this machine's clock (an emulated Stytch whose clock was moved).
    let ahead = sign(&key, &claims(t + 270, t + 570));
    let e = v.verify(&ahead).await.unwrap_err();
    assert_eq!(rejection(e), JwtRejection::NotYetValid, "the system clock");
    let c = v.verify_at(&ahead, at(t + 270)).await.unwrap();
    assert_eq!(c.exp, t + 570);
    v.verify_at(&ahead, at(t + 575)).await.unwrap();
    let e = v.verify_at(&ahead, at(t + 590)).await.unwrap_err();
    assert_eq!(rejection(e), JwtRejection::Expired);
    let e = v.verify_at(&ahead, at(t + 250)).await.unwrap_err();
    assert_eq!(rejection(e), JwtRejection::NotYetValid);
    // The signature is still checked.
    let mut forged = claims(t + 270, t + 570);
    forged["sub"] = json!("member-test-2");
    let other = sign(&test_key("kid-1"), &forged).expose().to_owned();
    let (head_body, _) = other.rsplit_once('.').unwrap();
    let (_, sig) = ahead.expose().rsplit_once('.').unwrap();
    let e = v
        .verify_at(&SessionJwt::new(format!("{head_body}.{sig}")), at(t + 270))
        .await
        .unwrap_err();
    assert_eq!(rejection(e), JwtRejection::BadSignature);
}

#[tokio::test]
async fn emulator_jwts_verify_and_the_jwks_is_fetched_once_and_refetched_at_most_once_a_minute() {
    for family in FAMILIES {
        let h = Harness::start().await;
        let client = h.client(family);
        let auth = h.primary_factor(&client, "ada@example.com").await;
        let jwt = auth.session_jwt.unwrap();
        let verifier = SessionJwtVerifier::new(client.clone(), h.project_id());
        // Both families fetch the backend path: there is no SDK JWKS route.
        let jwks_path = format!("/v1/b2b/sessions/jwks/{}", h.project_id());

        let c = verifier.verify(&jwt).await.unwrap();
        assert_eq!(c.sub, auth.member_id);
        assert_eq!(c.organization.organization_id, h.org_id());
        assert_eq!(
            c.session.authentication_factors[0].factor_type,
            FactorType::MagicLink
        );
        verifier.verify(&jwt).await.unwrap();
        assert_eq!(h.calls_to(&jwks_path).await, 1, "cached");

        // A kid the JWKS does not have: too soon after the first fetch to fetch again.
        let rogue = test_key("kid-rogue");
        let mut forged = claims(now(), now() + 300);
        forged["iss"] = json!(format!("stytch.com/{}", h.project_id()));
        forged["aud"] = json!([h.project_id().as_str()]);
        let e = verifier.verify(&sign(&rogue, &forged)).await.unwrap_err();
        assert_eq!(rejection(e), JwtRejection::UnknownKeyId);
        assert_eq!(
            h.calls_to(&jwks_path).await,
            1,
            "not refetched within a minute"
        );

        // With the pause over, an unknown kid triggers exactly one refetch.
        let eager = SessionJwtVerifier::new(client.clone(), h.project_id())
            .with_refetch_interval(Duration::ZERO);
        eager.verify(&jwt).await.unwrap();
        let e = eager.verify(&sign(&rogue, &forged)).await.unwrap_err();
        assert_eq!(rejection(e), JwtRejection::UnknownKeyId);
        assert_eq!(h.calls_to(&jwks_path).await, 3, "{family:?}");
    }
}
