//! The project's B2B SDK configuration, enforced on the client-SDK API: the default (Gatehouse's)
//! configuration signs in, and each switch turned off through the Management API refuses exactly
//! as Stytch does, then works again once turned back on. The backend API is never affected.

mod common;

use base64::Engine as _;
use common::*;
use emulator_control::Method;
use serde_json::{json, Value};
use sha2::Digest as _;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

const VERIFIER: &str = "gatehouse-pkce-verifier-0123456789abcdefghijklmnopqrstuvwxyz";

fn challenge() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(VERIFIER))
}

/// An SDK call with the headers given instead of the default `X-SDK-Client` (auth: the public
/// token).
async fn sdk_with_headers(
    h: &Harness,
    path: &str,
    body: Value,
    headers: &[(&str, &str)],
) -> (reqwest::StatusCode, Value) {
    let mut req = h
        .http
        .post(format!("{}/sdk{path}", h.base))
        .header("Authorization", h.sdk_auth(None))
        .json(&body);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = req.send().await.unwrap();
    (res.status(), res.json().await.unwrap())
}

async fn search(h: &Harness, headers: &[(&str, &str)]) -> (reqwest::StatusCode, Value) {
    let body = json!({"organization_slug": "example-org"});
    sdk_with_headers(h, "/v1/b2b/organizations/search", body, headers).await
}

async fn login(h: &Harness, email: &str, extra: Value) -> (reqwest::StatusCode, Value) {
    let mut body = json!({"organization_id": ORG, "email_address": email,
                          "pkce_code_challenge": challenge()});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    h.sdk_post("/v1/b2b/magic_links/email/login_or_signup", body, None)
        .await
}

/// The newest link's token to `email`, authenticated on the SDK API with `extra` in the body.
async fn redeem(h: &Harness, email: &str, extra: Value) -> (reqwest::StatusCode, Value) {
    let token = h.latest_token(email).await;
    let mut body = json!({"magic_links_token": token, "pkce_code_verifier": VERIFIER,
                          "session_duration_minutes": 60});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    h.sdk_post("/v1/b2b/magic_links/authenticate", body, None)
        .await
}

/// ada signs in through the SDK API: her session response.
async fn sdk_sign_in(h: &Harness, email: &str) -> Value {
    let (status, body) = login(h, email, json!({})).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = redeem(h, email, json!({})).await;
    assert_eq!(status, 200, "{body}");
    body["data"].clone()
}

fn refused(status: reqwest::StatusCode, body: &Value, want: u16, kind: &str) {
    assert_stytch_error(status, body, want, kind);
}

#[tokio::test]
async fn the_default_configuration_signs_in_through_the_sdk_api() {
    let h = start().await;
    let (status, body) = search(&h, &[("X-SDK-Client", &sdk_client(GATEHOUSE_APP))]).await;
    assert_eq!(status, 200, "{body}");
    let session = sdk_sign_in(&h, ADA).await;
    let token = session["session_token"].as_str().unwrap();
    assert!(!token.is_empty() && !session["session_jwt"].as_str().unwrap().is_empty());
    let (status, body) = h
        .sdk_post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_duration_minutes": 720}),
            Some(token),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    // A second factor: grace's SMS code (Stytch sent it), then a TOTP registration for alan.
    let grace = {
        let (status, body) = login(&h, GRACE, json!({})).await;
        assert_eq!(status, 200, "{body}");
        redeem(&h, GRACE, json!({})).await.1["data"].clone()
    };
    let code = h.latest_code(GRACE_PHONE).await;
    let (status, body) = h
        .sdk_post(
            "/v1/b2b/otps/sms/authenticate",
            json!({"organization_id": ORG, "member_id": grace["member_id"], "code": code,
                   "intermediate_session_token": grace["intermediate_session_token"],
                   "session_duration_minutes": 60}),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let alan = sdk_sign_in(&h, "alan@example.com").await;
    let (status, body) = h
        .sdk_post(
            "/v1/b2b/totp",
            json!({"organization_id": ORG, "member_id": alan["member_id"]}),
            alan["session_token"].as_str(),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = h
        .sdk_post("/v1/b2b/sessions/revoke", json!({}), Some(token))
        .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn the_sdk_switched_off_refuses_every_sdk_call_but_not_the_backend() {
    let h = start().await;
    h.ctl
        .set_sdk_config(json!({"basic": {"enabled": false, "bundle_ids": [GATEHOUSE_APP]}}))
        .await;
    let (status, body) = search(&h, &[("X-SDK-Client", &sdk_client(GATEHOUSE_APP))]).await;
    refused(status, &body, 401, "endpoint_not_authorized_for_sdk");
    assert!(body["error_message"]
        .as_str()
        .unwrap()
        .contains("dashboard/sdk-configuration"));
    let (status, body) = h
        .post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": ADA}),
        )
        .await;
    assert_eq!(
        status, 200,
        "the backend API ignores the SDK configuration: {body}"
    );
    h.ctl
        .set_sdk_config(json!({"basic": {"enabled": true, "bundle_ids": [GATEHOUSE_APP]}}))
        .await;
    let (status, _) = search(&h, &[("X-SDK-Client", &sdk_client(GATEHOUSE_APP))]).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn an_app_whose_identifier_is_not_authorized_is_refused() {
    let h = start().await;
    let other = sdk_client("com.example.rebranded");
    let (status, body) = search(&h, &[("X-SDK-Client", &other)]).await;
    refused(status, &body, 400, "bad_app_bundle_for_stytch_sdk");
    assert_eq!(
        body["error_message"],
        "This app bundle ID has not been registered as an allowed app for the Stytch SDK. Please add it here: https://stytch.com/dashboard/sdk-configuration"
    );
    let no_app = base64::engine::general_purpose::STANDARD.encode(r#"{"sdk":{"identifier":"x"}}"#);
    for headers in [
        vec![],
        vec![("X-SDK-Client", no_app.as_str())],
        vec![("X-SDK-Client", "%%%")],
    ] {
        let (status, body) = search(&h, &headers).await;
        refused(status, &body, 400, "invalid_mobile_identifier");
    }
    // A rebranded build authorizes its own identifier.
    h.ctl
        .set_sdk_config(json!({"basic": {"enabled": true,
                                         "bundle_ids": [GATEHOUSE_APP, "com.example.rebranded"]}}))
        .await;
    let (status, body) = search(&h, &[("X-SDK-Client", &other)]).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_web_origin_must_be_an_authorized_domain() {
    let h = start().await;
    let web = [("Origin", "http://localhost:3000")];
    let (status, body) = search(&h, &web).await;
    refused(status, &body, 400, "bad_domain_for_stytch_sdk");
    h.ctl
        .set_sdk_config(
            json!({"basic": {"enabled": true, "bundle_ids": [GATEHOUSE_APP],
                                         "domains": [{"domain": "http://localhost:3000"}]}}),
        )
        .await;
    let (status, body) = search(&h, &web).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = search(&h, &[("Origin", "http://localhost:3001")]).await;
    refused(status, &body, 400, "bad_domain_for_stytch_sdk");
}

#[tokio::test]
async fn email_magic_links_switched_off_are_not_authorized() {
    let h = start().await;
    let (status, _) = login(&h, ADA, json!({})).await;
    assert_eq!(status, 200);
    h.ctl
        .set_sdk_config(json!({"magic_links": {"enabled": false}}))
        .await;
    let (status, body) = login(&h, ADA, json!({})).await;
    refused(status, &body, 401, "endpoint_not_authorized_for_sdk");
    let (status, body) = redeem(&h, ADA, json!({})).await;
    refused(status, &body, 401, "endpoint_not_authorized_for_sdk");
    h.ctl
        .set_sdk_config(json!({"magic_links": {"enabled": true, "pkce_required": true}}))
        .await;
    let (status, body) = redeem(&h, ADA, json!({})).await;
    assert_eq!(
        status, 200,
        "the link still works once switched back on: {body}"
    );
}

#[tokio::test]
async fn pkce_required_refuses_a_login_without_a_code_challenge() {
    let h = start().await;
    let (status, body) = h
        .sdk_post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": ADA}),
            None,
        )
        .await;
    refused(status, &body, 400, "invalid_pkce_code_challenge");
    assert!(h.outbox(ADA).await.is_empty(), "no email sent");
    h.ctl
        .set_sdk_config(json!({"magic_links": {"enabled": true, "pkce_required": false}}))
        .await;
    let (status, body) = h
        .sdk_post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": ADA}),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn sms_otps_switched_off_are_not_authorized() {
    let h = start().await;
    let ada = sdk_sign_in(&h, ADA).await;
    let send = json!({"organization_id": ORG, "member_id": ada["member_id"],
                      "mfa_phone_number": "+14155550199"});
    h.ctl
        .set_sdk_config(json!({"otps": {"sms_enabled": false}}))
        .await;
    let session = ada["session_token"].as_str();
    let (status, body) = h
        .sdk_post("/v1/b2b/otps/sms/send", send.clone(), session)
        .await;
    refused(status, &body, 401, "endpoint_not_authorized_for_sdk");
    let auth = json!({"organization_id": ORG, "member_id": ada["member_id"], "code": "123456",
                      "session_duration_minutes": 60});
    let (status, body) = h
        .sdk_post("/v1/b2b/otps/sms/authenticate", auth, session)
        .await;
    refused(status, &body, 401, "endpoint_not_authorized_for_sdk");
    h.ctl
        .set_sdk_config(json!({"otps": {"sms_enabled": true}}))
        .await;
    let (status, body) = h.sdk_post("/v1/b2b/otps/sms/send", send, session).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn totps_and_creating_them_are_separate_switches() {
    let h = start().await;
    let alan = sdk_sign_in(&h, "alan@example.com").await;
    let session = alan["session_token"].as_str();
    let create = json!({"organization_id": ORG, "member_id": alan["member_id"]});
    let auth = json!({"organization_id": ORG, "member_id": alan["member_id"], "code": "123456",
                      "session_duration_minutes": 60});
    h.ctl
        .set_sdk_config(json!({"totps": {"enabled": true, "create_totps": false}}))
        .await;
    let (status, body) = h.sdk_post("/v1/b2b/totp", create.clone(), session).await;
    refused(status, &body, 401, "endpoint_not_authorized_for_sdk");
    let (status, body) = h
        .sdk_post("/v1/b2b/totp/authenticate", auth.clone(), session)
        .await;
    assert_ne!(
        body["error_type"], "endpoint_not_authorized_for_sdk",
        "{status} {body}"
    );
    h.ctl
        .set_sdk_config(json!({"totps": {"enabled": false, "create_totps": true}}))
        .await;
    for path in [
        "/v1/b2b/totp",
        "/v1/b2b/totp/authenticate",
        "/v1/b2b/recovery_codes/rotate",
    ] {
        let body = if path.ends_with("totp") {
            create.clone()
        } else {
            auth.clone()
        };
        let body = if path.ends_with("rotate") {
            json!({})
        } else {
            body
        };
        let (status, body) = h.sdk_post(path, body, session).await;
        refused(status, &body, 401, "endpoint_not_authorized_for_sdk");
    }
    h.ctl
        .set_sdk_config(json!({"totps": {"enabled": true, "create_totps": true}}))
        .await;
    let (status, body) = h.sdk_post("/v1/b2b/totp", create, session).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_session_longer_than_the_projects_cap_is_refused() {
    let h = start().await;
    let (status, _) = login(&h, ADA, json!({})).await;
    assert_eq!(status, 200);
    let (status, body) = redeem(&h, ADA, json!({"session_duration_minutes": 721})).await;
    refused(status, &body, 400, "invalid_session_duration");
    assert_eq!(
        body["error_message"],
        "The submitted session duration exceeds the maximum session duration allowed for this project."
    );
    h.ctl
        .set_sdk_config(json!({"sessions": {"max_session_duration_minutes": 30}}))
        .await;
    let (status, body) = redeem(&h, ADA, json!({})).await;
    refused(status, &body, 400, "invalid_session_duration");
    let (status, body) = redeem(&h, ADA, json!({"session_duration_minutes": 30})).await;
    assert_eq!(
        status, 200,
        "the link was not used up by the refusal: {body}"
    );
    let token = body["data"]["session_token"].as_str();
    let (status, body) = h
        .sdk_post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_duration_minutes": 60}),
            token,
        )
        .await;
    refused(status, &body, 400, "invalid_session_duration");
    // The backend API is not capped.
    let session = h.ada_session().await;
    let (status, body) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_token": session["session_token"], "session_duration_minutes": 1440}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn redirect_urls_are_checked_by_type_and_exactly() {
    let h = start().await;
    let (status, body) = login(
        &h,
        ADA,
        json!({"login_redirect_url": "gatehouse://auth/callback/"}),
    )
    .await;
    refused(status, &body, 400, "no_match_for_provided_magic_link_url");
    // Registered for sign-up only: refused as a login URL, accepted as a sign-up one.
    h.ctl
        .set_redirect_url("gatehouse://signup", &["SIGNUP"])
        .await;
    let (status, body) = login(&h, ADA, json!({"login_redirect_url": "gatehouse://signup"})).await;
    refused(status, &body, 400, "no_match_for_provided_magic_link_url");
    let (status, body) = login(
        &h,
        ADA,
        json!({"signup_redirect_url": "gatehouse://signup"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    // Without a LOGIN default, a login naming no URL is refused.
    h.ctl
        .delete_redirect_url("http://localhost:3000/authenticate")
        .await;
    h.ctl.set_redirect_url(DEMO_URL, &["SIGNUP"]).await;
    let (status, body) = login(&h, ADA, json!({})).await;
    refused(status, &body, 400, "no_match_for_provided_magic_link_url");
    h.ctl.set_redirect_url(DEMO_URL, &["LOGIN", "SIGNUP"]).await;
    let (status, body) = login(&h, ADA, json!({})).await;
    assert_eq!(status, 200, "{body}");
    let callback = h.ctl.latest_callback(ADA).await;
    assert!(callback.starts_with(DEMO_URL), "{callback}");
}

const DEMO_URL: &str = stytch_emulator::DEMO_REDIRECT_URL;

#[tokio::test]
async fn enforced_http_only_cookies_blank_the_tokens_of_sdk_answers() {
    let h = start().await;
    h.ctl
        .set_sdk_config(json!({"cookies": {"http_only": "ENFORCED"}}))
        .await;
    let session = sdk_sign_in(&h, ADA).await;
    assert_eq!(session["session_token"], "");
    assert_eq!(session["session_jwt"], "");
    assert_eq!(
        session["member_session"]["member_id"], session["member_id"],
        "the rest stays"
    );
    let (status, _) = login(&h, GRACE, json!({})).await;
    assert_eq!(status, 200);
    let (_, grace) = redeem(&h, GRACE, json!({})).await;
    assert_eq!(grace["data"]["member_authenticated"], false);
    assert_eq!(grace["data"]["intermediate_session_token"], "");
    // The backend API still answers them.
    let backend = h.ada_session().await;
    assert!(!backend["session_token"].as_str().unwrap().is_empty());
    h.ctl
        .set_sdk_config(json!({"cookies": {"http_only": "ENABLED"}}))
        .await;
    let session = sdk_sign_in(&h, ADA).await;
    assert!(!session["session_token"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn fingerprinting_that_triggers_captcha_refuses_protected_calls_without_one() {
    let h = start().await;
    h.ctl
        .set_sdk_config(json!({"dfppa": {"enabled": "ENABLED", "on_challenge": "TRIGGER_CAPTCHA"}}))
        .await;
    let (status, body) = login(&h, ADA, json!({})).await;
    assert_eq!(
        status, 200,
        "stytch-browser sends no captcha on login_or_signup: {body}"
    );
    let (status, body) = redeem(&h, ADA, json!({})).await;
    refused(status, &body, 403, "captcha_required");
    assert_eq!(body["error_message"], "Captcha required");
    let (status, body) = redeem(&h, ADA, json!({"captcha_token": "a-captcha"})).await;
    assert_eq!(status, 200, "{body}");
    for (enabled, on_challenge) in [("PASSIVE", "TRIGGER_CAPTCHA"), ("ENABLED", "ALLOW")] {
        h.ctl
            .set_sdk_config(json!({"dfppa": {"enabled": enabled, "on_challenge": on_challenge}}))
            .await;
        login(&h, ADA, json!({})).await;
        let (status, body) = redeem(&h, ADA, json!({})).await;
        assert_eq!(status, 200, "{enabled}/{on_challenge}: {body}");
    }
    h.ctl
        .set_sdk_config(json!({"dfppa": {"enabled": "ENABLED", "on_challenge": "BLOCK"}}))
        .await;
    login(&h, ADA, json!({})).await;
    let (status, body) = redeem(&h, ADA, json!({})).await;
    refused(status, &body, 403, "captcha_required");
}

#[tokio::test]
async fn the_environments_lock_settings_decide_when_and_how_long_a_member_is_locked() {
    let h = start().await;
    h.ctl.set_lock(3, 300).await;
    let (status, _) = login(&h, GRACE, json!({})).await;
    assert_eq!(status, 200);
    let grace = redeem(&h, GRACE, json!({})).await.1["data"].clone();
    let code = h.latest_code(GRACE_PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let attempt = json!({"organization_id": ORG, "member_id": grace["member_id"], "code": wrong,
                         "intermediate_session_token": grace["intermediate_session_token"],
                         "session_duration_minutes": 60});
    for _ in 1..3 {
        let (status, body) = h
            .sdk_post("/v1/b2b/otps/sms/authenticate", attempt.clone(), None)
            .await;
        refused(status, &body, 404, "otp_code_not_found");
    }
    let (status, body) = h
        .sdk_post("/v1/b2b/otps/sms/authenticate", attempt, None)
        .await;
    refused(status, &body, 429, "user_lock_limit_reached");
    let (_, res) = h
        .post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": GRACE}),
        )
        .await;
    let at = |field: &str| {
        OffsetDateTime::parse(res["member"][field].as_str().unwrap(), &Rfc3339).unwrap()
    };
    assert_eq!(
        (at("lock_expires_at") - at("lock_created_at")).whole_seconds(),
        300
    );
    h.advance(301).await;
    let (_, res) = h
        .post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": GRACE}),
        )
        .await;
    assert_eq!(res["member"]["is_locked"], false);
}

#[tokio::test]
async fn a_dead_session_answers_session_not_found_or_unauthorized_credentials_as_set() {
    let h = start().await;
    let session = sdk_sign_in(&h, ADA).await;
    let token = session["session_token"].as_str().unwrap().to_string();
    let (status, _) = h
        .sdk_post("/v1/b2b/sessions/revoke", json!({}), Some(&token))
        .await;
    assert_eq!(status, 200);
    let (status, body) = h
        .sdk_post("/v1/b2b/sessions/authenticate", json!({}), Some(&token))
        .await;
    refused(status, &body, 404, "session_not_found");

    h.ctl
        .set_dead_session_answer("unauthorized_credentials")
        .await;
    let (status, body) = h
        .sdk_post("/v1/b2b/sessions/authenticate", json!({}), Some(&token))
        .await;
    refused(status, &body, 401, "unauthorized_credentials");
    let expired = sdk_sign_in(&h, ADA).await;
    h.advance(61 * 60).await;
    let jwt = expired["session_jwt"].as_str();
    let (status, body) = h
        .sdk_post("/v1/b2b/sessions/authenticate", json!({}), jwt)
        .await;
    refused(status, &body, 401, "unauthorized_credentials");
    let res = h
        .http
        .get(format!("{}/sdk/v1/b2b/organizations/me", h.base))
        .header("Authorization", h.sdk_auth(Some(&token)))
        .header("X-SDK-Client", sdk_client(GATEHOUSE_APP))
        .send()
        .await
        .unwrap();
    let status = res.status();
    refused(
        status,
        &res.json().await.unwrap(),
        401,
        "unauthorized_credentials",
    );
    // The backend API keeps its documented answer.
    let (status, body) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_token": token}),
        )
        .await;
    refused(status, &body, 404, "session_not_found");
    let (status, _) = h.control(Method::GET, "/emulator/settings", None).await;
    assert_eq!(status, 200);
}
