//! MFA: intermediate sessions, SMS send and authenticate, codes, locks.

mod common;

use common::*;
use serde_json::{json, Value};

/// Primary factor for `email` under REQUIRED_FOR_ALL: the authenticate response.
async fn primary(h: &Harness, email: &str) -> Value {
    h.primary_factor(email).await
}

async fn send(
    h: &Harness,
    member_id: &str,
    ist: &str,
    phone: Option<&str>,
) -> (reqwest::StatusCode, Value) {
    let mut body =
        json!({"organization_id": ORG, "member_id": member_id, "intermediate_session_token": ist});
    if let Some(p) = phone {
        body["mfa_phone_number"] = json!(p);
    }
    h.post("/v1/b2b/otps/sms/send", body).await
}

async fn authenticate(
    h: &Harness,
    member_id: &str,
    ist: &str,
    code: &str,
) -> (reqwest::StatusCode, Value) {
    h.post(
        "/v1/b2b/otps/sms/authenticate",
        json!({"organization_id": ORG, "member_id": member_id, "intermediate_session_token": ist, "code": code}),
    )
    .await
}

#[tokio::test]
async fn required_mfa_gives_an_intermediate_session_and_empty_session_fields() {
    let h = start().await;
    h.set_mfa_policy("REQUIRED_FOR_ALL").await;
    let body = primary(&h, ADA).await;
    assert_eq!(body["member_authenticated"], false);
    assert!(body["member_session"].is_null());
    assert_eq!(body["session_token"], "");
    assert_eq!(body["session_jwt"], "");
    assert_eq!(
        body["intermediate_session_token"].as_str().unwrap().len(),
        44
    );
    assert!(
        body["mfa_required"]["member_options"].is_null(),
        "ada has no MFA factor"
    );
    assert!(body["mfa_required"]["secondary_auth_initiated"].is_null());
    assert_eq!(h.sms_count(GRACE_PHONE).await, 0);
}

#[tokio::test]
async fn member_without_phone_sends_a_code_to_a_new_number_and_enrolls() {
    let h = start().await;
    h.set_mfa_policy("REQUIRED_FOR_ALL").await;
    let body = primary(&h, ADA).await;
    let (member_id, ist) = (
        body["member_id"].as_str().unwrap(),
        body["intermediate_session_token"].as_str().unwrap(),
    );
    let (status, sent) = send(&h, member_id, ist, Some("+14155550199")).await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["member"]["mfa_phone_number"], "+14155550199");
    assert_eq!(
        sent["member"]["mfa_phone_number_verified"], false,
        "unverified until a code is authenticated"
    );
    let code = h.latest_code("+14155550199").await;
    assert_eq!(code.len(), 6);
    assert!(code.bytes().all(|b| b.is_ascii_digit()));
    let (status, done) = authenticate(&h, member_id, ist, &code).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["member"]["mfa_enrolled"], true);
    assert_eq!(done["member"]["mfa_phone_number_verified"], true);
    assert_eq!(done["member"]["default_mfa_method"], "sms_otp");
    let factors = done["member_session"]["authentication_factors"]
        .as_array()
        .unwrap();
    assert_eq!(factors.len(), 2);
    assert_eq!(
        (
            factors[0]["type"].as_str(),
            factors[0]["sequence_order"].as_str()
        ),
        (Some("magic_link"), Some("PRIMARY"))
    );
    assert_eq!(
        (
            factors[1]["type"].as_str(),
            factors[1]["delivery_method"].as_str()
        ),
        (Some("otp"), Some("sms"))
    );
    assert_eq!(factors[1]["sequence_order"], "SECONDARY");
    assert_eq!(
        factors[1]["phone_number_factor"]["phone_number"],
        "+14155550199"
    );
    assert!(factors[1]["phone_number_factor"]["phone_id"]
        .as_str()
        .unwrap()
        .starts_with("member-phone-number-test-"));
    assert!(done["session_token"].as_str().unwrap().len() >= 40);
    // The IST is consumed.
    let (status, body) = authenticate(&h, member_id, ist, &code).await;
    assert_stytch_error(status, &body, 404, "intermediate_session_not_found");
}

#[tokio::test]
async fn member_with_phone_gets_the_code_sent_automatically_with_a_masked_number() {
    let h = start().await;
    let body = primary(&h, GRACE).await; // enrolled: MFA even under OPTIONAL
    assert_eq!(body["member_authenticated"], false);
    assert_eq!(body["mfa_required"]["secondary_auth_initiated"], "sms_otp");
    assert_eq!(
        body["mfa_required"]["member_options"]["mfa_phone_number"],
        "XXXXXXX0123"
    );
    assert_eq!(
        body["mfa_required"]["member_options"]["totp_registration_id"],
        ""
    );
    assert_eq!(
        h.sms_count(GRACE_PHONE).await,
        1,
        "Stytch sent exactly one SMS"
    );
    let code = h.latest_code(GRACE_PHONE).await;
    let (status, done) = authenticate(
        &h,
        body["member_id"].as_str().unwrap(),
        body["intermediate_session_token"].as_str().unwrap(),
        &code,
    )
    .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(h.sms_count(GRACE_PHONE).await, 1);
}

#[tokio::test]
async fn send_refuses_a_different_number_and_malformed_numbers() {
    let h = start().await;
    let body = primary(&h, GRACE).await;
    let (member_id, ist) = (
        body["member_id"].as_str().unwrap(),
        body["intermediate_session_token"].as_str().unwrap(),
    );
    let (status, res) = send(&h, member_id, ist, Some("+14155550100")).await;
    assert_stytch_error(status, &res, 400, "invalid_phone_number");
    let (status, res) = send(&h, member_id, ist, Some("415-555-0123")).await;
    assert_stytch_error(status, &res, 400, "invalid_phone_number");
    let (status, res) = send(&h, member_id, ist, Some(GRACE_PHONE)).await;
    assert_eq!(status, 200, "the number on file is fine: {res}");
    let (status, res) = send(&h, member_id, ist, None).await;
    assert_eq!(status, 200, "no number needed when one is on file: {res}");
}

#[tokio::test]
async fn international_numbers_are_refused_by_default() {
    let h = start().await;
    h.set_mfa_policy("REQUIRED_FOR_ALL").await;
    let body = primary(&h, ADA).await;
    let (status, res) = send(
        &h,
        body["member_id"].as_str().unwrap(),
        body["intermediate_session_token"].as_str().unwrap(),
        Some("+447700900123"),
    )
    .await;
    assert_stytch_error(status, &res, 400, "invalid_phone_number_country_code");
}

#[tokio::test]
async fn enrolled_member_needs_proof_of_the_primary_factor_to_send() {
    let h = start().await;
    let grace = h.member_id(GRACE).await;
    let (status, res) = h
        .post(
            "/v1/b2b/otps/sms/send",
            json!({"organization_id": ORG, "member_id": grace}),
        )
        .await;
    assert_stytch_error(status, &res, 400, "invalid_session_missing_primary_factor");
    assert_eq!(h.sms_count(GRACE_PHONE).await, 0);
    let (status, res) = h
        .post("/v1/b2b/otps/sms/send", json!({"organization_id": ORG, "member_id": grace, "intermediate_session_token": "bogus"}))
        .await;
    assert_stytch_error(status, &res, 404, "intermediate_session_not_found");
}

#[tokio::test]
async fn a_new_code_kills_the_old_one() {
    let h = start().await;
    let body = primary(&h, GRACE).await;
    let (member_id, ist) = (
        body["member_id"].as_str().unwrap(),
        body["intermediate_session_token"].as_str().unwrap(),
    );
    let old = h.latest_code(GRACE_PHONE).await;
    let (status, _) = send(&h, member_id, ist, None).await;
    assert_eq!(status, 200);
    let new = h.latest_code(GRACE_PHONE).await;
    if old != new {
        let (status, res) = authenticate(&h, member_id, ist, &old).await;
        assert_stytch_error(status, &res, 401, "unable_to_auth_otp_code");
    }
    let (status, res) = authenticate(&h, member_id, ist, &new).await;
    assert_eq!(status, 200, "{res}");
}

#[tokio::test]
async fn codes_expire_after_two_minutes() {
    let h = start().await;
    let body = primary(&h, GRACE).await;
    let code = h.latest_code(GRACE_PHONE).await;
    h.advance(121).await;
    let (status, res) = authenticate(
        &h,
        body["member_id"].as_str().unwrap(),
        body["intermediate_session_token"].as_str().unwrap(),
        &code,
    )
    .await;
    assert_stytch_error(status, &res, 401, "unable_to_auth_otp_code");
}

#[tokio::test]
async fn code_valid_just_before_two_minutes() {
    let h = start().await;
    let body = primary(&h, GRACE).await;
    let code = h.latest_code(GRACE_PHONE).await;
    h.advance(110).await;
    let (status, res) = authenticate(
        &h,
        body["member_id"].as_str().unwrap(),
        body["intermediate_session_token"].as_str().unwrap(),
        &code,
    )
    .await;
    assert_eq!(status, 200, "{res}");
}

#[tokio::test]
async fn intermediate_sessions_expire_after_ten_minutes() {
    let h = start().await;
    let body = primary(&h, GRACE).await;
    let (member_id, ist) = (
        body["member_id"].as_str().unwrap(),
        body["intermediate_session_token"].as_str().unwrap(),
    );
    h.advance(9 * 60).await;
    let (status, res) = send(&h, member_id, ist, None).await;
    assert_eq!(status, 200, "IST alive at 9 minutes: {res}");
    h.advance(61).await;
    let (status, res) = send(&h, member_id, ist, None).await;
    assert_stytch_error(status, &res, 404, "intermediate_session_not_found");
}

#[tokio::test]
async fn wrong_and_malformed_codes() {
    let h = start().await;
    let body = primary(&h, GRACE).await;
    let (member_id, ist) = (
        body["member_id"].as_str().unwrap(),
        body["intermediate_session_token"].as_str().unwrap(),
    );
    let code = h.latest_code(GRACE_PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (status, res) = authenticate(&h, member_id, ist, wrong).await;
    assert_stytch_error(status, &res, 404, "otp_code_not_found");
    let (status, res) = authenticate(&h, member_id, ist, "12ab56").await;
    assert_stytch_error(status, &res, 400, "invalid_code");
    let (status, res) = authenticate(&h, member_id, ist, &code).await;
    assert_eq!(status, 200, "a wrong attempt does not kill the code: {res}");
}

#[tokio::test]
async fn repeated_failures_lock_the_member_until_the_lock_expires() {
    let h = start().await;
    let body = primary(&h, GRACE).await;
    let (member_id, ist) = (
        body["member_id"].as_str().unwrap().to_string(),
        body["intermediate_session_token"]
            .as_str()
            .unwrap()
            .to_string(),
    );
    let code = h.latest_code(GRACE_PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let threshold = stytch_emulator::facts::LOCK_THRESHOLD_DEFAULT;
    for i in 1..threshold {
        let (status, res) = authenticate(&h, &member_id, &ist, wrong).await;
        assert_stytch_error(status, &res, 404, "otp_code_not_found");
        let _ = i;
    }
    let res = h
        .http
        .post(format!("{}/v1/b2b/otps/sms/authenticate", h.base))
        .header("Authorization", h.backend_auth())
        .json(&json!({"organization_id": ORG, "member_id": member_id, "intermediate_session_token": ist, "code": wrong}))
        .send()
        .await
        .unwrap();
    assert!(
        res.headers().get("retry-after").is_none(),
        "a lock lasts an hour: no Retry-After"
    );
    let status = res.status();
    let res: Value = res.json().await.unwrap();
    assert_stytch_error(status, &res, 429, "user_lock_limit_reached");
    // Locked: even the right code fails, and the member says so.
    let (status, res) = authenticate(&h, &member_id, &ist, &code).await;
    assert_stytch_error(status, &res, 429, "user_lock_limit_reached");
    let (_, org) = h.post("/v1/b2b/otps/sms/send", json!({"organization_id": ORG, "member_id": member_id, "intermediate_session_token": ist})).await;
    assert_eq!(org["error_type"], "user_lock_limit_reached");
    // The member object shows the lock (seen through login_or_signup's member).
    let (_, res) = h
        .post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": GRACE}),
        )
        .await;
    assert_eq!(res["member"]["is_locked"], true);
    assert!(res["member"]["lock_expires_at"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
    // After an hour the lock is gone.
    h.advance(3601).await;
    let (_, res) = h
        .post(
            "/v1/b2b/magic_links/email/login_or_signup",
            json!({"organization_id": ORG, "email_address": GRACE}),
        )
        .await;
    assert_eq!(res["member"]["is_locked"], false);
    assert!(res["member"]["lock_expires_at"].is_null());
    let body = primary(&h, GRACE).await;
    let code = h.latest_code(GRACE_PHONE).await;
    let (status, res) = authenticate(
        &h,
        &member_id,
        body["intermediate_session_token"].as_str().unwrap(),
        &code,
    )
    .await;
    assert_eq!(status, 200, "{res}");
}

#[tokio::test]
async fn authenticate_needs_exactly_one_session_argument() {
    let h = start().await;
    let grace = h.member_id(GRACE).await;
    let (status, res) = h
        .post(
            "/v1/b2b/otps/sms/authenticate",
            json!({"organization_id": ORG, "member_id": grace, "code": "123456"}),
        )
        .await;
    assert_stytch_error(status, &res, 400, "no_session_arguments");
    let (status, res) = h
        .post(
            "/v1/b2b/otps/sms/authenticate",
            json!({"organization_id": ORG, "member_id": grace, "code": "123456", "intermediate_session_token": "a", "session_token": "b"}),
        )
        .await;
    assert_stytch_error(status, &res, 400, "too_many_session_arguments");
}

#[tokio::test]
async fn ist_of_another_member_is_refused() {
    let h = start().await;
    let body = primary(&h, GRACE).await;
    let ada = h.member_id(ADA).await;
    let (status, res) = send(
        &h,
        &ada,
        body["intermediate_session_token"].as_str().unwrap(),
        Some("+14155550111"),
    )
    .await;
    assert_stytch_error(status, &res, 404, "intermediate_session_not_found");
}

#[tokio::test]
async fn sdk_mfa_flow_uses_the_envelope_and_requires_session_duration() {
    let h = start().await;
    let token = h.magic_link(GRACE, json!({})).await;
    let (status, body) = h
        .sdk_post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token, "session_duration_minutes": 30}),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let d = &body["data"];
    assert_eq!(d["mfa_required"]["secondary_auth_initiated"], "sms_otp");
    let (member_id, ist) = (
        d["member_id"].as_str().unwrap(),
        d["intermediate_session_token"].as_str().unwrap(),
    );
    // sms/send on the SDK: only request_id and status_code.
    let (status, sent) = h
        .sdk_post("/v1/b2b/otps/sms/send", json!({"organization_id": ORG, "member_id": member_id, "intermediate_session_token": ist}), None)
        .await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["data"].as_object().unwrap().len(), 2, "{sent}");
    let code = h.latest_code(GRACE_PHONE).await;
    let auth = json!({"organization_id": ORG, "member_id": member_id, "intermediate_session_token": ist, "code": code});
    let (status, res) = h
        .sdk_post("/v1/b2b/otps/sms/authenticate", auth.clone(), None)
        .await;
    // A missing required field on the SDK API is a schema error: {"body": [...]}, no error_type.
    assert_eq!(status, 400, "{res}");
    assert!(res.get("error_type").is_none(), "{res}");
    assert_eq!(res["body"][0]["keyword"], "required", "{res}");
    assert_eq!(
        res["body"][0]["params"]["missingProperty"],
        "session_duration_minutes"
    );
    let mut auth = auth;
    auth["session_duration_minutes"] = json!(30);
    let (status, res) = h
        .sdk_post("/v1/b2b/otps/sms/authenticate", auth, None)
        .await;
    assert_eq!(status, 200, "{res}");
    let s = &res["data"]["member_session"];
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
    assert_eq!((expires - started).whole_minutes(), 30);
}

#[tokio::test]
async fn tightening_the_policy_leaves_existing_sessions_valid() {
    let h = start().await;
    let session = h.ada_session().await;
    h.set_mfa_policy("REQUIRED_FOR_ALL").await;
    let (status, res) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_token": session["session_token"]}),
        )
        .await;
    assert_eq!(status, 200, "{res}");
}

#[tokio::test]
async fn a_phone_without_enrollment_gets_no_automatic_code() {
    let h = start().await;
    // Under OPTIONAL, linus (not enrolled) needs no MFA at all.
    let body = primary(&h, LINUS).await;
    assert_eq!(body["member_authenticated"], true, "{body}");
    assert_eq!(h.sms_count(LINUS_PHONE).await, 0);
    // Under REQUIRED_FOR_ALL: MFA, the masked phone, but Stytch sends nothing.
    h.set_mfa_policy("REQUIRED_FOR_ALL").await;
    let body = primary(&h, LINUS).await;
    assert_eq!(body["member_authenticated"], false);
    assert!(body["mfa_required"]["secondary_auth_initiated"].is_null());
    assert_eq!(
        body["mfa_required"]["member_options"]["mfa_phone_number"],
        "XXXXXXX0123"
    );
    assert!(body.get("intermediate_session_token_expires_at").is_none());
    assert_eq!(h.sms_count(LINUS_PHONE).await, 0);
    // The client sends exactly one code itself, to the number on file.
    let (member_id, ist) = (
        body["member_id"].as_str().unwrap(),
        body["intermediate_session_token"].as_str().unwrap(),
    );
    let (status, sent) = send(&h, member_id, ist, None).await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(h.sms_count(LINUS_PHONE).await, 1);
    let code = h.latest_code(LINUS_PHONE).await;
    let (status, done) = authenticate(&h, member_id, ist, &code).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["member"]["mfa_enrolled"], true);
    assert_eq!(done["member"]["mfa_phone_number_verified"], true);
}

#[tokio::test]
async fn enrolled_member_with_a_phone_gets_the_code_under_required_too() {
    let h = start().await;
    h.set_mfa_policy("REQUIRED_FOR_ALL").await;
    let body = primary(&h, GRACE).await;
    assert_eq!(body["mfa_required"]["secondary_auth_initiated"], "sms_otp");
    assert!(body.get("intermediate_session_token_expires_at").is_none());
    assert_eq!(h.sms_count(GRACE_PHONE).await, 1);
}

/// `n` wrong codes for grace against one IST.
async fn fail(h: &Harness, member_id: &str, ist: &str, wrong: &str, n: u32) {
    for _ in 0..n {
        let (status, res) = authenticate(h, member_id, ist, wrong).await;
        assert_stytch_error(status, &res, 404, "otp_code_not_found");
    }
}

#[tokio::test]
async fn a_success_resets_the_failure_count() {
    let h = start().await;
    let threshold = stytch_emulator::facts::LOCK_THRESHOLD_DEFAULT;
    let body = primary(&h, GRACE).await;
    let (member_id, ist) = (
        body["member_id"].as_str().unwrap().to_string(),
        body["intermediate_session_token"]
            .as_str()
            .unwrap()
            .to_string(),
    );
    let code = h.latest_code(GRACE_PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    fail(&h, &member_id, &ist, wrong, threshold - 1).await;
    let (status, res) = authenticate(&h, &member_id, &ist, &code).await;
    assert_eq!(status, 200, "{res}");
    // A fresh count: another threshold - 1 failures do not lock.
    let body = primary(&h, GRACE).await;
    let ist = body["intermediate_session_token"]
        .as_str()
        .unwrap()
        .to_string();
    let code = h.latest_code(GRACE_PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    fail(&h, &member_id, &ist, wrong, threshold - 1).await;
    let (status, res) = authenticate(&h, &member_id, &ist, &code).await;
    assert_eq!(status, 200, "{res}");
}

#[tokio::test]
async fn failures_count_without_a_time_window() {
    let h = start().await;
    let threshold = stytch_emulator::facts::LOCK_THRESHOLD_DEFAULT;
    // ada signs in for 10 hours (no MFA under OPTIONAL), then adds a phone with her session.
    let token = h.magic_link(ADA, json!({})).await;
    let (status, s) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token, "session_duration_minutes": 600}),
        )
        .await;
    assert_eq!(status, 200, "{s}");
    let (member_id, session) = (
        s["member_id"].as_str().unwrap().to_string(),
        s["session_token"].as_str().unwrap().to_string(),
    );
    let phone = "+14155550177";
    let send_code = || {
        h.post(
            "/v1/b2b/otps/sms/send",
            json!({"organization_id": ORG, "member_id": member_id, "mfa_phone_number": phone, "session_token": session}),
        )
    };
    let attempt = |code: String| {
        h.post(
            "/v1/b2b/otps/sms/authenticate",
            json!({"organization_id": ORG, "member_id": member_id, "session_token": session, "code": code}),
        )
    };
    let (status, res) = send_code().await;
    assert_eq!(status, 200, "{res}");
    let code = h.latest_code(phone).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 1..threshold {
        let (status, res) = attempt(wrong.to_string()).await;
        assert_stytch_error(status, &res, 404, "otp_code_not_found");
    }
    // Hours later the count is still there: the next failure locks.
    h.advance(3 * 3600).await;
    let (status, res) = send_code().await;
    assert_eq!(status, 200, "{res}");
    let code = h.latest_code(phone).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (status, res) = attempt(wrong.to_string()).await;
    assert_stytch_error(status, &res, 429, "user_lock_limit_reached");
    let code = h.latest_code(phone).await;
    let (status, res) = attempt(code).await;
    assert_stytch_error(status, &res, 429, "user_lock_limit_reached");
}
