//! Stytch as a real project is configured: the emulator runs with the SDK configuration the
//! README tells IT to set (every other test signs in against it), and here each switch is turned
//! the wrong way through its Management API on purpose. Each refusal reaches the person as one
//! notice naming what IT changes, with the values this build and configuration really send, and
//! `gatehouse doctor` finds what it can without signing in.

use gatehouse_core::doctor;
use gatehouse_core::token::{self, TokenError};
use gatehouse_core::FactorKind;
use gatehouse_test_kit::{app, Harness};
use serde_json::{json, Value};

/// The build's identifier, as the test kit's app sends it.
fn identifier() -> String {
    app().identifier
}

/// A harness whose emulator's SDK configuration is changed by `patch` before the launch.
async fn launched_with(patch: Value) -> Harness {
    let h = Harness::unstarted(0).await;
    h.control.set_sdk_config(patch).await;
    h.machine.start().await;
    h
}

fn notice(h: &Harness) -> (String, String) {
    let view = h.view();
    (
        view["notice"]["code"].as_str().unwrap_or("").to_owned(),
        view["notice"]["message"].as_str().unwrap_or("").to_owned(),
    )
}

fn assert_notice(h: &Harness, code: &str, names: &[&str]) {
    let (said, message) = notice(h);
    assert_eq!(said, code, "{}", h.view());
    for name in names {
        assert!(
            message.contains(name),
            "{code} should name {name}: {message}"
        );
    }
    assert!(message.contains("Ask IT"), "{message}");
    assert!(!message.contains("Something went wrong"), "{message}");
}

#[tokio::test]
async fn an_app_identifier_not_authorized_names_the_build_s_identifier() {
    // Stytch's errors page and its react-native docs name different types: both are understood.
    for answer in ["bad_app_bundle_for_stytch_sdk", "invalid_mobile_identifier"] {
        let h = launched_answering(
            json!({"unauthorized_app_answer": answer}),
            json!({"basic": {"enabled": true, "bundle_ids": ["com.someone.else"]}}),
        )
        .await;
        assert_notice(
            &h,
            "app_not_authorized",
            &[&identifier(), "Authorized applications"],
        );
    }
}

/// A harness whose emulator answers with `answers` where Stytch's answer is not settled (see
/// `POST /emulator/settings`), its SDK configuration changed by `patch`, then launched.
async fn launched_answering(answers: Value, patch: Value) -> Harness {
    let h = Harness::unstarted(0).await;
    h.control.set_emulator_settings(answers).await;
    h.control.set_sdk_config(patch).await;
    h.machine.start().await;
    h
}

#[tokio::test]
async fn email_links_switched_off_names_the_switch() {
    let h = launched_with(json!({"magic_links": {"enabled": false, "pkce_required": true}})).await;
    assert_eq!(h.screen(), "sign_in");
    h.machine.start_sign_in("grace@example.com".into()).await;
    assert_eq!(h.screen(), "sign_in", "still on the email screen");
    assert_notice(&h, "product_off", &["Email magic links"]);
}

#[tokio::test]
async fn sms_switched_off_names_the_switch() {
    let h = launched_with(json!({"otps": {"sms_enabled": false}})).await;
    // Grace is enrolled with a phone: Stytch sends her code itself, after the link.
    h.through_the_link("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    assert_eq!(
        h.screen(),
        "enter_code",
        "the code typed stays: {}",
        h.view()
    );
    assert_notice(&h, "product_off", &["SMS OTP"]);
    // A member without a phone, adding one: refused at the send, the number kept.
    h.machine.restart().await;
    h.set_mfa_required().await;
    h.restrict_mfa_methods(&["sms_otp"]).await;
    h.through_the_link("ada@example.com").await;
    assert_eq!(h.screen(), "enroll_phone", "{}", h.view());
    h.machine.enroll_phone("+14155550199".into()).await;
    assert_eq!(h.screen(), "enroll_phone", "{}", h.view());
    assert_notice(&h, "product_off", &["SMS OTP"]);
}

#[tokio::test]
async fn creating_authenticators_switched_off_names_create_totps() {
    let h = launched_with(json!({"totps": {"enabled": true, "create_totps": false}})).await;
    h.set_mfa_required().await;
    h.through_the_link("ada@example.com").await;
    assert_eq!(h.screen(), "choose_factor", "{}", h.view());
    h.machine.switch_factor(FactorKind::Totp).await;
    assert_notice(&h, "product_off", &["Create TOTPs"]);
}

#[tokio::test]
async fn authenticator_apps_switched_off_names_the_totp_switch() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.enrol_app("ada@example.com").await;
    h.machine.recovery_codes_done().await;
    h.sign_out_and_wait_a_step().await;
    h.control
        .set_sdk_config(json!({"totps": {"enabled": false, "create_totps": false}}))
        .await;
    h.through_the_link("ada@example.com").await;
    assert_eq!(h.screen(), "enter_code", "{}", h.view());
    let code = h.app_code("ada@example.com").await;
    h.machine.submit_code(FactorKind::Totp, code).await;
    assert_notice(&h, "product_off", &["“TOTP”"]);
}

#[tokio::test]
async fn a_session_longer_than_the_project_allows_names_both_numbers() {
    // Gatehouse asks for its default 60 minutes; the project allows 30.
    let h = launched_with(json!({"sessions": {"max_session_duration_minutes": 30}})).await;
    h.through_the_link("grace@example.com").await;
    assert_notice(
        &h,
        "session_too_long",
        &[
            "60 minutes",
            "[session] duration_minutes",
            "Maximum session duration",
        ],
    );
}

#[tokio::test]
async fn a_redirect_url_missing_a_type_names_the_url_and_both_types() {
    let h = Harness::unstarted(0).await;
    h.control
        .set_redirect_url("gatehouse://auth/callback", &["LOGIN"])
        .await;
    h.machine.start().await;
    h.machine.start_sign_in("grace@example.com".into()).await;
    assert_notice(
        &h,
        "redirect_url_not_registered",
        &["“gatehouse://auth/callback”", "Login and Sign-up"],
    );
}

#[tokio::test]
async fn httponly_enforced_on_stytch_s_default_host_is_named_at_launch() {
    let h = launched_answering(
        json!({"http_only_answer": "cname_required"}),
        json!({"cookies": {"http_only": "ENFORCED"}}),
    )
    .await;
    assert_notice(&h, "tokens_hidden", &["HttpOnly cookies", "not Enforced"]);
}

#[tokio::test]
async fn httponly_enforced_is_named_when_the_answer_leaves_the_session_out() {
    let h = launched_with(json!({"cookies": {"http_only": "ENFORCED"}})).await;
    h.through_the_link("grace@example.com").await;
    assert_notice(&h, "tokens_hidden", &["HttpOnly cookies", "not Enforced"]);
    assert_eq!(h.session.value(), None, "nothing to keep");
}

#[tokio::test]
async fn fingerprinting_that_demands_a_captcha_names_the_setting() {
    // Stytch documents a JSON error; stytch-browser reads a text body: both are understood.
    for answer in ["json", "text"] {
        let h = launched_answering(
            json!({"captcha_answer": answer}),
            json!({"dfppa": {"enabled": "ENABLED", "on_challenge": "TRIGGER_CAPTCHA"}}),
        )
        .await;
        // stytch-browser protects the link's check, not the email's send, with fingerprinting.
        h.through_the_link("grace@example.com").await;
        assert_notice(
            &h,
            "captcha_required",
            &["Device fingerprinting protection"],
        );
    }
}

#[tokio::test]
async fn a_member_lock_shows_the_end_the_project_sets() {
    let h = Harness::unstarted(0).await;
    h.control.set_lock(3, 300).await;
    h.machine.start().await;
    h.to_code_screen("grace@example.com").await;
    let right = h.code("+14155550123");
    let wrongs = (0..4u32)
        .map(|i| format!("{:06}", 300_000 + i * 11))
        .filter(|c| *c != right)
        .take(3);
    for wrong in wrongs {
        h.machine.submit_code(FactorKind::Sms, wrong).await;
    }
    h.machine.submit_code(FactorKind::Sms, right).await;
    assert_eq!(
        notice(&h).0,
        "member_locked",
        "locked after 3: {}",
        h.view()
    );
    h.machine.restart().await;
    h.through_the_link("grace@example.com").await;
    let view = h.view();
    assert_eq!(view["notice"]["code"], "member_locked", "{view}");
    let until = time::OffsetDateTime::parse(
        view["notice"]["retry_at"]
            .as_str()
            .expect("Stytch's end of the lock"),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let left = until - time::OffsetDateTime::now_utc();
    assert!(
        left > time::Duration::minutes(4) && left <= time::Duration::minutes(5),
        "the project's 5 minutes, not an hour: {left}"
    );
}

#[tokio::test]
async fn a_dead_session_answered_either_way_signs_out() {
    for answer in ["session_not_found", "unauthorized_credentials"] {
        let h = Harness::new(None, false).await;
        h.control.set_dead_session_answer(answer).await;
        h.to_code_screen("grace@example.com").await;
        h.machine
            .submit_code(FactorKind::Sms, h.code("+14155550123"))
            .await;
        let token = h.session.value().expect("kept");
        h.control
            .backend_post("/v1/b2b/sessions/revoke", &json!({"session_token": token}))
            .await;
        h.machine.check_session().await.unwrap();
        assert_eq!(h.screen(), "sign_in", "{answer}");
        assert_eq!(notice(&h).0, "session_ended", "{answer}");
        assert_eq!(h.session.value(), None, "{answer}");
        let calls = h.control.requests().await;
        let last = calls
            .iter()
            .rev()
            .find(|c| c.path.ends_with("/sessions/authenticate"))
            .expect("the check");
        let expected = if answer == "session_not_found" {
            404
        } else {
            401
        };
        assert_eq!(last.status, expected, "the emulator answered {answer}");
    }
}

#[tokio::test]
async fn gatehouse_token_reports_a_project_refusal_as_configuration() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    h.control
        .set_sdk_config(json!({"basic": {"enabled": true, "bundle_ids": ["com.someone.else"]}}))
        .await;
    let config = gatehouse_test_kit::config(&h.emulator);
    let e = token::fetch(&config, h.session.clone(), app(), h.clock.as_ref())
        .await
        .unwrap_err();
    assert!(matches!(e, TokenError::Config(_)), "{e:?}");
    assert_eq!(e.exit_code(), 4);
    assert!(e.to_string().contains(&identifier()), "{e}");
    assert!(h.session.value().is_some(), "not a dead session: kept");
}

async fn doctor_checks(h: &Harness) -> Vec<doctor::Check> {
    let config = gatehouse_test_kit::config(&h.emulator);
    doctor::stytch(&config, app(), time::OffsetDateTime::now_utc()).await
}

fn find<'a>(checks: &'a [doctor::Check], name: &str) -> &'a doctor::Check {
    checks
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {name} check in {checks:?}"))
}

#[tokio::test]
async fn the_doctor_passes_every_switch_of_a_correctly_set_up_project() {
    let h = Harness::unstarted(0).await;
    let checks = doctor_checks(&h).await;
    for name in [
        "app identifier",
        "email links",
        "sms codes",
        "authenticator apps",
        "authenticator setup",
    ] {
        let check = find(&checks, name);
        assert!(check.ok, "{check:?}");
    }
    assert!(find(&checks, "app identifier")
        .detail
        .contains(&identifier()));
    assert!(
        h.control.outbox("grace@example.com").await.is_empty(),
        "probing sends nothing"
    );
}

#[tokio::test]
async fn the_doctor_names_each_switch_turned_the_wrong_way_and_its_fix() {
    let cases: [(Value, &str, &str); 6] = [
        (
            json!({"basic": {"enabled": true, "bundle_ids": []}}),
            "app identifier",
            "Authorized applications",
        ),
        (
            json!({"magic_links": {"enabled": false}}),
            "email links",
            "Email magic links",
        ),
        (
            json!({"sessions": {"max_session_duration_minutes": 30}}),
            "email links",
            "Maximum session duration",
        ),
        (
            json!({"dfppa": {"enabled": "ENABLED", "on_challenge": "BLOCK"}}),
            "email links",
            "Device fingerprinting",
        ),
        (
            json!({"otps": {"sms_enabled": false}}),
            "sms codes",
            "SMS OTP",
        ),
        (
            json!({"totps": {"enabled": true, "create_totps": false}}),
            "authenticator setup",
            "Create TOTPs",
        ),
    ];
    for (patch, name, fix) in cases {
        let h = Harness::unstarted(0).await;
        h.control.set_sdk_config(patch.clone()).await;
        let checks = doctor_checks(&h).await;
        let check = find(&checks, name);
        assert!(!check.ok, "{patch}: {check:?}");
        let said = check.fix.as_deref().unwrap_or("");
        assert!(said.contains(fix), "{patch}: {said}");
    }
}

#[tokio::test]
async fn the_doctor_fails_a_wrong_public_token_on_every_probe_whatever_the_organization_setting() {
    use stytch_b2b::{OrganizationId, OrganizationRef, PublicToken};
    let h = Harness::unstarted(0).await;
    let by_id = OrganizationRef::Id(OrganizationId::new(h.organization_id().await));
    let by_slug = gatehouse_test_kit::config(&h.emulator).organization;
    for organization in [by_slug, by_id] {
        let config = gatehouse_core::Config {
            auth: gatehouse_core::StytchAuth::PublicToken(PublicToken::new(
                "public-token-test-00000000-0000-4000-8000-000000000000",
            )),
            organization,
            ..gatehouse_test_kit::config(&h.emulator)
        };
        let checks = doctor::stytch(&config, app(), time::OffsetDateTime::now_utc()).await;
        for name in [
            "app identifier",
            "email links",
            "sms codes",
            "authenticator apps",
        ] {
            let check = find(&checks, name);
            assert!(!check.ok, "{check:?}");
            assert!(
                check.fix.as_deref().unwrap_or("").contains("public_token"),
                "{check:?}"
            );
        }
    }
}
