//! `locale` on login_or_signup, magic_links/authenticate and otps/sms/send, both families: every
//! value the client can send is one the route takes, it arrives as Stytch spells it, and none
//! leaves the field out (Stytch then writes English).

mod common;

use common::{Harness, FAMILIES, REDIRECT};
use stytch_b2b::{
    EmailAddress, LoginOrSignupRequest, MagicLinkLocale, MagicLinksAuthenticateRequest,
    PkceCodeVerifier, SmsLocale, SmsSendRequest, Url,
};

fn login(h: &Harness, email: &str, locale: Option<MagicLinkLocale>) -> LoginOrSignupRequest {
    LoginOrSignupRequest::new(h.org_id(), EmailAddress::parse(email).unwrap())
        .with_redirect_url(Url::parse(REDIRECT).unwrap())
        .with_pkce(&PkceCodeVerifier::generate())
        .with_locale(locale)
}

#[tokio::test]
async fn every_email_locale_is_taken_and_arrives_as_stytch_spells_it_in_both_families() {
    for family in FAMILIES {
        let h = Harness::start().await;
        let client = h.client(family);
        let all = MagicLinkLocale::ALL.iter().copied().map(Some);
        for locale in all.clone().chain([None]) {
            client
                .magic_links_email_login_or_signup(&login(&h, "ada@example.com", locale))
                .await
                .unwrap_or_else(|e| panic!("{family:?} {locale:?}: {e}"));
        }
        let sent: Vec<Option<String>> = h
            .outbox("ada@example.com")
            .await
            .into_iter()
            .map(|m| m.locale)
            .collect();
        let asked: Vec<Option<String>> = all.map(|l| l.map(|l| l.to_string())).collect();
        assert_eq!(sent[..4], asked[..], "{family:?}");
        assert_eq!(sent[4], None, "{family:?}: no locale, no field");
    }
}

#[tokio::test]
async fn every_sms_locale_is_taken_on_send_in_both_families() {
    for family in FAMILIES {
        let h = Harness::start().await;
        let client = h.client(family);
        let member = h.member_id("linus@example.com");
        for locale in SmsLocale::ALL {
            let request = SmsSendRequest::new(h.org_id(), member.clone(), None, None)
                .with_locale(Some(*locale));
            client
                .otps_sms_send(&request)
                .await
                .unwrap_or_else(|e| panic!("{family:?} {locale}: {e}"));
        }
        let sent: Vec<String> = h
            .outbox("+15555550123")
            .await
            .into_iter()
            .filter_map(|m| m.locale)
            .collect();
        assert_eq!(
            sent,
            ["en", "es", "pt-br", "fr", "it", "de-DE", "zh-Hans", "ca-ES"]
        );
    }
}

#[tokio::test]
async fn the_authenticate_locale_is_the_language_of_the_sms_stytch_sends_itself() {
    for family in FAMILIES {
        let h = Harness::start().await;
        let client = h.client(family);
        // grace is MFA-enrolled with a phone: authenticate sends her code.
        let verifier = PkceCodeVerifier::generate();
        let request = login(&h, "grace@example.com", None).with_pkce(&verifier);
        client
            .magic_links_email_login_or_signup(&request)
            .await
            .unwrap();
        let token = h.latest_magic_link_token("grace@example.com").await;
        let request = MagicLinksAuthenticateRequest::new(token, Some(verifier), Some(60))
            .with_locale(Some(MagicLinkLocale::Es));
        client.magic_links_authenticate(&request).await.unwrap();
        let sms = h.outbox("+14155550123").await;
        assert_eq!(sms[0].locale.as_deref(), Some("es"), "{family:?}");
    }
}
