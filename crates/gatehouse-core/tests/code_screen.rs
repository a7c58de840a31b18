//! The SMS code screen tells the truth (issue #23): a send that failed shows no code, no send
//! time and no timer until a send succeeds; a new code waits for a cooldown, so an impatient
//! resend cannot kill the code on its way; a code Stytch says expired ends the timer too; a rate
//! limit says its wait once (the countdown), and every state has one control to send a code.

use emulator_control::Fault;
use gatehouse_core::{Clock, FactorKind};
use gatehouse_test_kit::Harness;

const SEND: &str = "/sdk/v1/b2b/otps/sms/send";
const LINUS: &str = "+15555550123";

/// Linus has a phone on file that Stytch does not text by itself: the app sends his code.
async fn linus_with_the_send_failing(fault: Fault) -> Harness {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.control.arm(&fault).await;
    h.through_the_link("linus@example.com").await;
    h
}

#[tokio::test]
async fn a_failed_send_shows_no_code_and_no_timer_until_a_send_succeeds() {
    let faults = [
        ("503", Fault::status(SEND, 503)),
        ("429", Fault::status(SEND, 429)),
        ("dropped", Fault::drop_connection(SEND)),
    ];
    for (what, fault) in faults {
        let h = linus_with_the_send_failing(fault).await;
        let view = h.view();
        assert_eq!(view["screen"], "enter_code", "{what}: {view}");
        assert_eq!(view["masked_phone"], "••• 0123", "{what}");
        assert!(view["sent_at"].is_null(), "{what}: no send time: {view}");
        assert!(
            view["code_expires_at"].is_null(),
            "{what}: no timer: {view}"
        );
        assert!(
            view["resend_available_at"].is_null(),
            "{what}: send at once: {view}"
        );
        assert_eq!(view["notice"]["kind"], "error", "{what}: says why: {view}");
        assert!(
            view["notice"]["action"].is_null(),
            "{what}: one button, the screen's: {view}"
        );
        assert!(
            h.emulator.emulator.outbox(Some(LINUS)).is_empty(),
            "{what}: no code"
        );
        // The one button sends it; now there is a code, its time and its timer.
        h.control.advance_clock(2).await;
        h.machine.resend_code().await;
        let view = h.view();
        assert!(view["sent_at"].is_string(), "{what}: {view}");
        assert!(view["code_expires_at"].is_string(), "{what}: {view}");
        assert_eq!(h.emulator.emulator.outbox(Some(LINUS)).len(), 1, "{what}");
        h.machine.submit_code(FactorKind::Sms, h.code(LINUS)).await;
        assert_eq!(h.screen(), "signed_in", "{what}");
    }
}

#[tokio::test]
async fn a_new_code_waits_for_the_cooldown_so_the_one_on_its_way_still_works() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.through_the_link("linus@example.com").await;
    let view = h.view();
    let sent = time::OffsetDateTime::parse(
        view["sent_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let resend_at = time::OffsetDateTime::parse(
        view["resend_available_at"].as_str().expect("a cooldown"),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!(resend_at - sent, time::Duration::seconds(30));
    let first = h.code(LINUS);
    // Pressed at once, and again: nothing is sent, and the first code still works.
    h.machine.resend_code().await;
    h.machine.resend_code().await;
    assert_eq!(h.count("/otps/sms/send").await, 1, "no new code yet");
    h.clock.advance(time::Duration::seconds(31));
    h.control.advance_clock(31).await;
    h.machine.resend_code().await;
    assert_eq!(h.count("/otps/sms/send").await, 2, "after the cooldown");
    assert_eq!(h.notice().as_deref(), Some("code_resent"));
    assert_ne!(h.code(LINUS), first);
}

#[tokio::test]
async fn a_code_stytch_says_expired_ends_the_timer_and_offers_one_way_to_a_new_one() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.through_the_link("linus@example.com").await;
    let code = h.code(LINUS);
    // Stytch's clock is ahead: for Stytch the code has expired, for the screen it has not.
    h.control.advance_clock(125).await;
    h.machine.submit_code(FactorKind::Sms, code).await;
    let view = h.view();
    assert_eq!(view["notice"]["code"], "code_expired", "{view}");
    assert!(
        view["notice"]["action"].is_null(),
        "the screen's button only: {view}"
    );
    let expires = time::OffsetDateTime::parse(
        view["code_expires_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert!(
        expires <= h.clock.now(),
        "the timer agrees it has expired: {view}"
    );
    // And a new code can be asked for at once: the cooldown protects a live code only.
    let resend_at = time::OffsetDateTime::parse(
        view["resend_available_at"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert!(resend_at <= h.clock.now(), "{view}");
    let sends = h.count("/otps/sms/send").await;
    h.machine.resend_code().await;
    assert_eq!(h.count("/otps/sms/send").await, sends + 1);
}

#[tokio::test]
async fn a_rate_limit_says_its_wait_once() {
    let h = linus_with_the_send_failing(Fault::status(SEND, 429)).await;
    let view = h.view();
    assert_eq!(view["notice"]["code"], "rate_limited", "{view}");
    assert!(
        view["notice"]["retry_at"].is_string(),
        "the countdown: {view}"
    );
    let message = view["notice"]["message"].as_str().unwrap();
    assert!(
        !message.chars().any(|c| c.is_ascii_digit()),
        "no second number beside the countdown: {message}"
    );
}

#[tokio::test]
async fn three_or_fewer_attempts_left_are_said_with_each_wrong_code() {
    // The project locks after 5 (IT repeats its setting in `[stytch] lock_threshold`).
    let emulator = stytch_emulator::spawn(stytch_emulator::Emulator::demo())
        .await
        .unwrap();
    let config = gatehouse_core::Config {
        lock_threshold: 5,
        ..gatehouse_test_kit::config(&emulator)
    };
    let h = Harness::assemble(emulator, config, gatehouse_test_kit::TestVault::default());
    h.control.set_lock(5, 300).await;
    h.machine.start().await;
    h.to_code_screen("grace@example.com").await;
    let right = h.code("+14155550123");
    let wrongs: Vec<String> = (0..6u32)
        .map(|i| format!("{:06}", 400_000 + i * 17))
        .filter(|c| *c != right)
        .take(5)
        .collect();
    let said = |h: &Harness| {
        h.view()["notice"]["message"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    };
    h.machine
        .submit_code(FactorKind::Sms, wrongs[0].clone())
        .await;
    assert!(
        !said(&h).contains("locks your account"),
        "4 left: no warning yet: {}",
        said(&h)
    );
    h.machine
        .submit_code(FactorKind::Sms, wrongs[1].clone())
        .await;
    assert!(
        said(&h).ends_with("3 more wrong codes lock your account."),
        "{}",
        said(&h)
    );
    h.machine
        .submit_code(FactorKind::Sms, wrongs[2].clone())
        .await;
    assert!(
        said(&h).ends_with("2 more wrong codes lock your account."),
        "{}",
        said(&h)
    );
    h.machine
        .submit_code(FactorKind::Sms, wrongs[3].clone())
        .await;
    assert!(
        said(&h).ends_with("One more wrong code locks your account."),
        "{}",
        said(&h)
    );
    h.machine
        .submit_code(FactorKind::Sms, wrongs[4].clone())
        .await;
    assert_eq!(
        h.notice().as_deref(),
        Some("member_locked"),
        "the fifth locks, as warned"
    );
}
