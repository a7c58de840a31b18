//! TOTP and recovery codes over HTTP: enrolment, codes computed from the secret with totp-rs,
//! steps, replays, recovery codes, the organization's allowed methods, and the shared lock.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use totp_rs::{Algorithm, Secret, TOTP};

/// The code an authenticator app shows `offset_steps` steps from the emulator's now.
fn code(h: &Harness, secret: &str, offset_steps: i64) -> String {
    let bytes = Secret::Encoded(secret.to_string()).to_bytes().unwrap();
    let totp = TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes).unwrap();
    let at = h.emu().now().unix_timestamp() + offset_steps * 30;
    totp.generate(at as u64)
}

fn wrong(right: &str) -> &'static str {
    if right == "000000" {
        "111111"
    } else {
        "000000"
    }
}

fn s(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("not a string: {v}"))
        .to_string()
}

/// `email`'s primary factor under REQUIRED_FOR_ALL: (member_id, IST).
async fn ist(h: &Harness, email: &str) -> (String, String) {
    let body = h.primary_factor(email).await;
    assert_eq!(body["member_authenticated"], false, "{body}");
    (
        s(&body["member_id"]),
        s(&body["intermediate_session_token"]),
    )
}

async fn create(h: &Harness, member_id: &str, proof: Value) -> (StatusCode, Value) {
    let mut body = json!({"organization_id": ORG, "member_id": member_id});
    body.as_object_mut()
        .unwrap()
        .extend(proof.as_object().unwrap().clone());
    h.post("/v1/b2b/totp", body).await
}

async fn authenticate(h: &Harness, member_id: &str, ist: &str, code: &str) -> (StatusCode, Value) {
    h.post(
        "/v1/b2b/totp/authenticate",
        json!({"organization_id": ORG, "member_id": member_id, "intermediate_session_token": ist, "code": code}),
    )
    .await
}

async fn recover(h: &Harness, member_id: &str, ist: &str, code: &str) -> (StatusCode, Value) {
    h.post(
        "/v1/b2b/recovery_codes/recover",
        json!({"organization_id": ORG, "member_id": member_id, "intermediate_session_token": ist, "recovery_code": code}),
    )
    .await
}

/// ada enrols TOTP during a required-MFA sign-in: (member_id, secret, recovery codes, the code
/// that authenticated, the answer).
async fn enrolled_ada(h: &Harness) -> (String, String, Vec<String>, String, Value) {
    h.set_mfa_policy("REQUIRED_FOR_ALL").await;
    let (member_id, ist) = ist(h, ADA).await;
    let (status, created) = create(h, &member_id, json!({"intermediate_session_token": ist})).await;
    assert_eq!(status, 200, "{created}");
    let secret = s(&created["secret"]);
    let codes: Vec<String> = serde_json::from_value(created["recovery_codes"].clone()).unwrap();
    let used = code(h, &secret, 0);
    let (status, done) = authenticate(h, &member_id, &ist, &used).await;
    assert_eq!(status, 200, "{done}");
    (member_id, secret, codes, used, done)
}

/// Sets the demo organization's MFA policy to REQUIRED_FOR_ALL, restricted to `method`.
async fn restrict(h: &Harness, method: &str) {
    let (status, res) = h
        .update_org(json!({"mfa_policy": "REQUIRED_FOR_ALL", "mfa_methods": "RESTRICTED", "allowed_mfa_methods": [method]}))
        .await;
    assert_eq!(status, 200, "{res}");
}

#[tokio::test]
async fn a_code_computed_from_the_secret_gives_a_two_factor_session_and_enrols() {
    let h = start().await;
    h.set_mfa_policy("REQUIRED_FOR_ALL").await;
    let (member_id, ist) = ist(&h, ADA).await;
    let (status, created) =
        create(&h, &member_id, json!({"intermediate_session_token": ist})).await;
    assert_eq!(status, 200, "{created}");
    let secret = s(&created["secret"]);
    assert_eq!(secret.len(), 32, "20 bytes in base32");
    assert!(s(&created["qr_code"]).starts_with("data:image/png;base64, iVBORw0KGgo"));
    let registration = s(&created["totp_registration_id"]);
    assert!(registration.starts_with("member-totp-test-"));
    assert_eq!(created["recovery_codes"].as_array().unwrap().len(), 10);
    assert_eq!(
        created["member"]["totp_registration_id"], "",
        "pending: not shown yet"
    );

    let (status, done) = authenticate(&h, &member_id, &ist, &code(&h, &secret, 0)).await;
    assert_eq!(status, 200, "{done}");
    assert!(!s(&done["session_token"]).is_empty() && !s(&done["session_jwt"]).is_empty());
    let member = &done["member"];
    assert_eq!(member["totp_registration_id"], registration.as_str());
    assert_eq!(member["mfa_enrolled"], true);
    assert_eq!(member["default_mfa_method"], "totp");
    let factors = done["member_session"]["authentication_factors"]
        .as_array()
        .unwrap();
    assert_eq!(factors.len(), 2);
    assert_eq!(factors[0]["type"], "magic_link");
    assert_eq!(factors[1]["type"], "totp");
    assert_eq!(factors[1]["delivery_method"], "authenticator_app");
    assert_eq!(factors[1]["sequence_order"], "SECONDARY");
    assert_eq!(
        factors[1]["authenticator_app_factor"]["totp_id"],
        registration.as_str()
    );

    // The next sign-in names the registration and sends no SMS.
    let next = h.primary_factor(ADA).await;
    let options = &next["mfa_required"]["member_options"];
    assert_eq!(
        options["totp_registration_id"],
        registration.as_str(),
        "{next}"
    );
    assert_eq!(options["mfa_phone_number"], "");
    assert!(next["mfa_required"]["secondary_auth_initiated"].is_null());
    // A second registration while one is active is refused.
    let (status, res) = create(
        &h,
        &member_id,
        json!({"session_token": s(&done["session_token"])}),
    )
    .await;
    assert_stytch_error(status, &res, 400, "active_totp_exists");
}

#[tokio::test]
async fn wrong_old_and_replayed_codes_are_refused() {
    let h = start().await;
    let (member_id, secret, _, used, _) = enrolled_ada(&h).await;
    let (_, ist) = ist(&h, ADA).await;
    let (status, res) = authenticate(&h, &member_id, &ist, wrong(&used)).await;
    assert_stytch_error(status, &res, 401, "invalid_totp_code");
    // The code that just signed in cannot sign in again: its step is spent.
    let (status, res) = authenticate(&h, &member_id, &ist, &used).await;
    assert_stytch_error(status, &res, 401, "totp_code_already_authenticated");
    // One step ahead is accepted; two steps back never.
    h.advance(90).await;
    let (status, res) = authenticate(&h, &member_id, &ist, &code(&h, &secret, -2)).await;
    assert_stytch_error(status, &res, 401, "invalid_totp_code");
    let (status, res) = authenticate(&h, &member_id, &ist, &code(&h, &secret, 1)).await;
    assert_eq!(status, 200, "{res}");
    // Malformed codes are refused before they are checked.
    let (status, res) = authenticate(&h, &member_id, &ist, "12a456").await;
    assert_stytch_error(status, &res, 400, "invalid_code");
}

#[tokio::test]
async fn a_pending_registration_expires_and_an_unknown_one_is_not_found() {
    let h = start().await;
    h.set_mfa_policy("REQUIRED_FOR_ALL").await;
    let (member_id, ist) = ist(&h, ADA).await;
    let (status, res) = authenticate(&h, &member_id, &ist, "123456").await;
    assert_stytch_error(status, &res, 404, "totp_not_found");
    let (_, created) = create(
        &h,
        &member_id,
        json!({"intermediate_session_token": ist, "expiration_minutes": 5}),
    )
    .await;
    h.advance(5 * 60 + 1).await;
    let (_, ist) = self::ist(&h, ADA).await;
    let secret = s(&created["secret"]);
    let (status, res) = authenticate(&h, &member_id, &ist, &code(&h, &secret, 0)).await;
    assert_stytch_error(status, &res, 400, "unable_to_authenticate_totp");
    let (status, res) = create(
        &h,
        &member_id,
        json!({"intermediate_session_token": ist, "expiration_minutes": 4}),
    )
    .await;
    assert_stytch_error(status, &res, 400, "invalid_expiration");
}

#[tokio::test]
async fn a_recovery_code_signs_in_once_and_the_count_goes_down() {
    let h = start().await;
    let (member_id, _, codes, _, _) = enrolled_ada(&h).await;
    let (_, ist) = ist(&h, ADA).await;
    let (status, res) = recover(&h, &member_id, &ist, &codes[3]).await;
    assert_eq!(status, 200, "{res}");
    assert_eq!(res["recovery_codes_remaining"], 9);
    let factors = res["member_session"]["authentication_factors"]
        .as_array()
        .unwrap();
    assert_eq!(factors[1]["type"], "recovery_codes");
    assert_eq!(factors[1]["delivery_method"], "recovery_code");
    let (_, ist) = self::ist(&h, ADA).await;
    let (status, res) = recover(&h, &member_id, &ist, &codes[3]).await;
    assert_stytch_error(status, &res, 401, "invalid_recovery_code");
    let (status, res) = recover(&h, &member_id, &ist, "nope-nope-nope").await;
    assert_stytch_error(status, &res, 401, "invalid_recovery_code");
    let (status, res) = recover(&h, &member_id, &ist, &codes[4]).await;
    assert_eq!(status, 200, "{res}");
    assert_eq!(res["recovery_codes_remaining"], 8);
}

#[tokio::test]
async fn get_lists_the_unused_codes_and_rotate_replaces_them_in_both_families() {
    let h = start().await;
    let (member_id, _, codes, _, done) = enrolled_ada(&h).await;
    let (status, got) = h
        .get(&format!("/v1/b2b/recovery_codes/{ORG}/{member_id}"))
        .await;
    assert_eq!(status, 200, "{got}");
    assert_eq!(got["recovery_codes"], json!(codes));
    assert_eq!(got["member"]["member_id"], member_id.as_str());

    // SDK: the member is the session's, in the Basic password.
    let session = s(&done["session_token"]);
    let res = h
        .http
        .get(format!("{}/sdk/v1/b2b/recovery_codes", h.base))
        .header("Authorization", h.sdk_auth(Some(&session)))
        .header("X-SDK-Client", sdk_client(GATEHOUSE_APP))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let sdk: Value = res.json().await.unwrap();
    assert_eq!(sdk["data"]["recovery_codes"], json!(codes));

    let (status, rotated) = h
        .sdk_post("/v1/b2b/recovery_codes/rotate", json!({}), Some(&session))
        .await;
    assert_eq!(status, 200, "{rotated}");
    let new: Vec<String> =
        serde_json::from_value(rotated["data"]["recovery_codes"].clone()).unwrap();
    assert_eq!(new.len(), 10);
    assert!(new.iter().all(|c| !codes.contains(c)));
    let (_, ist) = ist(&h, ADA).await;
    let (status, res) = recover(&h, &member_id, &ist, &codes[0]).await;
    assert_stytch_error(status, &res, 401, "invalid_recovery_code");
    let (status, res) = recover(&h, &member_id, &ist, &new[0]).await;
    assert_eq!(status, 200, "{res}");

    // Backend rotate by id; without a session the SDK's get names nobody.
    let (status, rotated) = h
        .post(
            "/v1/b2b/recovery_codes/rotate",
            json!({"organization_id": ORG, "member_id": member_id}),
        )
        .await;
    assert_eq!(status, 200, "{rotated}");
    assert!(!rotated["recovery_codes"]
        .as_array()
        .unwrap()
        .contains(&json!(new[1])));
    let res = h
        .http
        .get(format!("{}/sdk/v1/b2b/recovery_codes", h.base))
        .header("Authorization", h.sdk_auth(None))
        .header("X-SDK-Client", sdk_client(GATEHOUSE_APP))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn an_organization_restricted_to_sms_refuses_totp_and_one_restricted_to_totp_refuses_sms() {
    let h = start().await;
    restrict(&h, "sms_otp").await;
    let (member_id, ist) = ist(&h, ADA).await;
    let (status, res) = create(&h, &member_id, json!({"intermediate_session_token": ist})).await;
    assert_stytch_error(
        status,
        &res,
        403,
        "operation_restricted_by_organization_mfa_methods",
    );
    let (status, res) = authenticate(&h, &member_id, &ist, "123456").await;
    assert_stytch_error(
        status,
        &res,
        403,
        "operation_restricted_by_organization_mfa_methods",
    );

    restrict(&h, "totp").await;
    let (status, res) = h
        .post(
            "/v1/b2b/otps/sms/send",
            json!({"organization_id": ORG, "member_id": member_id, "intermediate_session_token": ist, "mfa_phone_number": "+14155550199"}),
        )
        .await;
    assert_stytch_error(
        status,
        &res,
        403,
        "operation_restricted_by_organization_mfa_methods",
    );
    let (status, res) = create(&h, &member_id, json!({"intermediate_session_token": ist})).await;
    assert_eq!(status, 200, "totp is allowed now: {res}");
}

#[tokio::test]
async fn sms_and_totp_failures_count_toward_one_lock() {
    let h = start().await;
    // grace has a verified phone: adding TOTP needs a session that holds her SMS factor.
    let (member_id, ist) = ist(&h, GRACE).await;
    let (status, res) = create(&h, &member_id, json!({"intermediate_session_token": ist})).await;
    assert_stytch_error(status, &res, 400, "insufficient_factors");
    let sms = h.latest_code(GRACE_PHONE).await;
    let (status, signed_in) = h
        .post(
            "/v1/b2b/otps/sms/authenticate",
            json!({"organization_id": ORG, "member_id": member_id, "intermediate_session_token": ist, "code": sms}),
        )
        .await;
    assert_eq!(status, 200, "{signed_in}");
    let session = s(&signed_in["session_token"]);
    let (status, created) = create(&h, &member_id, json!({"session_token": session})).await;
    assert_eq!(status, 200, "{created}");
    let secret = s(&created["secret"]);
    let (status, res) = h
        .post(
            "/v1/b2b/totp/authenticate",
            json!({"organization_id": ORG, "member_id": member_id, "session_token": session, "code": code(&h, &secret, 0)}),
        )
        .await;
    assert_eq!(status, 200, "{res}");
    assert_eq!(
        res["member"]["default_mfa_method"], "sms_otp",
        "not asked to change"
    );

    // A new sign-in: five wrong SMS codes, four wrong TOTP codes, then the tenth failure locks.
    let (_, ist) = self::ist(&h, GRACE).await;
    let sms = h.latest_code(GRACE_PHONE).await;
    for _ in 0..5 {
        let (status, res) = h
            .post(
                "/v1/b2b/otps/sms/authenticate",
                json!({"organization_id": ORG, "member_id": member_id, "intermediate_session_token": ist, "code": wrong(&sms)}),
            )
            .await;
        assert_stytch_error(status, &res, 404, "otp_code_not_found");
    }
    let totp = code(&h, &secret, 0);
    for _ in 0..4 {
        let (status, res) = authenticate(&h, &member_id, &ist, wrong(&totp)).await;
        assert_stytch_error(status, &res, 401, "invalid_totp_code");
    }
    let (status, res) = recover(&h, &member_id, &ist, "nope-nope-nope").await;
    assert_stytch_error(status, &res, 429, "user_lock_limit_reached");
    let (status, res) = authenticate(&h, &member_id, &ist, &code(&h, &secret, 0)).await;
    assert_stytch_error(status, &res, 429, "user_lock_limit_reached");
}

#[tokio::test]
async fn the_control_surface_and_the_inbox_show_the_current_code() {
    let h = start().await;
    h.set_mfa_policy("REQUIRED_FOR_ALL").await;
    let (member_id, ist) = ist(&h, ADA).await;
    let (_, created) = create(&h, &member_id, json!({"intermediate_session_token": ist})).await;
    let state = h.ctl.totp(&member_id).await;
    assert_eq!(state.secret, s(&created["secret"]));
    assert!(!state.verified);
    assert_eq!(state.recovery_codes.len(), 10);
    // The code is the one the secret gives now (or, across a step boundary, the next one).
    let now = code(&h, &state.secret, 0);
    let before = code(&h, &state.secret, -1);
    assert!(state.code == now || state.code == before, "{state:?}");
    let (status, res) = authenticate(
        &h,
        &member_id,
        &ist,
        &h.ctl.current_totp_code(&member_id).await,
    )
    .await;
    assert_eq!(status, 200, "{res}");
    assert!(h.ctl.totp(&member_id).await.verified);

    let shown_before = h.ctl.current_totp_code(&member_id).await;
    let html = h
        .http
        .get(format!("{}/?to={ADA}", h.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let shown_after = h.ctl.current_totp_code(&member_id).await;
    let shows = |c: &str| html.contains(&format!("<p class=\"code\">{c}</p>"));
    assert!(shows(&shown_before) || shows(&shown_after), "{html}");
    assert!(html.contains("authenticator app of <b>ada@example.com</b>"));
    let (status, _) = h
        .control(
            reqwest::Method::GET,
            "/emulator/totp/member-test-nobody",
            None,
        )
        .await;
    assert_eq!(status, 404);
}

/// DELETE on `path`, as the backend (`session` None) or as an SDK session.
async fn delete(h: &Harness, path: &str, session: Option<&str>) -> (StatusCode, Value) {
    let mut req = h.http.delete(format!("{}{path}", h.base));
    req = match session {
        None => req
            .header("Authorization", h.backend_auth())
            .json(&json!({})),
        Some(session) => req
            .header("Authorization", h.sdk_auth(Some(session)))
            .header("X-SDK-Client", sdk_client(GATEHOUSE_APP)),
    };
    let res = req.send().await.unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}

#[tokio::test]
async fn a_member_who_lost_the_app_deletes_it_with_the_recovery_session_and_sets_up_another() {
    let h = start().await;
    let (member_id, _, codes, _, _) = enrolled_ada(&h).await;
    h.advance(31).await;
    let (_, first) = ist(&h, ADA).await;
    let (status, recovered) = recover(&h, &member_id, &first, &codes[0]).await;
    assert_eq!(status, 200, "{recovered}");
    let session = s(&recovered["session_token"]);

    // While the old registration exists, Stytch refuses another (docs B2B errors/400).
    let (status, res) = create(&h, &member_id, json!({"session_token": session})).await;
    assert_stytch_error(status, &res, 400, "active_totp_exists");

    // SDK deleteTOTP: no body, the member is the session's; the answer is `{data: …}`.
    let (status, deleted) = delete(
        &h,
        "/sdk/v1/b2b/organizations/members/deleteTOTP",
        Some(&session),
    )
    .await;
    assert_eq!(status, 200, "{deleted}");
    assert_eq!(deleted["data"]["member_id"], member_id.as_str());
    assert_eq!(deleted["data"]["member"]["totp_registration_id"], "");
    assert_eq!(deleted["data"]["member"]["default_mfa_method"], "");
    // The recovery codes went with it, and the session that deleted it stays valid.
    let (_, ist2) = ist(&h, ADA).await;
    let (status, res) = recover(&h, &member_id, &ist2, &codes[1]).await;
    assert_stytch_error(status, &res, 404, "recovery_codes_not_found");
    let (status, res) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_token": session}),
        )
        .await;
    assert_eq!(status, 200, "{res}");

    // A second delete finds nothing (inferred: totp_not_found).
    let (status, res) = delete(
        &h,
        "/sdk/v1/b2b/organizations/members/deleteTOTP",
        Some(&session),
    )
    .await;
    assert_stytch_error(status, &res, 404, "totp_not_found");

    // A new registration with the session; its first code authenticates with the session too.
    let (status, created) = create(&h, &member_id, json!({"session_token": session})).await;
    assert_eq!(status, 200, "{created}");
    let secret = s(&created["secret"]);
    let (status, done) = h
        .post(
            "/v1/b2b/totp/authenticate",
            json!({"organization_id": ORG, "member_id": member_id, "session_token": session, "code": code(&h, &secret, 0)}),
        )
        .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["member"]["default_mfa_method"], "totp");
    assert_ne!(done["member"]["totp_registration_id"], "");
}

#[tokio::test]
async fn the_backend_deletes_a_members_totp_by_id_and_the_sdk_route_needs_a_session() {
    let h = start().await;
    let (member_id, _, codes, _, _) = enrolled_ada(&h).await;
    // Without a session the SDK route names nobody.
    let (status, res) = delete(
        &h,
        "/sdk/v1/b2b/organizations/members/deleteTOTP",
        Some(h.emu().public_token()),
    )
    .await;
    assert!(status.is_client_error(), "{status} {res}");

    let path = format!("/v1/b2b/organizations/{ORG}/members/{member_id}/totp");
    let (status, deleted) = delete(&h, &path, None).await;
    assert_eq!(status, 200, "{deleted}");
    assert_eq!(deleted["member"]["totp_registration_id"], "");
    let (_, next) = ist(&h, ADA).await;
    let (status, res) = recover(&h, &member_id, &next, &codes[0]).await;
    assert_stytch_error(status, &res, 404, "recovery_codes_not_found");
    // The next sign-in offers no factor: the member enrols again.
    let body = h.primary_factor(ADA).await;
    assert_eq!(
        body["mfa_required"]["member_options"],
        Value::Null,
        "{body}"
    );
    let (status, res) = delete(&h, &path, None).await;
    assert_stytch_error(status, &res, 404, "totp_not_found");
}
