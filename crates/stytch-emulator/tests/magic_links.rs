//! Email magic links: login_or_signup, the redirect, authenticate, PKCE, expiry, sandbox.

mod common;

use base64::Engine as _;
use common::*;
use serde_json::json;
use sha2::Digest;

#[tokio::test]
async fn login_email_links_to_the_emulator_redirect_which_goes_to_the_registered_url() {
    let h = start().await;
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": ADA, "login_redirect_url": "gatehouse://auth/callback"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["member_created"], false);
    assert_eq!(body["member"]["email_address"], ADA);
    assert_eq!(body["organization"]["organization_slug"], "example-org");
    let mail = h.outbox(ADA).await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0]["channel"], "email");
    let link = mail[0]["link"].as_str().unwrap();
    // Stytch's documented format (docs guides/magic-links/email-magic-links/redirect-routing).
    let parsed = url::Url::parse(link).unwrap();
    assert_eq!(parsed.path(), "/v1/magic_links/redirect", "{link}");
    let q: std::collections::HashMap<_, _> = parsed.query_pairs().into_owned().collect();
    assert_eq!(
        q["public_token"],
        stytch_emulator::DEMO_PUBLIC_TOKEN,
        "{link}"
    );
    assert_eq!(q["stytch_token_type"], "multi_tenant_magic_links", "{link}");
    assert_eq!(q["token"], h.latest_token(ADA).await, "{link}");
    let res = h.http.get(link).send().await.unwrap();
    assert_eq!(res.status(), 302);
    let location = res.headers()["location"].to_str().unwrap();
    let url = url::Url::parse(location).unwrap();
    assert_eq!(url.scheme(), "gatehouse");
    assert_eq!(url.host_str(), Some("auth"));
    assert_eq!(url.path(), "/callback");
    let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(q["stytch_token_type"], "multi_tenant_magic_links");
    assert_eq!(q["token"], h.latest_token(ADA).await);
}

#[tokio::test]
async fn redirect_with_an_unknown_token_is_a_stytch_404() {
    let h = start().await;
    let res = h
        .http
        .get(format!("{}/v1/magic_links/redirect?token=nope", h.base))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body: serde_json::Value = res.json().await.unwrap();
    assert_stytch_error(status, &body, 404, "magic_link_not_found");
}

#[tokio::test]
async fn unknown_address_at_an_allowed_domain_creates_a_pending_member_who_becomes_active() {
    let h = start().await;
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": "New.Person@Example.com"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["member_created"], true);
    assert_eq!(body["member"]["status"], "pending");
    assert_eq!(body["member"]["email_address_verified"], false);
    assert!(body["member_id"]
        .as_str()
        .unwrap()
        .starts_with("member-test-"));
    let mail = h.outbox("new.person@example.com").await;
    assert!(
        mail[0]["subject"].as_str().unwrap().starts_with("Sign up"),
        "{}",
        mail[0]
    );
    let token = h.latest_token("new.person@example.com").await;
    let (status, auth) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token}),
        )
        .await;
    assert_eq!(status, 200, "{auth}");
    assert_eq!(auth["member"]["status"], "active");
    assert_eq!(auth["member"]["email_address_verified"], true);
    // A second login_or_signup is a login now.
    let (_, again) = h
        .post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": "new.person@example.com"}),
        )
        .await;
    assert_eq!(again["member_created"], false);
}

#[tokio::test]
async fn address_outside_the_allowed_domains_is_refused() {
    let h = start().await;
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": "eve@evil.test"}),
        )
        .await;
    assert_stytch_error(status, &body, 400, "invalid_email_for_jit_provisioning");
    assert!(h.outbox("eve@evil.test").await.is_empty());
}

#[tokio::test]
async fn bad_email_and_unknown_organization_are_refused() {
    let h = start().await;
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": "not-an-email"}),
        )
        .await;
    assert_stytch_error(status, &body, 400, "invalid_email");
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": "organization-test-nope", "email_address": ADA}),
        )
        .await;
    assert_stytch_error(status, &body, 404, "organization_not_found");
}

#[tokio::test]
async fn unregistered_redirect_url_is_refused() {
    let h = start().await;
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": ADA, "login_redirect_url": "https://attacker.example/cb"}),
        )
        .await;
    assert_stytch_error(status, &body, 400, "no_match_for_provided_magic_link_url");
    assert!(h.outbox(ADA).await.is_empty());
}

#[tokio::test]
async fn tokens_are_single_use() {
    let h = start().await;
    let token = h.magic_link(ADA, json!({})).await;
    let (status, _) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token}),
        )
        .await;
    assert_stytch_error(status, &body, 401, "unable_to_auth_magic_link");
}

#[tokio::test]
async fn unknown_token_is_not_found() {
    let h = start().await;
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}),
        )
        .await;
    assert_stytch_error(status, &body, 404, "magic_link_not_found");
}

#[tokio::test]
async fn tokens_expire_after_60_minutes_by_default() {
    let h = start().await;
    let fresh = h.magic_link(ADA, json!({})).await;
    let stale = h.magic_link(ADA, json!({})).await;
    h.advance(59 * 60).await;
    let (status, _) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": fresh}),
        )
        .await;
    assert_eq!(status, 200, "still valid after 59 minutes");
    h.advance(61).await;
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": stale}),
        )
        .await;
    assert_stytch_error(status, &body, 401, "unable_to_auth_magic_link");
}

#[tokio::test]
async fn login_expiration_minutes_is_honoured_and_bounded() {
    let h = start().await;
    let token = h
        .magic_link(ADA, json!({"login_expiration_minutes": 5}))
        .await;
    h.advance(5 * 60 + 1).await;
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token}),
        )
        .await;
    assert_stytch_error(status, &body, 401, "unable_to_auth_magic_link");
    for bad in [4, 10081] {
        let (status, body) = h
            .post(
                "/v1/b2b/magic_links/email/login_or_signup",
                json!({"organization_id": ORG, "email_address": ADA, "login_expiration_minutes": bad}),
            )
            .await;
        assert_stytch_error(status, &body, 400, "invalid_expiration");
    }
}

fn challenge(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(verifier.as_bytes()))
}

#[tokio::test]
async fn pkce_is_enforced() {
    let h = start().await;
    let verifier = "a".repeat(64);
    let token = h
        .magic_link(ADA, json!({"pkce_code_challenge": challenge(&verifier)}))
        .await;
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token}),
        )
        .await;
    assert_stytch_error(status, &body, 400, "pkce_expected_code_verifier");
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token, "pkce_code_verifier": "b".repeat(64)}),
        )
        .await;
    assert_stytch_error(status, &body, 400, "pkce_mismatch");
    // Neither failure used the token up.
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token, "pkce_code_verifier": verifier}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["member_authenticated"], true);
}

#[tokio::test]
async fn sandbox_values_answer_as_documented_on_the_backend_only() {
    let h = start().await;
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": "organization-test-007d9d4a-deac-4a87-ba0a-e6e8afba4d4b", "email_address": "sandbox@stytch.com"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(
        h.outbox("sandbox@stytch.com").await.is_empty(),
        "no email for the sandbox address"
    );
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": "DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94="}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["member_authenticated"], true);
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": "3pzjQpgksDlGKWEwUq2Up--hCHC_0oamfLHyfspKDFU="}),
        )
        .await;
    assert_stytch_error(status, &body, 401, "unable_to_auth_magic_link");
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": "CprTtwhnRNiMBiUS2jSLcWYrfuO2POeBNdo5HhW6qTM="}),
        )
        .await;
    assert_stytch_error(status, &body, 404, "magic_link_not_found");
    // Not on the SDK API.
    let (status, body) = h
        .sdk_post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": "DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=", "session_duration_minutes": 60}),
            None,
        )
        .await;
    assert_stytch_error(status, &body, 404, "magic_link_not_found");
}

#[tokio::test]
async fn sdk_login_or_signup_answers_only_request_id_and_status_in_data() {
    let h = start().await;
    let (status, body) = h
        .sdk_post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": ADA,
                   "pkce_code_challenge": challenge(&"v".repeat(43))}),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let data = body["data"].as_object().expect("data envelope");
    let mut keys: Vec<_> = data.keys().cloned().collect();
    keys.sort();
    assert_eq!(keys, ["request_id", "status_code"]);
    assert_eq!(body.as_object().unwrap().len(), 1);
    assert_eq!(h.outbox(ADA).await.len(), 1);
}

#[tokio::test]
async fn sdk_authenticate_requires_session_duration_minutes() {
    let h = start().await;
    let token = h.magic_link(ADA, json!({})).await;
    let (status, body) = h
        .sdk_post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token}),
            None,
        )
        .await;
    // The SDK's schema-error shape, and the token is not used up.
    assert_eq!(status, 400, "{body}");
    assert!(body.get("error_type").is_none(), "{body}");
    assert_eq!(
        body["body"][0]["params"]["missingProperty"],
        "session_duration_minutes"
    );
    let (status, body) = h
        .sdk_post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token, "session_duration_minutes": 60}),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["member_authenticated"], true);
    assert!(body["data"]["session_token"].as_str().unwrap().len() >= 40);
}

#[tokio::test]
async fn session_duration_minutes_is_bounded() {
    let h = start().await;
    for bad in [4, 527041] {
        let token = h.magic_link(ADA, json!({})).await;
        let (status, body) = h
            .post(
                "/v1/b2b/magic_links/authenticate",
                json!({"magic_links_token": token, "session_duration_minutes": bad}),
            )
            .await;
        assert_stytch_error(status, &body, 400, "invalid_session_duration_minutes");
    }
    let token = h.magic_link(ADA, json!({})).await;
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token, "session_duration_minutes": 527040}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn both_session_token_and_jwt_is_an_error() {
    let h = start().await;
    let token = h.magic_link(ADA, json!({})).await;
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token, "session_token": "x", "session_jwt": "y"}),
        )
        .await;
    assert_stytch_error(status, &body, 400, "too_many_session_arguments");
}

#[tokio::test]
async fn authenticate_without_mfa_returns_a_full_session_with_the_email_factor() {
    let h = start().await;
    let body = h.ada_session().await;
    assert_eq!(body["member_authenticated"], true);
    assert_eq!(body["intermediate_session_token"], "");
    assert!(body["mfa_required"].is_null());
    assert!(body["primary_required"].is_null());
    assert_eq!(body["reset_sessions"], false);
    assert!(body["method_id"]
        .as_str()
        .unwrap()
        .starts_with("member-email-test-"));
    let s = &body["member_session"];
    assert!(s["member_session_id"]
        .as_str()
        .unwrap()
        .starts_with("member-session-test-"));
    assert_eq!(s["organization_slug"], "example-org");
    let f = &s["authentication_factors"][0];
    assert_eq!(f["type"], "magic_link");
    assert_eq!(f["delivery_method"], "email");
    assert_eq!(f["sequence_order"], "PRIMARY");
    assert_eq!(f["email_factor"]["email_address"], ADA);
    assert_eq!(f["email_factor"]["email_id"], body["method_id"]);
    // Sixty minutes by default, timestamps RFC 3339 with Z.
    let started = time::OffsetDateTime::parse(
        s["started_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let expires = time::OffsetDateTime::parse(
        s["expires_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!((expires - started).whole_minutes(), 60);
    assert!(s["expires_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(body["session_jwt"].as_str().unwrap().split('.').count(), 3);
}

#[tokio::test]
async fn malformed_pkce_values_are_refused() {
    let h = start().await;
    for bad in [
        "short",
        "Cx2oXSOCvaw2A4yFXRtrY7Iw1s9nwj6-Ln7JlHQRAAk=", // padded
        "Cx2oXSOCvaw2A4yFXRtrY7Iw1s9nwj6+Ln7JlHQRAAk",  // not base64url
        "Cx2oXSOCvaw2A4yFXRtrY7Iw1s9nwj6-Ln7JlHQRAAkAAA", // too long
    ] {
        let (status, body) = h
            .post(
                "/v1/b2b/magic_links/email/login_or_signup",
                json!({"organization_id": ORG, "email_address": ADA, "pkce_code_challenge": bad}),
            )
            .await;
        assert_stytch_error(status, &body, 400, "invalid_pkce_code_challenge");
    }
    assert!(h.outbox(ADA).await.is_empty(), "nothing sent");
    let verifier = "0123456789abcdef".repeat(4);
    let token = h
        .magic_link(ADA, json!({"pkce_code_challenge": challenge(&verifier)}))
        .await;
    for bad in [
        "a".repeat(42),
        "a".repeat(129),
        format!("{}!", "a".repeat(50)),
    ] {
        let (status, body) = h
            .post(
                "/v1/b2b/magic_links/authenticate",
                json!({"magic_links_token": token, "pkce_code_verifier": bad}),
            )
            .await;
        assert_stytch_error(status, &body, 400, "invalid_pkce_code_verifier");
    }
    // RFC 7636's whole alphabet, 43 and 128 characters, is accepted (then compared).
    for ok in [format!("{}-._~", "A".repeat(39)), "z9".repeat(64)] {
        let (status, body) = h
            .post(
                "/v1/b2b/magic_links/authenticate",
                json!({"magic_links_token": token, "pkce_code_verifier": ok}),
            )
            .await;
        assert_stytch_error(status, &body, 400, "pkce_mismatch");
    }
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token, "pkce_code_verifier": verifier}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn jit_refusals_are_not_403s() {
    let mut seed = stytch_emulator::Seed::demo();
    seed.organizations[0].email_jit_provisioning = Some("NOT_ALLOWED".into());
    let h = start_with(stytch_emulator::Emulator::from_seed(seed).unwrap()).await;
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": "new@example.com"}),
        )
        .await;
    assert_stytch_error(status, &body, 400, "email_jit_provisioning_not_allowed");
}
