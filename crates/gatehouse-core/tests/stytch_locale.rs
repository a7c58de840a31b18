//! Stytch speaks the person's language (#21 item 3): the machine names `config.language` in the
//! `locale` of every request after which Stytch writes to the person, as the route's list allows.
//! German: the SMS codes Gatehouse asks for are German (`de-DE`); the email, and the SMS Stytch
//! sends by itself after the link, are English, since Stytch lists no German for the magic-link
//! routes (stytch-node `lib/b2b/magic_links_email.ts`, `lib/b2b/magic_links.ts`). Against the
//! emulator in-process, which keeps each message's locale.

use gatehouse_core::i18n::{negotiate, Language};
use gatehouse_core::{Config, FactorKind};
use gatehouse_test_kit::*;
use stytch_emulator::{spawn, Emulator};

const LINUS: &str = "linus@example.com";
const LINUS_PHONE: &str = "+15555550123";
const GRACE: &str = "grace@example.com";
const GRACE_PHONE: &str = "+14155550123";

/// The machine in `language`, started, against a fresh demo emulator whose organization
/// requires MFA.
async fn harness_in(language: Language) -> Harness {
    let emulator = spawn(Emulator::demo()).await.unwrap();
    let config = Config {
        language,
        ..config(&emulator)
    };
    let h = Harness::assemble(emulator, config, TestVault::default());
    h.machine.start().await;
    h.set_mfa_required().await;
    h
}

fn german() -> Language {
    negotiate(&["de-DE".to_owned()])
}

async fn locales(h: &Harness, to: &str, channel: &str) -> Vec<Option<String>> {
    h.control.locales(to, channel).await
}

#[tokio::test]
async fn in_german_the_sms_gatehouse_asks_for_is_german_and_the_email_stays_english() {
    let h = harness_in(german()).await;
    assert_eq!(h.machine.config().language.tag(), "de");
    // linus has an unverified phone: after the link, Gatehouse sends his code itself.
    h.to_code_screen(LINUS).await;
    assert_eq!(
        locales(&h, LINUS, "email").await,
        [None],
        "Stytch writes no German email: no locale, so English"
    );
    let email = &h.control.outbox(LINUS).await[0];
    assert!(email.subject.starts_with("Your login link"), "{email:?}");
    assert_eq!(
        locales(&h, LINUS_PHONE, "sms").await,
        [Some("de-DE".to_owned())]
    );
    let sms = &h.control.outbox(LINUS_PHONE).await[0];
    assert!(sms.body.starts_with("Ihr Bestätigungscode"), "{sms:?}");
    // And the sign-in goes on as ever.
    h.machine
        .submit_code(FactorKind::Sms, h.code(LINUS_PHONE))
        .await;
    assert_eq!(h.screen(), "signed_in", "{:?}", h.notice());
}

#[tokio::test]
async fn in_german_the_code_stytch_sends_after_the_link_is_english_and_a_new_one_german() {
    let h = harness_in(german()).await;
    // grace is enrolled: Stytch sends her code itself, in the link routes' languages (no German).
    h.to_code_screen(GRACE).await;
    assert_eq!(locales(&h, GRACE_PHONE, "sms").await, [None]);
    // A new code is one Gatehouse asks for: German.
    h.clock.advance(time::Duration::seconds(31));
    h.control.advance_clock(31).await;
    h.machine.resend_code().await;
    assert_eq!(
        locales(&h, GRACE_PHONE, "sms").await,
        [None, Some("de-DE".to_owned())]
    );
}

#[tokio::test]
async fn in_english_every_request_says_english() {
    let h = harness_in(Language::english()).await;
    h.to_code_screen(LINUS).await;
    assert_eq!(locales(&h, LINUS, "email").await, [Some("en".to_owned())]);
    assert_eq!(
        locales(&h, LINUS_PHONE, "sms").await,
        [Some("en".to_owned())]
    );
    h.machine.sign_out().await;
    h.to_code_screen(GRACE).await;
    assert_eq!(
        locales(&h, GRACE_PHONE, "sms").await,
        [Some("en".to_owned())],
        "the code Stytch sends after the link"
    );
}
