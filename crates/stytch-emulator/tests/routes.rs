//! The route table (`stytch_emulator::ROUTES`) is exactly what is served: every entry answers
//! (never `route_not_found` or 405), routes Stytch does not publish answer 404 `route_not_found`;
//! and the two SDK organization routes, `search` and `me`.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use stytch_emulator::{Emulator, ROUTES};
use tower::ServiceExt;

async fn oneshot(emu: &Emulator, req: Request<Body>) -> (StatusCode, Value) {
    let res = emu.router().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| panic!("not JSON ({status}): {}", String::from_utf8_lossy(&bytes)));
    (status, body)
}

/// A session token of ada's, minted through the backend API.
async fn ada_session_token(emu: &Emulator) -> String {
    let req = |path: &str, body: Value| {
        Request::post(path)
            .header("Authorization", basic(emu.project_id(), emu.secret()))
            .header("Content-Type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let (status, _) = oneshot(
        emu,
        req(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": ADA}),
        ),
    )
    .await;
    assert_eq!(status, 200);
    let link = emu.outbox(Some(ADA)).last().unwrap().link.clone().unwrap();
    let token = url::Url::parse(&link)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "token")
        .unwrap()
        .1
        .into_owned();
    let (status, body) = oneshot(
        emu,
        req(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token}),
        ),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["session_token"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn every_route_in_the_table_is_served() {
    let emu = Emulator::demo();
    let session = ada_session_token(&emu).await;
    for r in ROUTES {
        let path = r
            .path
            .replace("{organization_id}", ORG)
            .replace("{member_id}", "member-test-nobody")
            .replace("{project_id}", emu.project_id());
        let mut req = Request::builder().method(r.method).uri(&path);
        if path.starts_with("/sdk/") {
            let password =
                if path.ends_with("/organizations/me") || path.ends_with("/recovery_codes") {
                    session.as_str()
                } else {
                    emu.public_token()
                };
            req = req
                .header("Authorization", basic(emu.public_token(), password))
                .header("X-SDK-Client", sdk_client(GATEHOUSE_APP));
        } else if !path.contains("/jwks/") {
            req = req.header("Authorization", basic(emu.project_id(), emu.secret()));
        }
        let body = if r.method == "GET" { "" } else { "{}" };
        let (status, res) = oneshot(&emu, req.body(Body::from(body)).unwrap()).await;
        assert_ne!(
            status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{} {path}: {res}",
            r.method
        );
        assert_ne!(
            res["error_type"], "route_not_found",
            "{} {path}: {res}",
            r.method
        );
        assert!(
            !r.source.is_empty(),
            "{} {} names no source",
            r.method,
            r.path
        );
    }
}

#[tokio::test]
async fn routes_stytch_does_not_publish_are_unknown() {
    let emu = Emulator::demo();
    let sdk = basic(emu.public_token(), emu.public_token());
    let backend = basic(emu.project_id(), emu.secret());
    for (path, auth) in [
        ("/sdk/v1/b2b/organizations/example-org".to_string(), &sdk),
        (format!("/sdk/v1/b2b/organizations/{ORG}"), &sdk),
        (
            format!("/sdk/v1/b2b/sessions/jwks/{}", emu.project_id()),
            &sdk,
        ),
        (
            format!("/sdk/v1/b2b/sessions/jwks/{}", emu.project_id()),
            &backend,
        ),
    ] {
        let req = Request::get(&path)
            .header("Authorization", auth.as_str())
            .body(Body::empty())
            .unwrap();
        let (status, res) = oneshot(&emu, req).await;
        assert_stytch_error(status, &res, 404, "route_not_found");
    }
}

#[tokio::test]
async fn the_jwks_needs_no_credentials_and_accepts_backend_ones() {
    let emu = Emulator::demo();
    let path = format!("/v1/b2b/sessions/jwks/{}", emu.project_id());
    for auth in [None, Some(basic(emu.project_id(), emu.secret()))] {
        let mut req = Request::get(&path);
        if let Some(auth) = auth {
            req = req.header("Authorization", auth);
        }
        let (status, res) = oneshot(&emu, req.body(Body::empty()).unwrap()).await;
        assert_eq!(status, 200, "{res}");
        assert_eq!(res["keys"][0]["alg"], "RS256", "bare, not in an envelope");
    }
}

#[tokio::test]
async fn organization_search_answers_the_subset_or_null() {
    let h = start().await;
    let (status, res) = h
        .sdk_post(
            "/v1/b2b/organizations/search",
            json!({"organization_slug": "example-org"}),
            None,
        )
        .await;
    assert_eq!(status, 200, "{res}");
    assert_eq!(res["data"]["status_code"], 200);
    assert!(res["data"]["request_id"]
        .as_str()
        .unwrap()
        .starts_with("request-id-test-"));
    let org = res["data"]["organization"].as_object().unwrap();
    let mut keys: Vec<&str> = org.keys().map(String::as_str).collect();
    let mut want = stytch_emulator::facts::SEARCH_ORGANIZATION_FIELDS.to_vec();
    keys.sort_unstable();
    want.sort_unstable();
    assert_eq!(keys, want);
    assert_eq!(org["organization_id"], ORG);
    assert_eq!(org["organization_name"], "Example Org");
    assert_eq!(org["email_allowed_domains"], json!(["example.com"]));
    assert!(org["sso_default_connection_id"].is_null());
    // An unknown slug is not an error.
    let (status, res) = h
        .sdk_post(
            "/v1/b2b/organizations/search",
            json!({"organization_slug": "no-such-org"}),
            None,
        )
        .await;
    assert_eq!(status, 200, "{res}");
    assert!(res["data"]["organization"].is_null(), "{res}");
    assert_eq!(res["data"]["status_code"], 200);
    // Nor is the sandbox organization visible to the SDK.
    let (_, res) = h
        .sdk_post(
            "/v1/b2b/organizations/search",
            json!({"organization_slug": "stytch-sandbox-organization"}),
            None,
        )
        .await;
    assert!(res["data"]["organization"].is_null(), "{res}");
    // The slug is required: a schema error.
    let (status, res) = h
        .sdk_post("/v1/b2b/organizations/search", json!({}), None)
        .await;
    assert_eq!(status, 400, "{res}");
    assert_eq!(
        res["body"][0]["params"]["missingProperty"],
        "organization_slug"
    );
}

#[tokio::test]
async fn organization_me_needs_a_session_in_the_header() {
    let h = start().await;
    let session = h.ada_session().await;
    let get = |auth: String| {
        h.http
            .get(format!("{}/sdk/v1/b2b/organizations/me", h.base))
            .header("Authorization", auth)
            .header("X-SDK-Client", sdk_client(GATEHOUSE_APP))
            .send()
    };
    for token in [&session["session_token"], &session["session_jwt"]] {
        let res = get(h.sdk_auth(token.as_str())).await.unwrap();
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        let org = &body["data"]["organization"];
        assert_eq!(org["organization_id"], ORG);
        assert_eq!(org["mfa_policy"], "OPTIONAL", "the full organization");
        assert_eq!(org["mfa_methods"], "ALL_ALLOWED");
        assert_eq!(body["data"]["status_code"], 200);
    }
    let res = get(h.sdk_auth(None)).await.unwrap();
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_stytch_error(status, &body, 401, "unauthorized_credentials");
    let res = get(h.sdk_auth(Some("not-a-session-token"))).await.unwrap();
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_stytch_error(status, &body, 404, "session_not_found");
}
