//! Sessions: authenticate (extends only when asked), expiry, revoke, JWTs and the JWKS.

mod common;

use common::*;
use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde_json::{json, Value};

fn ts(v: &Value) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(
        v.as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap()
}

#[tokio::test]
async fn authenticate_does_not_extend_unless_asked() {
    let h = start().await;
    let s = h.ada_session().await;
    let token = s["session_token"].clone();
    let expires = ts(&s["member_session"]["expires_at"]);
    h.advance(600).await;
    let (status, res) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_token": token}),
        )
        .await;
    assert_eq!(status, 200, "{res}");
    assert_eq!(ts(&res["member_session"]["expires_at"]), expires);
    assert!(
        ts(&res["member_session"]["last_accessed_at"])
            > ts(&s["member_session"]["last_accessed_at"])
    );
    assert_eq!(res["session_token"], token);
    assert_eq!(res["member"]["email_address"], ADA);
    assert_eq!(res["organization"]["organization_name"], "Example Org");
    let (status, res) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_token": token, "session_duration_minutes": 120}),
        )
        .await;
    assert_eq!(status, 200, "{res}");
    let now = ts(&res["member_session"]["last_accessed_at"]);
    assert_eq!(
        (ts(&res["member_session"]["expires_at"]) - now).whole_minutes(),
        120
    );
}

#[tokio::test]
async fn sessions_expire() {
    let h = start().await;
    let s = h.ada_session().await;
    h.advance(60 * 60 + 1).await;
    let (status, res) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_token": s["session_token"]}),
        )
        .await;
    assert_stytch_error(status, &res, 404, "session_not_found");
}

#[tokio::test]
async fn authenticate_argument_errors() {
    let h = start().await;
    let (status, res) = h.post("/v1/b2b/sessions/authenticate", json!({})).await;
    assert_stytch_error(status, &res, 400, "no_session_arguments");
    let (status, res) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_token": "a", "session_jwt": "b"}),
        )
        .await;
    assert_stytch_error(status, &res, 400, "too_many_session_arguments");
    let (status, res) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_token": "nope"}),
        )
        .await;
    assert_stytch_error(status, &res, 404, "session_not_found");
    let (status, res) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_jwt": "a.b.c"}),
        )
        .await;
    assert_stytch_error(status, &res, 400, "unable_to_parse_session_jwt");
    let s = h.ada_session().await;
    let (status, res) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_token": s["session_token"], "session_duration_minutes": 4}),
        )
        .await;
    assert_stytch_error(status, &res, 400, "invalid_session_duration_minutes");
}

#[tokio::test]
async fn revoke_by_token_then_the_token_is_dead() {
    let h = start().await;
    let s = h.ada_session().await;
    let (status, res) = h
        .post(
            "/v1/b2b/sessions/revoke",
            json!({"session_token": s["session_token"]}),
        )
        .await;
    assert_eq!(status, 200, "{res}");
    assert!(res["request_id"]
        .as_str()
        .unwrap()
        .starts_with("request-id-test-"));
    let (status, res) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_token": s["session_token"]}),
        )
        .await;
    assert_stytch_error(status, &res, 404, "session_not_found");
    let (status, res) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_jwt": s["session_jwt"]}),
        )
        .await;
    assert_stytch_error(status, &res, 404, "session_not_found");
}

#[tokio::test]
async fn revoke_by_id_by_member_and_argument_errors() {
    let h = start().await;
    let a = h.ada_session().await;
    let b = h.ada_session().await;
    let (status, _) = h
        .post(
            "/v1/b2b/sessions/revoke",
            json!({"member_session_id": a["member_session"]["member_session_id"]}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_token": b["session_token"]}),
        )
        .await;
    assert_eq!(status, 200, "revoking one session leaves the other");
    let (status, _) = h
        .post(
            "/v1/b2b/sessions/revoke",
            json!({"member_id": a["member_id"]}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_token": b["session_token"]}),
        )
        .await;
    assert_eq!(status, 404);
    let (status, res) = h.post("/v1/b2b/sessions/revoke", json!({})).await;
    assert_stytch_error(status, &res, 400, "no_session_revoke_arguments");
    let (status, res) = h
        .post(
            "/v1/b2b/sessions/revoke",
            json!({"session_token": "a", "member_id": "b"}),
        )
        .await;
    assert_stytch_error(status, &res, 400, "too_many_session_revoke_arguments");
}

#[tokio::test]
async fn sdk_sessions_take_the_token_from_the_basic_header() {
    let h = start().await;
    let s = h.ada_session().await;
    let token = s["session_token"].as_str().unwrap();
    let (status, res) = h
        .sdk_post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_duration_minutes": 30}),
            Some(token),
        )
        .await;
    assert_eq!(status, 200, "{res}");
    assert_eq!(res["data"]["session_token"], token);
    // The JWT works in the header too.
    let jwt = res["data"]["session_jwt"].as_str().unwrap();
    let (status, res) = h
        .sdk_post("/v1/b2b/sessions/authenticate", json!({}), Some(jwt))
        .await;
    assert_eq!(status, 200, "{res}");
    // Revoke with no body: the header names the session.
    let res = h
        .http
        .post(format!("{}/sdk/v1/b2b/sessions/revoke", h.base))
        .header("Authorization", h.sdk_auth(Some(token)))
        .header("X-SDK-Client", sdk_client(GATEHOUSE_APP))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["data"]["status_code"], 200);
    let (status, res) = h
        .sdk_post("/v1/b2b/sessions/authenticate", json!({}), Some(token))
        .await;
    assert_stytch_error(status, &res, 404, "session_not_found");
    // Without a session in the header.
    let (status, res) = h
        .sdk_post("/v1/b2b/sessions/authenticate", json!({}), None)
        .await;
    assert_stytch_error(status, &res, 404, "session_not_found");
}

#[tokio::test]
async fn jwt_is_rs256_with_the_published_kid_and_the_reference_claims() {
    // The official stytch crate (a dev-dependency) turns on jsonwebtoken's aws_lc_rs beside
    // rust_crypto; with both, jsonwebtoken needs its provider chosen explicitly.
    let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
    let h = start().await;
    let s = h.ada_session().await;
    let jwt = s["session_jwt"].as_str().unwrap();
    let (status, jwks) = h
        .get(&format!("/v1/b2b/sessions/jwks/{}", h.emu().project_id()))
        .await;
    assert_eq!(status, 200, "{jwks}");
    let key = &jwks["keys"][0];
    for field in [
        "kty", "use", "key_ops", "alg", "kid", "x5c", "x5tS256", "n", "e",
    ] {
        assert!(!key[field].is_null(), "JWK lacks {field}: {key}");
    }
    assert_eq!(key["alg"], "RS256");
    let header = decode_header(jwt).unwrap();
    assert_eq!(header.alg, Algorithm::RS256);
    assert_eq!(header.kid.as_deref(), key["kid"].as_str());
    let project = h.emu().project_id();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&[project]);
    validation.set_issuer(&[format!("stytch.com/{project}")]);
    let decoding =
        DecodingKey::from_rsa_components(key["n"].as_str().unwrap(), key["e"].as_str().unwrap())
            .unwrap();
    let claims = decode::<Value>(jwt, &decoding, &validation)
        .expect("valid JWT")
        .claims;
    assert_eq!(claims["sub"], s["member_id"]);
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        300
    );
    assert_eq!(claims["nbf"], claims["iat"]);
    let session = &claims["https://stytch.com/session"];
    assert_eq!(session["id"], s["member_session"]["member_session_id"]);
    assert_eq!(session["expires_at"], s["member_session"]["expires_at"]);
    assert_eq!(session["authentication_factors"][0]["type"], "magic_link");
    assert!(session["attributes"].get("user_agent").is_some());
    assert_eq!(
        claims["https://stytch.com/organization"]["organization_id"],
        ORG
    );
    assert_eq!(
        claims["https://stytch.com/organization"]["slug"],
        "example-org"
    );
    // The JWKS needs no credentials (stytch-node fetches it with none); there is no SDK path.
    let res = h
        .http
        .get(format!("{}/v1/b2b/sessions/jwks/{project}", h.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["keys"][0]["kid"], key["kid"]);
    let res = h
        .http
        .get(format!("{}/sdk/v1/b2b/sessions/jwks/{project}", h.base))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_stytch_error(status, &body, 404, "route_not_found");
}

#[tokio::test]
async fn custom_claims_go_to_the_top_level_of_the_jwt() {
    let h = start().await;
    let token = h.magic_link(ADA, json!({})).await;
    let (_, s) = h
        .post("/v1/b2b/magic_links/authenticate", json!({"magic_links_token": token, "session_custom_claims": {"team": "ops", "iss": "evil"}}))
        .await;
    assert_eq!(s["member_session"]["custom_claims"]["team"], "ops");
    let payload = s["session_jwt"]
        .as_str()
        .unwrap()
        .split('.')
        .nth(1)
        .unwrap();
    use base64::Engine as _;
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["team"], "ops");
    assert_eq!(
        claims["iss"],
        format!("stytch.com/{}", h.emu().project_id()),
        "reserved claims cannot be overridden"
    );
}

#[tokio::test]
async fn jwks_for_another_project_is_not_found() {
    let h = start().await;
    let (status, res) = h
        .get("/v1/b2b/sessions/jwks/project-test-00000000-0000-0000-0000-000000000000")
        .await;
    assert_stytch_error(status, &res, 404, "project_not_found");
}

#[tokio::test]
async fn organizations_by_id_or_slug_and_update_by_put_or_post() {
    let h = start().await;
    let (status, by_id) = h
        .get(&format!(
            "/v1/b2b/organizations/{ORG}?organization_id={ORG}"
        ))
        .await;
    assert_eq!(status, 200, "{by_id}");
    let (status, by_slug) = h.get("/v1/b2b/organizations/example-org").await;
    assert_eq!(status, 200);
    assert_eq!(by_id["organization"], by_slug["organization"]);
    let org = &by_id["organization"];
    assert_eq!(org["mfa_policy"], "OPTIONAL");
    assert_eq!(org["email_allowed_domains"], json!(["example.com"]));
    // POST, as the guide's curl does.
    let res = h
        .http
        .post(format!("{}/v1/b2b/organizations/{ORG}", h.base))
        .header("Authorization", h.backend_auth())
        .json(&json!({"mfa_policy": "REQUIRED_FOR_ALL", "organization_name": null}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["organization"]["mfa_policy"], "REQUIRED_FOR_ALL");
    assert_eq!(
        body["organization"]["organization_name"], "Example Org",
        "null leaves a field alone"
    );
    let res = h
        .http
        .put(format!("{}/v1/b2b/organizations/{ORG}", h.base))
        .header("Authorization", h.backend_auth())
        .json(&json!({"mfa_policy": "SOMETIMES"}))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_stytch_error(status, &body, 400, "invalid_organization_mfa_policy");
    let (status, res) = h.get("/v1/b2b/organizations/organization-test-nope").await;
    assert_stytch_error(status, &res, 404, "organization_not_found");
    // The SDK has no organization-by-id route.
    let res = h
        .http
        .get(format!("{}/sdk/v1/b2b/organizations/example-org", h.base))
        .header("Authorization", h.sdk_auth(None))
        .header("X-SDK-Client", sdk_client(GATEHOUSE_APP))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_stytch_error(status, &body, 404, "route_not_found");
}
