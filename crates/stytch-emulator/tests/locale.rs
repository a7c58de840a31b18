//! The `locale` of login_or_signup, magic_links/authenticate and otps/sms/send: each route takes
//! the values Stytch lists for it and refuses any other with `invalid_locale`, on both API
//! families; each email and SMS keeps the locale it was asked in, is written in it where the
//! emulator has the words, and the inbox page says which.

mod common;

use common::*;
use serde_json::{json, Value};
use stytch_emulator::facts;

const LOGIN: &str = "/v1/b2b/magic_links/email/login_or_signup";
const AUTHENTICATE: &str = "/v1/b2b/magic_links/authenticate";
const SMS_SEND: &str = "/v1/b2b/otps/sms/send";

fn locale_of(message: &Value) -> Option<&str> {
    message["locale"].as_str()
}

#[tokio::test]
async fn an_email_is_written_in_each_locale_stytch_lists_for_emails_and_keeps_it() {
    let h = start().await;
    for locale in facts::MAGIC_LINK_LOCALES {
        let body = json!({"organization_id": ORG, "email_address": ADA, "locale": locale});
        let (status, answer) = h.post(LOGIN, body).await;
        assert_eq!(status, 200, "{locale}: {answer}");
    }
    let mail = h.outbox(ADA).await;
    let locales: Vec<_> = mail.iter().map(locale_of).collect();
    assert_eq!(locales, [Some("en"), Some("es"), Some("pt-br"), Some("fr")]);
    assert_eq!(mail[0]["subject"], "Your login link for Example Org");
    assert_eq!(mail[3]["subject"], "Votre lien de connexion à Example Org");
    assert!(
        mail[3]["body"]
            .as_str()
            .unwrap()
            .starts_with("Cliquez sur le lien ci-dessous pour vous connecter à Example Org."),
        "{}",
        mail[3]["body"]
    );
    // Every one carries its link.
    assert!(mail.iter().all(|m| m["link"].is_string()));
}

#[tokio::test]
async fn an_email_asked_in_no_locale_is_english_and_records_none() {
    let h = start().await;
    h.magic_link(ADA, json!({})).await;
    let mail = h.outbox(ADA).await;
    assert!(mail[0].get("locale").is_none(), "{}", mail[0]);
    assert_eq!(mail[0]["subject"], "Your login link for Example Org");
}

#[tokio::test]
async fn stytch_writes_no_german_email_so_a_german_locale_is_refused_on_both_families() {
    let h = start().await;
    for locale in ["de", "de-DE", "EN", "pt-BR", "it"] {
        let body = json!({"organization_id": ORG, "email_address": ADA, "locale": locale});
        let (status, answer) = h.post(LOGIN, body.clone()).await;
        assert_stytch_error(status, &answer, 400, "invalid_locale");
        let sdk_path = "/v1/b2b/magic_links/email/login_or_signup";
        let (status, answer) = h.sdk_post(sdk_path, body, None).await;
        assert_stytch_error(status, &answer, 400, "invalid_locale");
    }
    assert!(h.outbox(ADA).await.is_empty(), "nothing is sent");
}

#[tokio::test]
async fn an_sms_is_written_in_german_when_asked_for_de_de() {
    let h = start().await;
    let member = h.member_id(LINUS).await;
    let body = json!({"organization_id": ORG, "member_id": member, "locale": "de-DE"});
    let (status, answer) = h.post(SMS_SEND, body).await;
    assert_eq!(status, 200, "{answer}");
    let sms = h.outbox(LINUS_PHONE).await;
    assert_eq!(locale_of(&sms[0]), Some("de-DE"));
    let code = h.latest_code(LINUS_PHONE).await;
    assert_eq!(
        sms[0]["body"],
        format!("Ihr Bestätigungscode für Example Org lautet {code}. Er ist 2 Minuten gültig.")
    );
}

#[tokio::test]
async fn every_sms_locale_stytch_lists_is_accepted_and_kept_on_the_sdk_api_too() {
    let h = start().await;
    let member = h.member_id(LINUS).await;
    for locale in facts::SMS_LOCALES {
        let body = json!({"organization_id": ORG, "member_id": member, "locale": locale});
        let (status, answer) = h.sdk_post("/v1/b2b/otps/sms/send", body, None).await;
        assert_eq!(status, 200, "{locale}: {answer}");
    }
    let sms = h.outbox(LINUS_PHONE).await;
    let locales: Vec<_> = sms.iter().filter_map(locale_of).collect();
    assert_eq!(locales, facts::SMS_LOCALES);
    // A listed locale the emulator has no words for is written in English.
    let zh = &sms[6];
    assert_eq!(locale_of(zh), Some("zh-Hans"));
    let code = zh["code"].as_str().unwrap();
    assert_eq!(
        zh["body"],
        format!("{code} is your Example Org verification code. It expires in 2 minutes.")
    );
}

#[tokio::test]
async fn an_sms_locale_stytch_does_not_list_is_refused_and_sends_nothing() {
    let h = start().await;
    let member = h.member_id(LINUS).await;
    for locale in ["de", "de-de", "nl", "zh-Hant"] {
        let body = json!({"organization_id": ORG, "member_id": member, "locale": locale});
        let (status, answer) = h.post(SMS_SEND, body.clone()).await;
        assert_stytch_error(status, &answer, 400, "invalid_locale");
        let (status, answer) = h.sdk_post("/v1/b2b/otps/sms/send", body, None).await;
        assert_stytch_error(status, &answer, 400, "invalid_locale");
    }
    assert_eq!(h.sms_count(LINUS_PHONE).await, 0);
}

#[tokio::test]
async fn the_sms_stytch_sends_after_the_link_is_in_the_authenticate_locale() {
    let h = start().await;
    let token = h.magic_link(GRACE, json!({})).await;
    // German is not on the magic-link routes' list: refused, and the link is still good.
    let (status, answer) = h
        .post(
            AUTHENTICATE,
            json!({"magic_links_token": token, "locale": "de-DE"}),
        )
        .await;
    assert_stytch_error(status, &answer, 400, "invalid_locale");
    assert_eq!(h.sms_count(GRACE_PHONE).await, 0);
    let (status, answer) = h
        .post(
            AUTHENTICATE,
            json!({"magic_links_token": token, "locale": "fr"}),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["mfa_required"]["secondary_auth_initiated"],
        "sms_otp"
    );
    let sms = h.outbox(GRACE_PHONE).await;
    assert_eq!(locale_of(&sms[0]), Some("fr"));
    assert!(
        sms[0]["body"]
            .as_str()
            .unwrap()
            .contains("est votre code de vérification pour Example Org"),
        "{}",
        sms[0]["body"]
    );
}

#[tokio::test]
async fn the_inbox_page_says_each_message_s_locale() {
    let h = start().await;
    h.magic_link(ADA, json!({})).await;
    let member = h.member_id(LINUS).await;
    for locale in ["de-DE", "ca-ES"] {
        let body = json!({"organization_id": ORG, "member_id": member, "locale": locale});
        let (status, answer) = h.post(SMS_SEND, body).await;
        assert_eq!(status, 200, "{answer}");
    }
    let res = h.http.get(format!("{}/", h.base)).send().await.unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("<li class=\"sms\" lang=\"de-DE\">"), "{html}");
    assert!(html.contains("locale de-DE"), "{html}");
    assert!(
        html.contains("Ihr Bestätigungscode für Example Org"),
        "{html}"
    );
    assert!(
        html.contains("locale ca-ES (the emulator has no ca-ES words: English)"),
        "{html}"
    );
    assert!(html.contains("<li class=\"email\" lang=\"en\">"), "{html}");
    assert!(html.contains("no locale: English"), "{html}");
}
