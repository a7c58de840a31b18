//! The sign-in core without a window or a display: the guide's paths and the ones a person meets
//! less often — rate limits, Stytch or the network down, a locked member, a keychain that fails,
//! a revoke that must wait, links from elsewhere, expiries on the machine's own clock — each
//! against the emulator in-process, checked by the view the core reports.

use std::time::Duration;

use emulator_control::{Control, Fault};
use gatehouse_core::config::Workspace;
use gatehouse_core::view::Action;
use gatehouse_core::FactorKind;
use serde_json::json;
use stytch_b2b::{OrganizationRef, OrganizationSlug, Url};
use stytch_emulator::{spawn, Emulator};

use gatehouse_test_kit::*;

#[tokio::test]
async fn a_rate_limit_says_when_to_try_again_and_keeps_the_address() {
    let h = Harness::new(None, false).await;
    h.fault("/sdk/v1/b2b/magic_links/email/login_or_signup", 429, 1)
        .await;
    h.machine.start_sign_in("ada@example.com".into()).await;
    let view = h.view();
    assert_eq!(view["screen"], "sign_in");
    assert_eq!(view["email"], "ada@example.com");
    assert_eq!(view["notice"]["code"], "rate_limited");
    assert!(view["notice"]["retry_at"].is_string(), "says when: {view}");
    h.machine.start_sign_in("ada@example.com".into()).await;
    assert_eq!(h.screen(), "check_email", "the next try goes through");
}

#[tokio::test]
async fn stytch_unreachable_at_launch_offers_a_retry_and_sign_in_says_so_too() {
    let h = Harness::new(Some("http://127.0.0.1:9"), false).await;
    assert_eq!(h.notice().as_deref(), Some("network_down"));
    assert_eq!(
        h.view()["notice"]["action"],
        serde_json::to_value(Action::Retry).unwrap()
    );
    h.machine.start_sign_in("ada@example.com".into()).await;
    assert_eq!(h.screen(), "sign_in");
    assert_eq!(h.notice().as_deref(), Some("network_down"));
}

#[tokio::test]
async fn stytch_down_while_checking_a_code_keeps_the_code_screen() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.fault("/sdk/v1/b2b/otps/sms/authenticate", 503, 1).await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    assert_eq!(h.screen(), "enter_code");
    assert_eq!(h.notice().as_deref(), Some("stytch_down"));
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    assert_eq!(
        h.screen(),
        "signed_in",
        "the same code works once Stytch is back"
    );
}

#[tokio::test]
async fn repeated_wrong_codes_lock_the_member_with_a_way_forward() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    let right = h.code("+14155550123");
    // Ten different wrong codes (the same one twice would be one attempt).
    let wrongs = (0..11u32)
        .map(|i| format!("{:06}", 100_000 + i * 7))
        .filter(|c| *c != right)
        .take(10);
    for wrong in wrongs {
        h.machine.submit_code(FactorKind::Sms, wrong).await;
        assert_eq!(h.screen(), "enter_code");
    }
    h.machine.submit_code(FactorKind::Sms, right).await;
    let view = h.view();
    assert_eq!(view["notice"]["code"], "member_locked", "{view}");
    assert_eq!(view["notice"]["action"], "restart");
    // Stytch's error does not say until when, and the project sets how long a lock lasts:
    // no time is made up.
    assert!(view["notice"]["retry_at"].is_null(), "{view}");
    // Starting over, the link's answer names the member's lock and its end: that is shown, and
    // no code is sent that could not be used.
    h.machine.restart().await;
    let sends = h.sms_sends().await;
    h.through_the_link("grace@example.com").await;
    let view = h.view();
    assert_eq!(view["notice"]["code"], "member_locked", "{view}");
    assert_eq!(h.sms_sends().await, sends, "no SMS for a locked member");
    // The demo project locks for an hour.
    let until = time::OffsetDateTime::parse(
        view["notice"]["retry_at"].as_str().expect("retry_at"),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let left = until - time::OffsetDateTime::now_utc();
    assert!(
        left > time::Duration::minutes(59) && left <= time::Duration::minutes(60),
        "{left}"
    );
}

#[tokio::test]
async fn an_unknown_slug_is_a_configuration_error_naming_the_slug_and_the_file() {
    let emulator = spawn(Emulator::demo()).await.unwrap();
    let slug = OrganizationRef::Slug(OrganizationSlug::new("no-such-org"));
    let h = Harness::with_organization(emulator, None, false, slug).await;
    let view = h.view();
    assert_eq!(view["screen"], "config_error", "{view}");
    assert_eq!(view["file"], CONFIG_FILE);
    let message = view["message"].as_str().unwrap();
    assert!(
        message.contains("\"no-such-org\"") && message.contains(CONFIG_FILE),
        "{message}"
    );
    // Nothing else was asked of Stytch: the search answered 200 with no organization.
    assert_eq!(
        h.requests().await,
        vec!["POST /sdk/v1/b2b/organizations/search 200".to_owned()]
    );
}

#[tokio::test]
async fn an_organization_id_needs_no_lookup_and_the_name_arrives_with_the_link() {
    let emulator = spawn(Emulator::demo()).await.unwrap();
    let id = OrganizationRef::Id(stytch_b2b::OrganizationId::new(
        stytch_emulator::DEMO_ORGANIZATION_ID,
    ));
    let h = Harness::with_organization(emulator, None, false, id).await;
    let view = h.view();
    assert_eq!(view["screen"], "sign_in", "{view}");
    assert!(
        view["organization_name"].is_null(),
        "no public lookup by id: {view}"
    );
    assert!(h.requests().await.is_empty(), "no call before the email");
    h.to_code_screen("grace@example.com").await;
    assert_eq!(h.view()["organization_name"], "Example Org");
}

#[tokio::test]
async fn a_failing_keychain_does_not_block_sign_in_and_says_why() {
    let h = Harness::new(None, true).await;
    h.set_mfa_required().await;
    h.to_code_screen("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    let view = h.view();
    assert_eq!(view["screen"], "signed_in");
    assert_eq!(view["remembered"], false);
    assert_eq!(view["notice"]["code"], "not_remembered");
    assert!(view["notice"]["message"]
        .as_str()
        .unwrap()
        .contains("locked"));
}

#[tokio::test]
async fn sign_out_while_stytch_is_down_wipes_the_keychain_and_revokes_later() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    assert_eq!(h.screen(), "signed_in");
    let token = h
        .session
        .value
        .lock()
        .unwrap()
        .clone()
        .expect("kept at once");

    h.fault("/sdk/v1/b2b/sessions/revoke", 503, 1).await;
    h.machine.sign_out().await;
    assert_eq!(h.screen(), "sign_in");
    assert_eq!(h.notice().as_deref(), Some("revoke_pending"));
    assert_eq!(
        *h.session.value.lock().unwrap(),
        None,
        "wiped although Stytch was down"
    );

    h.machine
        .check_session()
        .await
        .expect("the pending revoke goes through");
    let (status, _) = session_status(&h, &token).await;
    assert_eq!(status, 404, "revoked at Stytch once it could be reached");
}

#[tokio::test]
async fn a_session_revoked_elsewhere_returns_to_sign_in_with_the_reason() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    let token = h.session.value.lock().unwrap().clone().unwrap();
    let revoke = json!({"session_token": token});
    h.control
        .backend_post("/v1/b2b/sessions/revoke", &revoke)
        .await;
    h.machine.check_session().await.unwrap();
    assert_eq!(h.screen(), "sign_in");
    assert_eq!(h.notice().as_deref(), Some("session_ended"));
    assert_eq!(*h.session.value.lock().unwrap(), None);
}

#[tokio::test]
async fn a_network_failure_during_the_background_check_keeps_the_session() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    h.fault("/sdk/v1/b2b/sessions/authenticate", 503, 10).await;
    assert!(
        h.machine.check_session().await.is_err(),
        "the caller backs off"
    );
    assert_eq!(h.screen(), "signed_in");
    assert!(h.session.value.lock().unwrap().is_some());
}

#[tokio::test]
async fn try_again_after_a_failed_organization_lookup_fetches_it() {
    let emulator = spawn(Emulator::demo()).await.unwrap();
    let fault = Fault::status("/sdk/v1/b2b/organizations/search", 503).times(4);
    Control::new(&emulator.base_url).arm(&fault).await;
    let h = Harness::with_emulator(emulator, None, false).await;
    let view = h.view();
    assert_eq!(view["notice"]["code"], "stytch_down", "{view}");
    assert_eq!(view["notice"]["action"], "retry");
    assert!(view["organization_name"].is_null());

    h.machine.retry().await;
    let view = h.view();
    assert!(view["notice"].is_null(), "{view}");
    assert_eq!(view["organization_name"], "Example Org");
}

#[tokio::test]
async fn a_member_with_an_unenrolled_phone_gets_exactly_one_code_which_the_app_sends() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    // linus has a phone on file that was never verified, so he is not MFA-enrolled: Stytch does
    // not send the code after the link (stytch-node lib/b2b/otp_sms.ts), the app must, once.
    h.to_code_screen("linus@example.com").await;
    let calls = h.requests().await;
    let sends: Vec<&String> = calls
        .iter()
        .filter(|c| c.contains("/otps/sms/send"))
        .collect();
    assert_eq!(sends, ["POST /sdk/v1/b2b/otps/sms/send 200"], "{calls:?}");
    assert_eq!(h.emulator.emulator.outbox(Some("+15555550123")).len(), 1);
    h.machine
        .submit_code(FactorKind::Sms, h.code("+15555550123"))
        .await;
    assert_eq!(h.screen(), "signed_in", "{:?}", h.notice());
}

// ---------------------------------------------------------------------------------------------
// What only the window used to cover, and the machine's own clock.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_member_without_a_phone_enrols_one_and_signs_in() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.machine.start_sign_in("ada@example.com".into()).await;
    h.machine.open_link(&h.link("ada@example.com").await).await;
    let view = h.view();
    assert_eq!(view["screen"], "choose_factor", "{view}");
    assert_eq!(view["options"], json!(["sms", "totp"]));
    h.machine.switch_factor(FactorKind::Sms).await;
    let view = h.view();
    assert_eq!(view["screen"], "enroll_phone", "{view}");
    assert_eq!(view["alternatives"], json!(["totp"]));
    h.machine.enroll_phone("not a number".into()).await;
    assert_eq!(h.notice().as_deref(), Some("invalid_phone"));
    assert_eq!(
        h.screen(),
        "enroll_phone",
        "what was typed can be fixed in place"
    );
    h.machine.enroll_phone("+14155550199".into()).await;
    let view = h.view();
    assert_eq!(view["screen"], "enter_code", "{view}");
    assert_eq!(view["factor"], "sms");
    assert_eq!(view["masked_phone"], "••• 0199");
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550199"))
        .await;
    assert_eq!(h.screen(), "signed_in");
    assert!(h.session.value.lock().unwrap().is_some());
}

#[tokio::test]
async fn a_link_from_another_sign_in_says_so_and_offers_to_start_again() {
    let h = Harness::new(None, false).await;
    h.machine.start_sign_in("grace@example.com".into()).await;
    let first = h.link("grace@example.com").await;
    h.machine.restart().await;
    h.machine.start_sign_in("grace@example.com".into()).await;
    // The first email's link was bound to a verifier this sign-in no longer holds.
    h.machine.open_link(&first).await;
    let view = h.view();
    assert_eq!(view["notice"]["code"], "link_other_device", "{view}");
    assert_eq!(view["notice"]["action"], "restart");
    assert_eq!(view["screen"], "check_email");
}

#[tokio::test]
async fn a_replayed_link_never_reaches_stytch_again() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    let link = h.link("grace@example.com").await;
    let before = h.count("/magic_links/authenticate").await;
    h.machine.open_link(&link).await;
    assert_eq!(h.notice().as_deref(), Some("link_used"));
    assert_eq!(
        h.screen(),
        "enter_code",
        "the sign-in under way is untouched"
    );
    assert_eq!(h.count("/magic_links/authenticate").await, before);
}

#[tokio::test]
async fn the_next_launch_restores_the_saved_session_and_a_waiting_sign_in() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    assert_eq!(h.screen(), "signed_in");
    let next = h.relaunch().await;
    let view = serde_json::to_value(next.view()).unwrap();
    assert_eq!(view["screen"], "signed_in", "{view}");
    assert_eq!(view["remembered"], true);
    assert_eq!(view["organization_name"], "Example Org");

    // A sign-in waiting for its link survives a restart too (the link may launch the app).
    next.sign_out().await;
    next.start_sign_in("grace@example.com".into()).await;
    let link = h.link("grace@example.com").await;
    let third = h.relaunch().await;
    assert_eq!(
        serde_json::to_value(third.view()).unwrap()["screen"],
        "check_email"
    );
    third.open_link(&link).await;
    assert_eq!(
        serde_json::to_value(third.view()).unwrap()["screen"],
        "enter_code"
    );
}

#[tokio::test]
async fn the_machine_knows_a_sign_in_and_a_code_have_expired_before_stytch_says_so() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    let code = h.code("+14155550123");
    let calls = h.count("/otps/sms/authenticate").await;

    h.clock.advance(time::Duration::minutes(3));
    h.machine.submit_code(FactorKind::Sms, code.clone()).await;
    let view = h.view();
    assert_eq!(view["notice"]["code"], "code_expired", "{view}");
    // The screen's "Send a new code" is the one control (no second one in the notice).
    assert!(view["notice"]["action"].is_null(), "{view}");
    assert_eq!(view["screen"], "enter_code");

    h.clock.advance(time::Duration::minutes(8));
    h.machine.submit_code(FactorKind::Sms, code).await;
    let view = h.view();
    assert_eq!(view["screen"], "sign_in", "{view}");
    assert_eq!(view["notice"]["code"], "sign_in_timed_out");
    assert_eq!(view["email"], "grace@example.com", "the address is kept");
    assert_eq!(
        h.count("/otps/sms/authenticate").await,
        calls,
        "Stytch was not asked"
    );
}

/// Runs `stalled` in the background, then checks `escape` answers at once (far sooner than the
/// 10 s stall) leaving `expect_screen`, and that the stalled answer lands on `after_screen`
/// (the same screen when `escape` cancelled it: a late answer is dropped).
async fn answers_at_once<F: std::future::Future<Output = ()> + Send + 'static>(
    h: &Harness,
    stalled: F,
    escape: impl std::future::Future<Output = ()>,
    expect_screen: &str,
    after_screen: &str,
) {
    let background = tokio::spawn(stalled);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(h.view()["busy"], true, "the stalled call is in flight");
    let started = std::time::Instant::now();
    escape.await;
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "answered after {:?}, behind the stalled call",
        started.elapsed()
    );
    assert_eq!(h.screen(), expect_screen);
    background.await.unwrap();
    assert_eq!(h.screen(), after_screen);
}

#[tokio::test]
async fn cancel_answers_at_once_while_the_link_is_stalled_at_stytch() {
    let h = Harness::new(None, false).await;
    h.machine.start_sign_in("grace@example.com".into()).await;
    let link = h.link("grace@example.com").await;
    h.stall("/sdk/v1/b2b/magic_links/authenticate").await;
    let m = h.machine.clone();
    answers_at_once(
        &h,
        async move { m.open_link(&link).await },
        h.machine.restart(),
        "sign_in",
        "sign_in",
    )
    .await;
    assert_eq!(h.view()["busy"], false);
}

#[tokio::test]
async fn cancel_answers_at_once_while_a_code_is_stalled_at_stytch() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    let code = h.code("+14155550123");
    h.stall("/sdk/v1/b2b/otps/sms/authenticate").await;
    let m = h.machine.clone();
    answers_at_once(
        &h,
        async move { m.submit_code(FactorKind::Sms, code).await },
        h.machine.restart(),
        "sign_in",
        "sign_in",
    )
    .await;
    // The session Stytch minted for the abandoned code is revoked, not kept.
    assert!(h.session.value.lock().unwrap().is_none());
}

#[tokio::test]
async fn sign_out_answers_at_once_while_the_refresh_is_stalled() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    h.stall("/sdk/v1/b2b/sessions/authenticate").await;
    let m = h.machine.clone();
    let refresh = async move {
        let _ = m.check_session().await;
    };
    let background = tokio::spawn(refresh);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let started = std::time::Instant::now();
    h.machine.sign_out().await;
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(h.screen(), "sign_in");
    assert!(h.session.value.lock().unwrap().is_none());
    background.await.unwrap();
    assert_eq!(
        h.screen(),
        "sign_in",
        "the refresh's late answer does not sign back in"
    );
}

#[tokio::test]
async fn the_refresh_answers_while_an_sms_send_is_stalled() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.machine.start_sign_in("ada@example.com".into()).await;
    h.machine.open_link(&h.link("ada@example.com").await).await;
    h.machine.switch_factor(FactorKind::Sms).await;
    h.stall("/sdk/v1/b2b/otps/sms/send").await;
    let m = h.machine.clone();
    answers_at_once(
        &h,
        async move { m.enroll_phone("+14155550199".into()).await },
        async {
            h.machine.check_session().await.unwrap();
        },
        "enroll_phone",
        "enter_code",
    )
    .await;
}

#[tokio::test]
async fn a_second_submission_while_one_is_in_flight_is_not_sent() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    let code = h.code("+14155550123");
    h.stall("/sdk/v1/b2b/otps/sms/authenticate").await;
    let (a, b) = (h.machine.clone(), h.machine.clone());
    let (c1, c2) = (code.clone(), code);
    let first = tokio::spawn(async move { a.submit_code(FactorKind::Sms, c1).await });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    b.submit_code(FactorKind::Sms, c2).await;
    first.await.unwrap();
    assert_eq!(
        h.count("/otps/sms/authenticate").await,
        1,
        "one attempt, one call"
    );
    assert_eq!(h.screen(), "signed_in");
}

#[tokio::test]
async fn a_link_for_another_member_is_refused_as_forged_and_its_session_revoked() {
    let h = Harness::new(None, false).await;
    h.machine.start_sign_in("grace@example.com".into()).await;
    // An attacker who learnt the waiting sign-in's PKCE challenge requests a link for their own
    // address with it, and gets the victim's Gatehouse to open it.
    let record = h
        .pending
        .value
        .lock()
        .unwrap()
        .clone()
        .expect("the waiting sign-in");
    let verifier = stytch_b2b::PkceCodeVerifier::new(record.lines().nth(2).unwrap());
    let emu = &h.emulator.emulator;
    let sent = h
        .http
        .post(format!(
            "{}/sdk/v1/b2b/magic_links/email/login_or_signup",
            h.emulator.base_url
        ))
        .basic_auth(emu.public_token(), Some(emu.public_token()))
        .header(
            "X-SDK-Client",
            emulator_control::sdk_client(emulator_control::GATEHOUSE_APP),
        )
        .json(&json!({
            "organization_id": stytch_emulator::DEMO_ORGANIZATION_ID,
            "email_address": "alan@example.com",
            "login_redirect_url": "gatehouse://auth/callback",
            "signup_redirect_url": "gatehouse://auth/callback",
            "pkce_code_challenge": verifier.challenge().as_str(),
        }))
        .send()
        .await
        .unwrap();
    assert!(sent.status().is_success(), "{:?}", sent.text().await);
    h.machine.open_link(&h.link("alan@example.com").await).await;
    let view = h.view();
    assert_eq!(view["notice"]["code"], "link_forged", "{view}");
    assert_eq!(
        view["screen"], "check_email",
        "still waiting for grace's own link"
    );
    assert!(h.session.value.lock().unwrap().is_none());
    assert_eq!(
        h.count("/sessions/revoke").await,
        1,
        "alan's minted session was revoked"
    );
}

#[tokio::test]
async fn a_wrong_code_confirmed_again_costs_one_attempt_not_two() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    let right = h.code("+14155550123");
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    // The sixth digit submits; Enter then submits the same value again.
    h.machine.submit_code(FactorKind::Sms, wrong.into()).await;
    h.machine
        .submit_code(FactorKind::Sms, format!("{wrong}\n"))
        .await;
    assert_eq!(h.notice().as_deref(), Some("wrong_code"));
    assert_eq!(
        h.count("/otps/sms/authenticate").await,
        1,
        "one attempt, one call"
    );
    h.machine.submit_code(FactorKind::Sms, right).await;
    assert_eq!(h.screen(), "signed_in");
}

#[tokio::test]
async fn a_revoke_that_could_not_be_sent_survives_quitting_and_is_retried_at_the_next_launch() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    let token = h.session.value.lock().unwrap().clone().unwrap();
    h.fault("/sdk/v1/b2b/sessions/revoke", 503, 10).await;
    h.machine.sign_out().await;
    assert_eq!(h.notice().as_deref(), Some("revoke_pending"));
    assert!(
        h.session.value.lock().unwrap().is_none(),
        "no session left in the keychain"
    );
    assert_eq!(
        h.revocations.value.lock().unwrap().as_deref(),
        Some(token.as_str()),
        "only the token to revoke is kept"
    );

    // Quit; Stytch comes back; the next launch revokes it.
    h.control.clear_faults().await;
    let next = h.relaunch().await;
    next.check_session().await.expect("the revoke goes through");
    assert!(
        h.revocations.value.lock().unwrap().is_none(),
        "forgotten once revoked"
    );
    let (status, _) = session_status(&h, &token).await;
    assert_eq!(status, 404, "revoked at Stytch");
}

#[tokio::test]
async fn signing_out_while_the_launch_cannot_reach_stytch_is_possible() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    let token = h.session.value.lock().unwrap().clone().unwrap();
    h.fault("/sdk/v1/b2b/sessions/authenticate", 503, 100).await;
    let next = h.relaunch().await;
    let view = serde_json::to_value(next.view()).unwrap();
    assert_eq!(view["screen"], "starting", "{view}");
    assert_eq!(view["notice"]["action"], "retry");
    next.sign_out().await;
    let view = serde_json::to_value(next.view()).unwrap();
    assert_eq!(view["screen"], "sign_in", "{view}");
    assert_eq!(view["notice"]["code"], "revoke_pending");
    assert!(h.session.value.lock().unwrap().is_none());
    assert_eq!(
        h.revocations.value.lock().unwrap().as_deref(),
        Some(token.as_str())
    );
}

async fn session_status(h: &Harness, token: &str) -> (u16, serde_json::Value) {
    let body = json!({"session_token": token});
    h.control
        .backend_post("/v1/b2b/sessions/authenticate", &body)
        .await
}

#[tokio::test]
async fn an_address_stytch_refused_is_not_sent_again_until_it_is_changed() {
    let h = Harness::new(None, false).await;
    // Valid to the address parser, refused by Stytch (whitespace in a quoted local part).
    let refused = "\"grace hopper\"@example.com";
    h.machine.start_sign_in(refused.into()).await;
    assert_eq!(h.notice().as_deref(), Some("invalid_email"));
    // The button, then Enter: the same address once more.
    h.machine.start_sign_in(format!(" {refused} ")).await;
    assert_eq!(h.notice().as_deref(), Some("invalid_email"));
    assert_eq!(h.view()["email"], refused, "what was typed stays");
    assert_eq!(
        h.count("/magic_links/email/login_or_signup").await,
        1,
        "one submission, one call"
    );
    h.machine.start_sign_in("grace@example.com".into()).await;
    assert_eq!(h.screen(), "check_email");
    assert_eq!(h.count("/magic_links/email/login_or_signup").await, 2);
}

#[tokio::test]
async fn a_number_stytch_refused_is_not_sent_again_until_it_is_changed() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.machine.start_sign_in("ada@example.com".into()).await;
    h.machine.open_link(&h.link("ada@example.com").await).await;
    h.machine.switch_factor(FactorKind::Sms).await;
    assert_eq!(h.screen(), "enroll_phone");
    // A UK number: the project does not send SMS abroad.
    h.machine.enroll_phone("+447911123456".into()).await;
    assert_eq!(h.notice().as_deref(), Some("phone_country_not_allowed"));
    h.machine.enroll_phone("+447911123456".into()).await;
    assert_eq!(h.notice().as_deref(), Some("phone_country_not_allowed"));
    assert_eq!(h.screen(), "enroll_phone");
    assert_eq!(
        h.count("/otps/sms/send").await,
        1,
        "one submission, one call"
    );
    h.machine.enroll_phone("+14155550199".into()).await;
    assert_eq!(h.screen(), "enter_code");
    assert_eq!(h.count("/otps/sms/send").await, 2);
}

/// Waits `secs` seconds of real time (the launch's limits are real time, not the machine's clock).
async fn wait(secs: f64) {
    tokio::time::sleep(Duration::from_secs_f64(secs)).await;
}

#[tokio::test]
async fn a_hanging_keychain_at_launch_is_named_within_two_seconds_then_given_up_on() {
    let h = Harness::unstarted(1).await;
    let machine = h.machine.clone();
    let launch = tokio::spawn(async move { machine.start().await });
    wait(2.5).await;
    let view = h.view();
    assert_eq!(view["screen"], "starting", "{view}");
    assert_eq!(view["notice"]["code"], "waiting_for_keychain", "{view}");
    assert_eq!(view["notice"]["action"], "retry", "{view}");
    // The keychain's limit passes: the launch goes on to sign-in and says why.
    tokio::time::timeout(Duration::from_secs(10), launch)
        .await
        .expect("the launch ends within the keychain's limit")
        .unwrap();
    assert_eq!(h.screen(), "sign_in");
    assert_eq!(h.notice().as_deref(), Some("keychain_unavailable"));
}

#[tokio::test]
async fn try_again_while_the_launch_waits_starts_it_over_and_the_late_answer_is_dropped() {
    let h = Harness::unstarted(1).await;
    h.session.value.lock().unwrap().replace("stale".into());
    let machine = h.machine.clone();
    let first = tokio::spawn(async move { machine.start().await });
    wait(2.5).await;
    assert_eq!(h.notice().as_deref(), Some("waiting_for_keychain"));
    // The second launch reads the keychain at once; its token is not Stytch's, so it has ended.
    tokio::time::timeout(Duration::from_secs(5), h.machine.retry())
        .await
        .expect("Try again answers without waiting for the hung call");
    assert_eq!(h.screen(), "sign_in");
    assert_eq!(h.notice().as_deref(), Some("session_ended"));
    first.await.unwrap();
    assert_eq!(
        h.screen(),
        "sign_in",
        "the first launch's late answer changed nothing"
    );
    assert_eq!(h.notice().as_deref(), Some("session_ended"));
}

#[tokio::test]
async fn a_slow_stytch_at_launch_is_named_in_an_employee_s_words_and_the_launch_then_finishes() {
    let h = Harness::unstarted(0).await;
    let fault = Fault::delay("/sdk/v1/b2b/organizations/search", Duration::from_secs(4));
    h.control.arm(&fault).await;
    let machine = h.machine.clone();
    let launch = tokio::spawn(async move { machine.start().await });
    wait(2.5).await;
    let view = h.view();
    assert_eq!(view["notice"]["code"], "waiting_for_stytch", "{view}");
    let message = view["notice"]["message"].as_str().unwrap();
    // The sign-in service, not a host name (the host is in the log).
    assert!(message.contains("sign-in service"), "{message}");
    assert!(!message.contains("127.0.0.1"), "{message}");
    launch.await.unwrap();
    assert_eq!(h.screen(), "sign_in");
    assert_eq!(h.notice(), None, "the waiting notice is taken down");
}

#[tokio::test]
async fn a_link_stytch_could_not_check_is_tried_again_from_the_window_without_the_email() {
    let h = Harness::new(None, false).await;
    h.machine.start_sign_in("grace@example.com".into()).await;
    assert_eq!(h.view()["link_check_failed"], false);
    let link = h.link("grace@example.com").await;
    let path = "/sdk/v1/b2b/magic_links/authenticate";
    h.fault(path, 503, 1).await;
    h.machine.open_link(&link).await;
    let view = h.view();
    assert_eq!(view["screen"], "check_email", "{view}");
    assert_eq!(view["notice"]["code"], "stytch_down", "{view}");
    assert_eq!(view["notice"]["action"], "retry", "{view}");
    // The screen no longer says "check your email": the link arrived.
    assert_eq!(view["link_check_failed"], true, "{view}");
    // The connection drops on the second try: still nothing lost.
    h.control.arm(&Fault::drop_connection(path)).await;
    h.machine.retry().await;
    let view = h.view();
    assert_eq!(view["screen"], "check_email", "{view}");
    assert_eq!(view["notice"]["action"], "retry", "{view}");
    h.machine.retry().await;
    assert_eq!(h.screen(), "enter_code", "{:?}", h.notice());
    assert_eq!(
        h.emulator.emulator.outbox(Some("grace@example.com")).len(),
        1,
        "one email: the link was never asked for again"
    );
}

#[tokio::test]
async fn the_session_jwt_goes_to_its_observer_when_minted_renewed_and_ended() {
    let h = Harness::new(None, false).await;
    let seen = record_jwt_events(&h.machine);
    h.to_code_screen("grace@example.com").await;
    assert!(seen.lock().unwrap().is_empty(), "no JWT before the session");
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    assert_eq!(h.screen(), "signed_in");
    let first = seen.lock().unwrap().last().cloned().expect("a JWT");
    assert!(first.starts_with("open "), "{first}");
    // The background check renews it: Stytch mints a new JWT for a later time.
    h.control.advance_clock(60).await;
    h.machine.check_session().await.unwrap();
    let second = seen.lock().unwrap().last().cloned().expect("a JWT");
    assert!(second.starts_with("renewed "), "{second}");
    assert_ne!(first[5..], second[8..], "the renewed JWT is reported");
    let token = h.session.value.lock().unwrap().clone().unwrap();
    assert!(
        !seen.lock().unwrap().iter().any(|j| j.contains(&token)),
        "never the session token"
    );
    h.machine.sign_out().await;
    assert_eq!(
        seen.lock().unwrap().last().map(String::as_str),
        Some("ended")
    );
    assert_eq!(seen.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn a_workspace_that_failed_to_load_is_named_on_the_signed_in_screen_until_opened_again() {
    let emulator = spawn(Emulator::demo()).await.unwrap();
    let mut config = config(&emulator);
    config.workspace = Some(Workspace {
        url: Url::parse("https://workspace.example.com/").unwrap(),
        name: "Example Workspace".into(),
        allowed_origins: vec![],
    });
    let h = Harness::assemble(emulator, config, TestVault::default());
    h.machine.start().await;
    let seen = record_jwt_events(&h.machine);
    // Not signed in: a failure report changes nothing.
    h.machine.workspace_failed("refused".into()).await;
    assert!(seen.lock().unwrap().is_empty());
    h.to_code_screen("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    let view = h.view();
    assert_eq!(view["workspace"]["name"], "Example Workspace");
    assert_eq!(view["workspace"]["failure"], serde_json::Value::Null);
    assert_eq!(seen.lock().unwrap().len(), 1, "opened once");

    h.machine
        .workspace_failed("Could not connect: Connection refused".into())
        .await;
    const FAILED: &str = "Example Workspace couldn't be opened: its server did not answer. Check your connection, then try again.";
    // The web engine's words go to the log; the screen says what they mean.
    assert_eq!(h.view()["workspace"]["failure"], FAILED);
    // A renewal replaces the cookie but does not reopen a workspace that failed.
    h.control.advance_clock(60).await;
    h.machine.check_session().await.unwrap();
    assert!(seen.lock().unwrap()[1].starts_with("renewed "));
    assert_eq!(
        h.view()["workspace"]["failure"],
        FAILED,
        "the failure stays on screen until the person acts"
    );
    // Try again: the workspace opens with the current JWT, and the failure is gone.
    h.machine.open_workspace().await;
    let events = seen.lock().unwrap().clone();
    assert_eq!(events.len(), 3, "{events:?}");
    assert_eq!(events[2], events[1].replacen("renewed ", "open ", 1));
    assert_eq!(h.view()["workspace"]["failure"], serde_json::Value::Null);
    // Signing out closes it; a new session starts with no failure.
    h.machine.workspace_failed("again".into()).await;
    h.machine.sign_out().await;
    assert_eq!(
        seen.lock().unwrap().last().map(String::as_str),
        Some("ended")
    );
    h.machine.open_workspace().await;
    assert_eq!(
        seen.lock().unwrap().len(),
        4,
        "nothing opens without a session"
    );
}

#[tokio::test]
async fn without_a_workspace_the_signed_in_screen_names_none() {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    h.machine.workspace_failed("refused".into()).await;
    assert_eq!(h.view()["workspace"], serde_json::Value::Null);
}
