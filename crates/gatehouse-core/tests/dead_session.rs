//! A dead session means signed out. Every Stytch SDK treats four answers to a call that carried
//! the session as "this session is gone" (see `stytch_b2b::ErrorType::ends_session`); which one
//! the SDK API sends is not published, so each is tried on every call that carries the session:
//! the launch's restore, the background check, renewing recovery codes, sign-out's revoke, a
//! queued revocation and `gatehouse token`. Each time the keychain entry goes, the window shows
//! the email screen saying the session ended, and nothing is retried.

use emulator_control::Fault;
use gatehouse_core::token::{self, TokenError};
use gatehouse_core::FactorKind;
use gatehouse_test_kit::{app, Harness};
use stytch_b2b::ErrorType;

/// The four answers, with the status each most plausibly comes with (Stytch publishes 401 for
/// `unauthorized_credentials` and 404 for `session_not_found`; the other two are inferred).
const DEAD: [(&str, u16); 4] = [
    ("unauthorized_credentials", 401),
    ("user_unauthenticated", 401),
    ("invalid_secret_authentication", 401),
    ("session_not_found", 404),
];

const AUTHENTICATE: &str = "/sdk/v1/b2b/sessions/authenticate";
const REVOKE: &str = "/sdk/v1/b2b/sessions/revoke";

#[test]
fn the_table_is_the_client_s_list() {
    for (error_type, _) in DEAD {
        assert!(ErrorType::parse(error_type).ends_session(), "{error_type}");
    }
}

async fn signed_in() -> Harness {
    let h = Harness::new(None, false).await;
    h.to_code_screen("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    assert_eq!(h.screen(), "signed_in");
    assert!(h.session.value().is_some(), "kept in the keychain");
    h
}

async fn arm(h: &Harness, path: &str, (error_type, status): (&str, u16), times: u32) {
    let fault = Fault::error(path, status, error_type).times(times);
    h.control.arm(&fault).await;
}

fn assert_signed_out_saying_so(h: &Harness, view: serde_json::Value, why: &str) {
    assert_eq!(view["screen"], "sign_in", "{why}: {view}");
    assert_eq!(view["notice"]["code"], "session_ended", "{why}: {view}");
    assert_eq!(h.session.value(), None, "{why}: the keychain entry is gone");
}

#[tokio::test]
async fn at_launch_each_answer_signs_out_and_wipes_the_keychain() {
    for dead in DEAD {
        let h = signed_in().await;
        arm(&h, AUTHENTICATE, dead, 1).await;
        let next_launch = h.relaunch().await;
        let view = serde_json::to_value(next_launch.view()).unwrap();
        assert_signed_out_saying_so(&h, view, dead.0);
        // And the launch after that starts signed out, without asking Stytch about a session.
        let before = h.count("/sessions/authenticate").await;
        let third = h.relaunch().await;
        assert_eq!(
            serde_json::to_value(third.view()).unwrap()["screen"],
            "sign_in"
        );
        assert_eq!(
            h.count("/sessions/authenticate").await,
            before,
            "{}",
            dead.0
        );
    }
}

#[tokio::test]
async fn in_the_background_check_each_answer_signs_out_keeping_the_address() {
    for dead in DEAD {
        let h = signed_in().await;
        arm(&h, AUTHENTICATE, dead, 1).await;
        assert!(
            h.machine.check_session().await.is_ok(),
            "{}: no back-off",
            dead.0
        );
        assert_signed_out_saying_so(&h, h.view(), dead.0);
        assert_eq!(h.view()["email"], "grace@example.com", "{}", dead.0);
    }
}

#[tokio::test]
async fn renewing_recovery_codes_with_a_dead_session_signs_out() {
    for dead in DEAD {
        let h = Harness::new(None, false).await;
        h.set_mfa_required().await;
        h.enrol_app("ada@example.com").await;
        h.machine.recovery_codes_done().await;
        assert_eq!(h.screen(), "signed_in");
        arm(&h, "/sdk/v1/b2b/recovery_codes/rotate", dead, 1).await;
        h.machine.renew_recovery_codes().await;
        assert_signed_out_saying_so(&h, h.view(), dead.0);
    }
}

#[tokio::test]
async fn sign_out_does_not_queue_a_session_that_is_already_gone() {
    for dead in DEAD {
        let h = signed_in().await;
        arm(&h, REVOKE, dead, 1).await;
        h.machine.sign_out().await;
        let view = h.view();
        assert_eq!(view["screen"], "sign_in", "{}", dead.0);
        assert!(
            view["notice"].is_null(),
            "{}: signed out, nothing pending: {view}",
            dead.0
        );
        assert_eq!(h.revocations.value(), None, "{}: nothing to retry", dead.0);
        let revokes = h.count("/sessions/revoke").await;
        h.machine.check_session().await.unwrap();
        assert_eq!(h.count("/sessions/revoke").await, revokes, "{}", dead.0);
    }
}

#[tokio::test]
async fn a_queued_revocation_stops_retrying_once_the_session_is_gone() {
    for dead in DEAD {
        let h = signed_in().await;
        h.fault(REVOKE, 503, 1).await;
        h.machine.sign_out().await;
        assert_eq!(h.notice().as_deref(), Some("revoke_pending"));
        assert!(h.revocations.value().is_some(), "queued in the keychain");
        arm(&h, REVOKE, dead, 1).await;
        assert!(h.machine.check_session().await.is_ok(), "{}", dead.0);
        assert_eq!(
            h.revocations.value(),
            None,
            "{}: dropped from the queue",
            dead.0
        );
        let revokes = h.count("/sessions/revoke").await;
        h.machine.check_session().await.unwrap();
        assert_eq!(
            h.count("/sessions/revoke").await,
            revokes,
            "{}: not retried",
            dead.0
        );
    }
}

#[tokio::test]
async fn gatehouse_token_exits_2_and_wipes_the_keychain() {
    for dead in DEAD {
        let h = signed_in().await;
        arm(&h, AUTHENTICATE, dead, 1).await;
        let config = gatehouse_test_kit::config(&h.emulator);
        let e = token::fetch(&config, h.session.clone(), app(), h.clock.as_ref())
            .await
            .unwrap_err();
        assert!(matches!(e, TokenError::NotSignedIn(_)), "{}: {e:?}", dead.0);
        assert_eq!(e.exit_code(), 2, "{}", dead.0);
        assert!(e.to_string().contains("Sign in again"), "{e}");
        assert_eq!(h.session.value(), None, "{}", dead.0);
    }
}

#[tokio::test]
async fn a_public_token_refusal_is_not_mistaken_for_a_dead_session() {
    // `unauthorized_credentials` on a call without a session means the app's credentials.
    let h = signed_in().await;
    h.control
        .arm(&Fault::error(
            "/sdk/v1/b2b/organizations/search",
            401,
            "unauthorized_credentials",
        ))
        .await;
    let next_launch = h.relaunch().await;
    let view = serde_json::to_value(next_launch.view()).unwrap();
    assert_eq!(view["screen"], "signed_in", "{view}");
    assert!(h.session.value().is_some(), "the session is kept");
}

#[tokio::test]
async fn a_wrong_public_token_is_not_a_dead_session_the_saved_one_is_kept() {
    use gatehouse_core::{Config, Machine, Parts, Vaults};
    use stytch_b2b::{OrganizationId, OrganizationRef, PublicToken};
    let h = signed_in().await;
    let kept = h.session.value();
    let id = OrganizationRef::Id(OrganizationId::new(h.organization_id().await));
    let slug = gatehouse_test_kit::config(&h.emulator).organization;
    // A rotated or mistyped public token: every call answers unauthorized_credentials, the
    // restore included. Configured by slug (the launch searches first) and by id (it does not).
    for organization in [slug, id] {
        let config = Config {
            auth: gatehouse_core::config::StytchAuth::PublicToken(PublicToken::new(
                "public-token-test-00000000-0000-4000-8000-000000000000",
            )),
            organization,
            ..gatehouse_test_kit::config(&h.emulator)
        };
        let machine = Machine::new(Parts {
            config,
            vaults: Vaults {
                session: h.session.clone(),
                pending_sign_in: h.pending.clone(),
                revocations: h.revocations.clone(),
                unsaved_codes: h.unsaved_codes.clone(),
            },
            app: app(),
            clock: h.clock.clone(),
            observer: Box::new(|_| {}),
        })
        .unwrap();
        machine.start().await;
        let view = serde_json::to_value(machine.view()).unwrap();
        assert_eq!(view["notice"]["code"], "stytch_refused_app", "{view}");
        assert_eq!(h.session.value(), kept, "the saved session stays: {view}");
    }
}

#[tokio::test]
async fn a_check_that_ends_after_a_new_sign_in_leaves_the_new_session_in_the_keychain() {
    let h = signed_in().await;
    let first = h.session.value().unwrap();
    let stall = Fault::delay(AUTHENTICATE, std::time::Duration::from_secs(3));
    h.control.arm(&stall).await;
    let machine = h.machine.clone();
    let check = tokio::spawn(async move { machine.check_session().await });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    // Meanwhile: signed out (the first session revoked) and signed in again.
    h.machine.sign_out().await;
    h.control.advance_clock(1).await;
    h.to_code_screen("grace@example.com").await;
    h.machine
        .submit_code(FactorKind::Sms, h.code("+14155550123"))
        .await;
    let second = h.session.value().expect("the new session kept");
    assert_ne!(second, first);
    // The stalled check of the first session now hears it is gone.
    check.await.unwrap().unwrap();
    assert_eq!(h.screen(), "signed_in", "the new sign-in stays");
    assert_eq!(
        h.session.value(),
        Some(second),
        "and so does its keychain entry"
    );
}
