//! Recovery codes are not lost silently (issue #23, item 4): closing the window while they are on
//! screen is kept back once, to say they will not be shown again; a second close goes through,
//! and once the person has saved them nothing holds the window. Codes never confirmed are
//! mentioned once at the next launch.

use gatehouse_test_kit::Harness;

#[tokio::test]
async fn the_first_close_with_codes_on_screen_is_kept_back_to_say_so() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.enrol_app("ada@example.com").await;
    assert_eq!(h.view()["close_asked"], false);
    assert!(!h.machine.close_requested(), "kept back once");
    let view = h.view();
    assert_eq!(
        view["screen"], "recovery_codes",
        "the codes stay on screen: {view}"
    );
    assert_eq!(view["close_asked"], true, "{view}");
    assert!(h.machine.close_requested(), "a second close goes through");
}

#[tokio::test]
async fn nothing_holds_the_window_once_the_codes_are_saved_until_new_ones_show() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.enrol_app("ada@example.com").await;
    assert!(!h.machine.close_requested());
    h.machine.recovery_codes_done().await;
    assert_eq!(h.screen(), "signed_in");
    assert!(h.machine.close_requested(), "saved: the window closes");
    // New codes later: the guard is back for them.
    h.machine.renew_recovery_codes().await;
    assert_eq!(h.screen(), "recovery_codes");
    assert_eq!(h.view()["close_asked"], false);
    assert!(!h.machine.close_requested());
}

#[tokio::test]
async fn without_codes_on_screen_the_window_closes_at_once() {
    let h = Harness::new(None, false).await;
    assert!(h.machine.close_requested());
    h.to_code_screen("grace@example.com").await;
    assert!(h.machine.close_requested());
}

fn notice_of(view: &serde_json::Value) -> (String, String) {
    (
        view["notice"]["code"].as_str().unwrap_or("-").to_owned(),
        view["notice"]["message"].as_str().unwrap_or("").to_owned(),
    )
}

#[tokio::test]
async fn codes_never_confirmed_are_mentioned_once_at_the_next_launch() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    let codes = h.enrol_app("ada@example.com").await;
    assert_eq!(h.screen(), "recovery_codes");
    let mark = h.unsaved_codes.value().expect("marked while on screen");
    assert_eq!(mark, "ada@example.com", "the email, never a code");
    assert!(codes.iter().all(|c| !mark.contains(c.as_str())));
    // The window goes (the second close) without "I saved them".
    assert!(!h.machine.close_requested());
    assert!(h.machine.close_requested());

    let next = h.relaunch().await;
    let view = serde_json::to_value(next.view()).unwrap();
    assert_eq!(view["screen"], "signed_in", "{view}");
    let (code, message) = notice_of(&view);
    assert_eq!(code, "recovery_codes_unconfirmed", "{view}");
    assert!(message.contains("ada@example.com"), "{message}");
    assert!(message.contains("New recovery codes below"), "{message}");
    assert_eq!(
        view["can_renew_recovery_codes"], true,
        "the way forward is there"
    );
    assert_eq!(h.unsaved_codes.value(), None, "said once");

    let after = h.relaunch().await;
    let view = serde_json::to_value(after.view()).unwrap();
    assert_eq!(notice_of(&view).0, "-", "not again: {view}");
}

#[tokio::test]
async fn codes_confirmed_saved_leave_nothing_to_say() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.enrol_app("ada@example.com").await;
    h.machine.recovery_codes_done().await;
    assert_eq!(h.unsaved_codes.value(), None);
    let next = h.relaunch().await;
    let view = serde_json::to_value(next.view()).unwrap();
    assert_eq!(view["screen"], "signed_in");
    assert_eq!(notice_of(&view).0, "-", "{view}");
}

#[tokio::test]
async fn renewed_codes_left_unconfirmed_and_signed_out_are_still_mentioned() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.enrol_app("ada@example.com").await;
    h.machine.recovery_codes_done().await;
    h.machine.renew_recovery_codes().await;
    assert_eq!(h.screen(), "recovery_codes");
    assert_eq!(h.unsaved_codes.value().as_deref(), Some("ada@example.com"));
    h.sign_out_and_wait_a_step().await;
    assert_eq!(
        h.unsaved_codes.value().as_deref(),
        Some("ada@example.com"),
        "signing out does not confirm them"
    );
    let next = h.relaunch().await;
    let view = serde_json::to_value(next.view()).unwrap();
    assert_eq!(view["screen"], "sign_in", "{view}");
    let (code, message) = notice_of(&view);
    assert_eq!(code, "recovery_codes_unconfirmed", "{view}");
    assert!(
        message.contains("sign in with your authenticator app"),
        "signed out, the way forward starts with signing in: {message}"
    );
}
