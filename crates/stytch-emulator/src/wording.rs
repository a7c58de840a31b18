//! The words of the emails and SMS the emulator "sends", in the request's `locale`. Stytch's own
//! templates are not public: these are the emulator's. It has words for every email locale
//! Stytch lists ([`facts::MAGIC_LINK_LOCALES`]) and for the SMS locales `en`, `de-DE`, `fr`,
//! `es`, `pt-br` and `it`; the other SMS locales Stytch lists (`zh-Hans`, `ca-ES`) are accepted
//! and written in English. There is no German email: Stytch offers none.

use crate::facts;

/// The text of a code's SMS.
pub fn sms(locale: Option<&str>, code: &str, org: &str, minutes: i64) -> String {
    match locale.unwrap_or(facts::DEFAULT_LOCALE) {
        "de-DE" => format!(
            "Ihr Bestätigungscode für {org} lautet {code}. Er ist {minutes} Minuten gültig."
        ),
        "fr" => format!(
            "{code} est votre code de vérification pour {org}. Il expire dans {minutes} minutes."
        ),
        "es" => {
            format!("{code} es tu código de verificación para {org}. Caduca en {minutes} minutos.")
        }
        "pt-br" => format!(
            "{code} é o seu código de verificação para {org}. Ele expira em {minutes} minutos."
        ),
        "it" => {
            format!("{code} è il tuo codice di verifica per {org}. Scade tra {minutes} minuti.")
        }
        _ => format!("{code} is your {org} verification code. It expires in {minutes} minutes."),
    }
}

/// Whether [`sms`] has words of its own for `locale` (otherwise it writes English).
pub fn sms_has(locale: &str) -> bool {
    matches!(locale, "en" | "de-DE" | "fr" | "es" | "pt-br" | "it")
}

/// The subject and body of a login (or, for a new or pending member, sign-up) email.
pub fn email(
    locale: Option<&str>,
    signup: bool,
    org: &str,
    minutes: i64,
    link: &str,
) -> (String, String) {
    let (subject, sentence) = match (locale.unwrap_or(facts::DEFAULT_LOCALE), signup) {
        ("fr", true) => (
            format!("Inscrivez-vous à {org}"),
            format!("Cliquez sur le lien ci-dessous pour vous inscrire à {org}. Il expire dans {minutes} minutes."),
        ),
        ("fr", false) => (
            format!("Votre lien de connexion à {org}"),
            format!("Cliquez sur le lien ci-dessous pour vous connecter à {org}. Il expire dans {minutes} minutes."),
        ),
        ("es", true) => (
            format!("Regístrate en {org}"),
            format!("Haz clic en el enlace de abajo para registrarte en {org}. Caduca en {minutes} minutos."),
        ),
        ("es", false) => (
            format!("Tu enlace de inicio de sesión para {org}"),
            format!("Haz clic en el enlace de abajo para iniciar sesión en {org}. Caduca en {minutes} minutos."),
        ),
        ("pt-br", true) => (
            format!("Cadastre-se em {org}"),
            format!("Clique no link abaixo para se cadastrar em {org}. Ele expira em {minutes} minutos."),
        ),
        ("pt-br", false) => (
            format!("Seu link de acesso para {org}"),
            format!("Clique no link abaixo para entrar em {org}. Ele expira em {minutes} minutos."),
        ),
        (_, true) => (
            format!("Sign up to {org}"),
            format!("Click the link below to sign up to {org}. It expires in {minutes} minutes."),
        ),
        (_, false) => (
            format!("Your login link for {org}"),
            format!("Click the link below to log in to {org}. It expires in {minutes} minutes."),
        ),
    };
    (subject, format!("{sentence}\n\n{link}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_email_locale_stytch_lists_has_words_of_its_own() {
        let english = email(None, false, "Org", 60, "L");
        for locale in facts::MAGIC_LINK_LOCALES {
            for signup in [true, false] {
                let (subject, body) = email(Some(locale), signup, "Org", 60, "L");
                assert!(subject.contains("Org") && body.contains("60"), "{locale}");
                assert!(body.ends_with("\n\nL\n"), "{locale}");
                assert_eq!(*locale == "en" && !signup, subject == english.0, "{locale}");
            }
        }
    }

    #[test]
    fn an_sms_says_its_code_in_its_language_or_in_english() {
        assert!(sms(Some("de-DE"), "123456", "Org", 2)
            .starts_with("Ihr Bestätigungscode für Org lautet 123456."));
        assert_eq!(sms(None, "1", "Org", 2), sms(Some("en"), "1", "Org", 2));
        assert_eq!(
            sms(Some("zh-Hans"), "1", "Org", 2),
            sms(None, "1", "Org", 2)
        );
        for locale in facts::SMS_LOCALES {
            let text = sms(Some(locale), "123456", "Org", 2);
            assert!(text.contains("123456") && text.contains("Org"), "{locale}");
            assert_eq!(
                sms_has(locale),
                *locale == "en" || text != sms(None, "123456", "Org", 2)
            );
        }
    }
}
