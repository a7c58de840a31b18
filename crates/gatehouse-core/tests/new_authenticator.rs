//! A member who lost their phone signs in with a recovery code (#23 item 6): the signed-in screen
//! offers "Set up a new authenticator app" as its main action; the old registration is deleted
//! through Stytch's client-SDK route (`DELETE /sdk/v1/b2b/organizations/members/deleteTOTP`, as
//! the session), a new one is created and confirmed with the session, and its recovery codes are
//! shown once. Against the emulator in-process.

use gatehouse_core::FactorKind;
use gatehouse_test_kit::*;
use serde_json::{json, Value};

const ADA: &str = "ada@example.com";
const DELETE_TOTP: &str = "DELETE /sdk/v1/b2b/organizations/members/deleteTOTP";

/// ada has an authenticator app, then signs in with the first of its recovery codes: the codes.
async fn signed_in_with_a_recovery_code(h: &Harness) -> Vec<String> {
    h.set_mfa_required().await;
    let codes = h.enrol_app(ADA).await;
    h.machine.recovery_codes_done().await;
    h.sign_out_and_wait_a_step().await;
    h.through_the_link(ADA).await;
    h.machine.switch_factor(FactorKind::RecoveryCode).await;
    h.machine.submit_recovery_code(codes[0].clone()).await;
    assert_eq!(h.screen(), "signed_in", "{}", h.view());
    codes
}

#[tokio::test]
async fn a_recovery_code_sign_in_offers_a_new_app_which_replaces_the_lost_one_and_its_codes() {
    let h = Harness::new(None, false).await;
    let old_codes = signed_in_with_a_recovery_code(&h).await;
    let view = h.view();
    assert_eq!(view["new_authenticator"], "offered", "{view}");
    assert_eq!(view["recovery_codes_left"]["left"], 9);

    h.machine.set_up_new_authenticator().await;
    let view = h.view();
    assert_eq!(view["screen"], "enroll_totp", "{view}");
    assert_eq!(view["replacing"], true);
    assert_eq!(
        view["alternatives"],
        json!([]),
        "signed in: nothing to switch to"
    );
    let calls = h.requests().await;
    let deleted = calls.iter().position(|c| c.starts_with(DELETE_TOTP));
    let created = calls
        .iter()
        .rposition(|c| c.starts_with("POST /sdk/v1/b2b/totp "));
    assert!(
        matches!((deleted, created), (Some(d), Some(c)) if d < c),
        "the old registration is deleted, then a new one created: {calls:?}"
    );
    assert!(calls.iter().all(|c| !c.ends_with(" 400")), "{calls:?}");

    // A wrong first code keeps the setup screen; the right one shows the new codes once.
    let right = h.app_code(ADA).await;
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    h.machine.submit_code(FactorKind::Totp, wrong.into()).await;
    assert_eq!(h.screen(), "enroll_totp");
    assert_eq!(h.notice().as_deref(), Some("wrong_totp_code"));
    h.machine.submit_code(FactorKind::Totp, right).await;
    let view = h.view();
    assert_eq!(view["screen"], "recovery_codes", "{view}");
    let new_codes = strings(&view["codes"]);
    assert_eq!(new_codes.len(), 10);
    assert!(new_codes.iter().all(|c| !old_codes.contains(c)));
    assert!(h.unsaved_codes.value().is_some(), "unsaved until confirmed");
    h.machine.recovery_codes_done().await;
    assert_eq!(h.unsaved_codes.value(), None);
    let view = h.view();
    assert_eq!(view["screen"], "signed_in");
    assert_eq!(view["new_authenticator"], Value::Null);
    assert_eq!(view["recovery_codes_left"], Value::Null);
    assert_eq!(view["can_renew_recovery_codes"], true);
    assert!(h.session.value.lock().unwrap().is_some(), "still signed in");

    // The next sign-in asks the new app; the lost app's codes no longer work, the new ones do.
    h.sign_out_and_wait_a_step().await;
    h.through_the_link(ADA).await;
    let view = h.view();
    assert_eq!(view["screen"], "enter_code", "{view}");
    assert_eq!(view["factor"], "totp");
    h.machine.switch_factor(FactorKind::RecoveryCode).await;
    h.machine.submit_recovery_code(old_codes[1].clone()).await;
    assert_eq!(h.notice().as_deref(), Some("wrong_recovery_code"));
    h.machine.submit_recovery_code(new_codes[0].clone()).await;
    assert_eq!(h.screen(), "signed_in");
}

#[tokio::test]
async fn not_now_leaves_no_app_and_no_codes_and_the_next_sign_in_sets_one_up() {
    let h = Harness::new(None, false).await;
    signed_in_with_a_recovery_code(&h).await;
    h.machine.set_up_new_authenticator().await;
    assert_eq!(h.screen(), "enroll_totp");

    h.machine.stop_authenticator_setup().await;
    let view = h.view();
    assert_eq!(view["screen"], "signed_in", "{view}");
    assert_eq!(view["new_authenticator"], "old_removed");
    assert_eq!(
        view["recovery_codes_left"],
        Value::Null,
        "the codes went with the app"
    );
    assert_eq!(view["can_renew_recovery_codes"], false);

    // Offered again: a new registration, and nothing left to delete.
    h.machine.set_up_new_authenticator().await;
    assert_eq!(h.screen(), "enroll_totp");
    assert_eq!(h.count("/organizations/members/deleteTOTP").await, 1);
    h.machine.stop_authenticator_setup().await;

    h.sign_out_and_wait_a_step().await;
    h.through_the_link(ADA).await;
    let view = h.view();
    assert_eq!(
        view["screen"], "choose_factor",
        "a member without a factor: {view}"
    );
}

#[tokio::test]
async fn a_failed_delete_keeps_the_offer_and_the_codes_left_and_trying_again_works() {
    let h = Harness::new(None, false).await;
    signed_in_with_a_recovery_code(&h).await;
    h.fault("/sdk/v1/b2b/organizations/members/deleteTOTP", 503, 1)
        .await;
    h.machine.set_up_new_authenticator().await;
    let view = h.view();
    assert_eq!(view["screen"], "signed_in", "{view}");
    assert_eq!(view["new_authenticator"], "offered");
    assert_eq!(view["recovery_codes_left"]["left"], 9);
    assert!(view["notice"]["code"].is_string(), "{view}");
    assert_eq!(
        h.count("/sdk/v1/b2b/totp").await,
        2,
        "no create after a failed delete"
    );

    h.machine.set_up_new_authenticator().await;
    assert_eq!(h.screen(), "enroll_totp", "{}", h.view());
}

#[tokio::test]
async fn a_member_signed_in_with_the_app_is_offered_no_new_one() {
    let h = Harness::new(None, false).await;
    h.set_mfa_required().await;
    h.enrol_app(ADA).await;
    h.machine.recovery_codes_done().await;
    assert_eq!(h.view()["new_authenticator"], Value::Null);
    h.machine.set_up_new_authenticator().await;
    assert_eq!(h.count("/organizations/members/deleteTOTP").await, 0);
    assert_eq!(h.screen(), "signed_in");
}
