//! Recovery codes are not lost silently (issue #23, item 4): closing the window while they are on
//! screen is kept back once, to say they will not be shown again; a second close goes through,
//! and once the person has saved them nothing holds the window.

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
