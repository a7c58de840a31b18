//! Second factors beyond SMS, in the core: choosing what to set up, an authenticator app
//! (enrolment with its setup key, then its codes), recovery codes (shown once, one signs in, they
//! run low, new ones), switching factors without a second SMS, an organization that allows one
//! method, and a lock reached by mixing factors. Against the emulator in-process.

use gatehouse_core::FactorKind;
use gatehouse_test_kit::*;
use serde_json::{json, Value};

const ORG: &str = "organization-test-1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b";

#[tokio::test]
async fn a_member_without_a_factor_sets_up_an_authenticator_app_and_sees_recovery_codes_once() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    let events = record_jwt_events(&h.machine);
    h.through_the_link("ada@example.com").await;
    let view = h.view();
    assert_eq!(view["screen"], "choose_factor");
    assert_eq!(view["options"], json!(["sms", "totp"]));

    h.machine.switch_factor(FactorKind::Totp).await;
    let view = h.view();
    assert_eq!(view["screen"], "enroll_totp", "{view}");
    let qr = view["qr_code"].as_str().unwrap();
    assert!(qr.starts_with("data:image/png;base64,"), "{qr}");
    let secret = view["secret"].as_str().unwrap().to_owned();
    assert_eq!(secret.len(), 32, "a base32 setup key: {secret}");
    assert_eq!(view["alternatives"], json!(["sms"]));

    // A wrong first code: still on the setup screen, the key still there, the code refused.
    let right = h.app_code("ada@example.com").await;
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    h.machine.submit_code(FactorKind::Totp, wrong.into()).await;
    let view = h.view();
    assert_eq!(view["screen"], "enroll_totp");
    assert_eq!(view["notice"]["code"], "wrong_totp_code");
    assert_eq!(view["secret"], secret.as_str());
    h.machine
        .submit_code(FactorKind::Totp, "12345".into())
        .await;
    assert_eq!(h.notice().as_deref(), Some("invalid_totp_code"));

    h.machine.submit_code(FactorKind::Totp, right).await;
    let view = h.view();
    assert_eq!(view["screen"], "recovery_codes", "{view}");
    assert_eq!(view["rotated"], false);
    let codes = strings(&view["codes"]);
    assert_eq!(codes.len(), 10, "{codes:?}");
    // The session is kept before the codes are even shown; the workspace waits for them.
    assert!(h.session.value.lock().unwrap().is_some());
    assert_eq!(events.lock().unwrap().as_slice(), ["pause"]);

    // Save to file: the codes, readable by the owner alone.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("codes.txt");
    // Saved over a file others could read: it becomes the owner's alone.
    std::fs::write(&file, "old").unwrap();
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    assert!(h.machine.save_recovery_codes_to(&file).unwrap());
    // The screen says where they went.
    let view = h.view();
    assert_eq!(view["notice"]["code"], "recovery_codes_saved", "{view}");
    assert_eq!(
        view["notice"]["message"],
        format!("Saved to {}.", file.display()),
        "{view}"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(codes.iter().all(|c| text.contains(c.as_str())), "{text}");
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&file).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);

    h.machine.recovery_codes_done().await;
    let view = h.view();
    assert_eq!(view["screen"], "signed_in");
    assert_eq!(view["can_renew_recovery_codes"], true);
    assert_eq!(view["recovery_codes_left"], Value::Null);
    assert!(
        !view.to_string().contains(&codes[0]),
        "the codes left the view once saved"
    );
    let events = events.lock().unwrap().clone();
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(
        events[1].starts_with("open "),
        "the workspace opens after the codes"
    );
    assert!(
        !h.machine.save_recovery_codes_to(&file).unwrap(),
        "nothing left to save"
    );
}

#[tokio::test]
async fn the_app_is_the_default_then_a_recovery_code_signs_in_says_how_many_are_left_and_new_ones_replace_them(
) {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    let codes = h.enrol_app("ada@example.com").await;
    h.machine.recovery_codes_done().await;
    h.sign_out_and_wait_a_step().await;

    // Next sign-in: the authenticator app first, and no SMS anywhere.
    let sms_before = h.sms_sends().await;
    h.through_the_link("ada@example.com").await;
    let view = h.view();
    assert_eq!(view["screen"], "enter_code", "{view}");
    assert_eq!(view["factor"], "totp");
    assert_eq!(view["masked_phone"], Value::Null);
    assert_eq!(view["alternatives"], json!(["recovery_code"]));
    let code = h.app_code("ada@example.com").await;
    h.machine.submit_code(FactorKind::Totp, code).await;
    assert_eq!(h.screen(), "signed_in", "{}", h.view());
    assert_eq!(h.sms_sends().await, sms_before, "no SMS on the app's path");
    h.sign_out_and_wait_a_step().await;

    // Then with a recovery code: a wrong one keeps the screen and what was typed.
    h.through_the_link("ada@example.com").await;
    h.machine.switch_factor(FactorKind::RecoveryCode).await;
    let view = h.view();
    assert_eq!(view["screen"], "enter_recovery_code");
    assert_eq!(view["alternatives"], json!(["totp"]));
    h.machine
        .submit_recovery_code("zzzz-zzzz-zzzz".into())
        .await;
    let view = h.view();
    assert_eq!(view["screen"], "enter_recovery_code");
    assert_eq!(view["notice"]["code"], "wrong_recovery_code");
    h.machine.submit_recovery_code("has space".into()).await;
    assert_eq!(h.notice().as_deref(), Some("invalid_recovery_code"));
    h.machine
        .submit_recovery_code(format!(" {} ", codes[0]))
        .await;
    let view = h.view();
    assert_eq!(view["screen"], "signed_in", "{view}");
    assert_eq!(view["recovery_codes_left"]["left"], 9);
    assert_eq!(view["recovery_codes_left"]["low"], false);
    h.machine.recovery_codes_done().await;
    assert_eq!(h.view()["recovery_codes_left"], Value::Null);

    // New codes: shown once, the old ones gone.
    h.machine.renew_recovery_codes().await;
    let view = h.view();
    assert_eq!(view["screen"], "recovery_codes", "{view}");
    assert_eq!(view["rotated"], true);
    let renewed = strings(&view["codes"]);
    assert_eq!(renewed.len(), 10);
    assert!(renewed.iter().all(|c| !codes.contains(c)));
    h.machine.recovery_codes_done().await;
    h.sign_out_and_wait_a_step().await;
    h.through_the_link("ada@example.com").await;
    h.machine.switch_factor(FactorKind::RecoveryCode).await;
    h.machine.submit_recovery_code(codes[1].clone()).await;
    assert_eq!(
        h.notice().as_deref(),
        Some("wrong_recovery_code"),
        "an old code"
    );
    h.machine.submit_recovery_code(renewed[0].clone()).await;
    assert_eq!(h.screen(), "signed_in");
}

#[tokio::test]
async fn recovery_codes_running_low_are_said_at_two_or_fewer() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    let codes = h.enrol_app("ada@example.com").await;
    h.machine.recovery_codes_done().await;
    for (i, code) in codes.iter().take(8).enumerate() {
        h.sign_out_and_wait_a_step().await;
        h.through_the_link("ada@example.com").await;
        h.machine.switch_factor(FactorKind::RecoveryCode).await;
        h.machine.submit_recovery_code(code.clone()).await;
        let view = h.view();
        let left = 9 - i as u64;
        assert_eq!(view["recovery_codes_left"]["left"], left, "{view}");
        // The core says when that is few enough to warn; the UI only shows it.
        assert_eq!(view["recovery_codes_left"]["low"], left <= 2, "{view}");
    }
    assert_eq!(h.view()["recovery_codes_left"]["left"], 2);
    assert_eq!(h.view()["recovery_codes_left"]["low"], true);
}

#[tokio::test]
async fn switching_to_the_app_and_back_never_sends_a_second_sms() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    // Grace has a phone (Stytch sends the code itself); signed in, she adds an authenticator app
    // through the backend API, as a company's own settings page would.
    h.to_code_screen("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    let token = h.session.value.lock().unwrap().clone().expect("a session");
    let grace = h.member_id("grace@example.com").await;
    let (status, created) = h
        .control
        .backend_post(
            "/v1/b2b/totp",
            &json!({"organization_id": ORG, "member_id": grace, "session_token": token}),
        )
        .await;
    assert_eq!(status, 200, "{created}");
    let code = h.app_code("grace@example.com").await;
    let (status, confirmed) = h
        .control
        .backend_post(
            "/v1/b2b/totp/authenticate",
            &json!({"organization_id": ORG, "member_id": grace, "code": code, "session_token": token}),
        )
        .await;
    assert_eq!(status, 200, "{confirmed}");
    h.sign_out_and_wait_a_step().await;
    let sms_before = h.emulator.emulator.outbox(Some("+14155550123")).len();

    h.through_the_link("grace@example.com").await;
    let view = h.view();
    assert_eq!(view["screen"], "enter_code", "{view}");
    assert_eq!(view["factor"], "sms");
    assert_eq!(view["alternatives"], json!(["totp", "recovery_code"]));
    assert_eq!(
        h.emulator.emulator.outbox(Some("+14155550123")).len(),
        sms_before + 1,
        "Stytch sent the code after the link"
    );

    h.machine.switch_factor(FactorKind::Totp).await;
    assert_eq!(h.view()["factor"], "totp");
    h.machine.switch_factor(FactorKind::Sms).await;
    let view = h.view();
    assert_eq!(view["factor"], "sms");
    assert_eq!(view["masked_phone"], "••• 0123");
    assert_eq!(
        h.emulator.emulator.outbox(Some("+14155550123")).len(),
        sms_before + 1,
        "the code Stytch sent is still the one"
    );
    h.machine.switch_factor(FactorKind::Totp).await;
    // The SMS code, typed on the SMS screen but arriving after the switch: it is not sent to the
    // app's route (where it would be refused and count toward her lock).
    h.control.clear_requests().await;
    let sms = h.code("+14155550123");
    h.machine.submit_code(FactorKind::Sms, sms).await;
    let view = h.view();
    assert_eq!(
        (&view["factor"], &view["notice"]),
        (&json!("totp"), &Value::Null),
        "{view}"
    );
    assert_eq!(
        h.requests().await,
        Vec::<String>::new(),
        "nothing went to Stytch"
    );
    let code = h.app_code("grace@example.com").await;
    h.machine.submit_code(FactorKind::Totp, code).await;
    assert_eq!(h.screen(), "signed_in", "{}", h.view());
}

#[tokio::test]
async fn a_member_cannot_switch_to_a_factor_they_do_not_have() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.to_code_screen("grace@example.com").await;
    assert_eq!(h.view()["alternatives"], json!([]));
    h.machine.switch_factor(FactorKind::Totp).await;
    let view = h.view();
    assert_eq!(view["screen"], "enter_code");
    assert_eq!(view["factor"], "sms");
    assert_eq!(view["notice"]["code"], "method_not_allowed");
}

#[tokio::test]
async fn an_organization_that_allows_only_the_app_offers_only_the_app() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.restrict_mfa_methods(&["totp"]).await;
    h.through_the_link("ada@example.com").await;
    let view = h.view();
    assert_eq!(view["screen"], "enroll_totp", "no choice to make: {view}");
    assert_eq!(view["alternatives"], json!([]));
    h.machine.switch_factor(FactorKind::Sms).await;
    assert_eq!(h.notice().as_deref(), Some("method_not_allowed"));
    assert_eq!(h.screen(), "enroll_totp");
}

#[tokio::test]
async fn an_organization_that_allows_only_sms_goes_straight_to_the_phone() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.restrict_mfa_methods(&["sms_otp"]).await;
    h.through_the_link("ada@example.com").await;
    let view = h.view();
    assert_eq!(view["screen"], "enroll_phone", "{view}");
    assert_eq!(view["alternatives"], json!([]));
}

#[tokio::test]
async fn wrong_app_codes_and_wrong_recovery_codes_count_toward_one_lock() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    let codes = h.enrol_app("ada@example.com").await;
    h.machine.recovery_codes_done().await;
    h.sign_out_and_wait_a_step().await;
    h.through_the_link("ada@example.com").await;
    let right = h.app_code("ada@example.com").await;
    // Five wrong app codes, then five wrong recovery codes: ten in a row.
    let wrongs = (0..7u32)
        .map(|i| format!("{:06}", 200_000 + i * 13))
        .filter(|c| *c != right)
        .take(5);
    for wrong in wrongs {
        h.machine.submit_code(FactorKind::Totp, wrong).await;
        assert_eq!(h.notice().as_deref(), Some("wrong_totp_code"));
    }
    h.machine.switch_factor(FactorKind::RecoveryCode).await;
    for i in 0..4 {
        h.machine
            .submit_recovery_code(format!("wrong-{i}-code"))
            .await;
        assert_eq!(h.notice().as_deref(), Some("wrong_recovery_code"));
    }
    // The tenth failure in a row, across both factors, locks the member.
    h.machine.submit_recovery_code("wrong-4-code".into()).await;
    assert_eq!(h.notice().as_deref(), Some("member_locked"));
    // Even a right recovery code is refused now.
    h.machine.submit_recovery_code(codes[0].clone()).await;
    let view = h.view();
    assert_eq!(view["notice"]["code"], "member_locked", "{view}");
}

#[tokio::test]
async fn signing_out_while_codes_are_renewed_says_the_new_ones_were_lost() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.enrol_app("ada@example.com").await;
    h.machine.recovery_codes_done().await;
    // Stytch rotates the codes while the member signs out: the rotation's answer arrives after
    // the sign-out began (and before its revocation, answered later still).
    for (path, ms) in [
        ("/v1/b2b/recovery_codes/rotate", 300),
        ("/sdk/v1/b2b/recovery_codes/rotate", 300),
        ("/v1/b2b/sessions/revoke", 1000),
        ("/sdk/v1/b2b/sessions/revoke", 1000),
    ] {
        let stall = emulator_control::Fault::delay(path, std::time::Duration::from_millis(ms));
        h.control.arm(&stall).await;
    }
    let machine = h.machine.clone();
    let renewal = tokio::spawn(async move { machine.renew_recovery_codes().await });
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    h.machine.sign_out().await;
    renewal.await.unwrap();
    let view = h.view();
    assert_eq!(view["screen"], "sign_in", "{view}");
    assert_eq!(view["notice"]["code"], "recovery_codes_lost", "{view}");
    assert!(
        h.requests()
            .await
            .iter()
            .any(|r| r.contains("recovery_codes/rotate 200")),
        "Stytch did rotate them"
    );
}
