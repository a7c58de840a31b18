//! Every second step has a way back (issue #23, item 2): "Not you? Use another email" from any
//! of them, and the menu's Sign out stops a sign-in under way.

use gatehouse_core::FactorKind;
use gatehouse_test_kit::Harness;

/// Ada (no phone) with MFA required: she chooses a factor; `to` takes her to one second step.
async fn ada_at(to: &str) -> Harness {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.through_the_link("ada@example.com").await;
    assert_eq!(h.screen(), "choose_factor", "{}", h.view());
    match to {
        "choose_factor" => {}
        "enroll_phone" => h.machine.switch_factor(FactorKind::Sms).await,
        "enroll_totp" => h.machine.switch_factor(FactorKind::Totp).await,
        "enter_code" => {
            h.machine.switch_factor(FactorKind::Sms).await;
            h.machine.enroll_phone("+14155550199".into()).await;
        }
        other => panic!("{other}"),
    }
    assert_eq!(h.screen(), to, "{}", h.view());
    h
}

#[tokio::test]
async fn not_you_from_every_second_step_goes_back_to_an_empty_email_screen() {
    for step in ["choose_factor", "enroll_phone", "enroll_totp", "enter_code"] {
        let h = ada_at(step).await;
        h.machine.use_another_address().await;
        let view = h.view();
        assert_eq!(view["screen"], "sign_in", "{step}: {view}");
        assert!(
            view["email"].is_null(),
            "{step}: the address is not kept: {view}"
        );
        assert!(view["notice"].is_null(), "{step}: {view}");
        // The next address signs in from the start.
        h.machine.start_sign_in("grace@example.com".into()).await;
        assert_eq!(h.screen(), "check_email", "{step}");
    }
}

#[tokio::test]
async fn not_you_from_the_recovery_code_screen_goes_back_too() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.enrol_app("ada@example.com").await;
    h.machine.recovery_codes_done().await;
    h.sign_out_and_wait_a_step().await;
    h.through_the_link("ada@example.com").await;
    h.machine.switch_factor(FactorKind::RecoveryCode).await;
    assert_eq!(h.screen(), "enter_recovery_code");
    h.machine.use_another_address().await;
    assert_eq!(h.screen(), "sign_in");
}

/// A number the member entered stays on their account once Stytch texted it (a send to another
/// number is refused until it is verified), so "Change number" cannot be offered after a send:
/// the person gets "Not you? Use another email" and, for a wrong number, IT.
#[tokio::test]
async fn a_number_texted_once_stays_the_member_s_at_stytch() {
    let h = ada_at("enter_code").await;
    h.machine.use_another_address().await;
    h.through_the_link("ada@example.com").await;
    let view = h.view();
    assert_eq!(
        view["screen"], "enter_code",
        "the number on file is texted again: {view}"
    );
    assert_eq!(view["masked_phone"], "••• 0199", "{view}");
}

#[tokio::test]
async fn sign_out_from_the_menu_stops_a_sign_in_under_way() {
    for step in ["check_email", "enter_code"] {
        let h = Harness::new(None, false).await;
        h.machine.start_sign_in("grace@example.com".into()).await;
        if step == "enter_code" {
            h.machine
                .open_link(&h.link("grace@example.com").await)
                .await;
        }
        assert_eq!(h.screen(), step);
        h.machine.sign_out().await;
        let view = h.view();
        assert_eq!(view["screen"], "sign_in", "{step}: {view}");
        assert_eq!(
            view["email"], "grace@example.com",
            "{step}: the address kept: {view}"
        );
        assert_eq!(h.pending.value(), None, "{step}: no waiting sign-in left");
        assert_eq!(h.session.value(), None, "{step}");
    }
}
