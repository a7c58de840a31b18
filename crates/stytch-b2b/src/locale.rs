//! The languages Stytch writes its emails and SMS in: the `locale` of login_or_signup,
//! magic_links/authenticate and otps/sms/send, one type per list Stytch publishes.
//! Built from the person's language (a BCP 47 tag); a language a route does not offer gives no
//! locale at all, and Stytch then writes English ("if no value is provided, the copy defaults
//! to English", stytch-node `lib/b2b/magic_links_email.ts`).

use std::fmt;

/// The parts of a BCP 47 tag a locale is chosen by, lowercased: `de-AT` → (`de`, none, `at`),
/// `zh-Hant-TW` → (`zh`, `hant`, `tw`). Extensions and variants are ignored; `_` is accepted
/// for `-` (a POSIX locale name).
struct Tag {
    language: String,
    script: Option<String>,
    region: Option<String>,
}

impl Tag {
    fn parse(tag: &str) -> Option<Tag> {
        let mut parts = tag.trim().split(['-', '_']).map(|p| p.to_ascii_lowercase());
        let language = parts
            .next()
            .filter(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphabetic()))?;
        let (mut script, mut region) = (None, None);
        for part in parts {
            let alpha = part.bytes().all(|b| b.is_ascii_alphabetic());
            let digits = part.bytes().all(|b| b.is_ascii_digit());
            match part.len() {
                4 if alpha && script.is_none() && region.is_none() => script = Some(part),
                2 if alpha && region.is_none() => region = Some(part),
                3 if digits && region.is_none() => region = Some(part),
                _ => break,
            }
        }
        Some(Tag {
            language,
            script,
            region,
        })
    }
}

macro_rules! locales {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $s:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every value Stytch lists for the route.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// Stytch's string, exactly as its list spells it.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $($name::$variant => $s,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

locales!(
    /// The `locale` of both magic-link routes: the language of the login or sign-up email
    /// (`magic_links/email/login_or_signup`), and of the SMS Stytch sends itself when
    /// `magic_links/authenticate` finds the member enrolled with a phone ("The locale will be
    /// used if an OTP code is sent to the member's phone number as part of a secondary
    /// authentication requirement", stytch-browser `packages/core/src/public/b2b/magicLinks.ts`).
    /// Stytch lists English, Spanish, Brazilian Portuguese and French for both: stytch-node
    /// `lib/b2b/magic_links_email.ts` (LoginOrSignupRequest `locale`: "en" | "es" | "pt-br" |
    /// "fr") and `lib/b2b/magic_links.ts` (AuthenticateRequest `locale`, the same four); the
    /// `stytch` crate's `b2b::magic_links_email::LoginOrSignupRequestLocale` and
    /// `b2b::magic_links::AuthenticateRequestLocale` (En, Es, Ptbr, Fr). **No German.**
    MagicLinkLocale {
        /// English (Stytch's default).
        En => "en",
        /// Spanish.
        Es => "es",
        /// Brazilian Portuguese.
        PtBr => "pt-br",
        /// French.
        Fr => "fr",
    }
);

locales!(
    /// The `locale` of `otps/sms/send`: the language of the code's SMS. Stytch lists eight:
    /// stytch-node `lib/b2b/otp_sms.ts` (SendRequest `locale`: "en" | "es" | "pt-br" | "fr" |
    /// "it" | "de-DE" | "zh-Hans" | "ca-ES", since commit 2efdf9d, "Add more locales to SMS OTP",
    /// 2025-04-14); the `stytch` crate's `b2b::otp_sms::SendRequestLocale` (which spells German
    /// `deDE`: its generated names drop the hyphen, as they make `ptbr` of `pt-br`).
    SmsLocale {
        /// English (Stytch's default).
        En => "en",
        /// Spanish.
        Es => "es",
        /// Brazilian Portuguese.
        PtBr => "pt-br",
        /// French.
        Fr => "fr",
        /// Italian.
        It => "it",
        /// German.
        DeDe => "de-DE",
        /// Simplified Chinese.
        ZhHans => "zh-Hans",
        /// Catalan.
        CaEs => "ca-ES",
    }
);

impl MagicLinkLocale {
    /// The value for a person whose language is `tag` (BCP 47: `de`, `en-GB`, `pt-PT`), or
    /// `None` when Stytch offers no email in that language: the field is then left out and
    /// Stytch writes English. Any Portuguese gets Brazilian Portuguese, the only one Stytch has.
    pub fn for_language(tag: &str) -> Option<Self> {
        let tag = Tag::parse(tag)?;
        Some(match tag.language.as_str() {
            "en" => Self::En,
            "es" => Self::Es,
            "pt" => Self::PtBr,
            "fr" => Self::Fr,
            _ => return None,
        })
    }
}

impl SmsLocale {
    /// The value for a person whose language is `tag` (BCP 47), or `None` when Stytch offers
    /// no SMS in that language (it then writes English). Any German gets `de-DE`, any
    /// Portuguese `pt-br`, any Catalan `ca-ES`: the one variant Stytch has of each. Chinese
    /// gets `zh-Hans` unless the tag asks for traditional script (`Hant`, or Taiwan, Hong Kong,
    /// Macao without a script), which Stytch does not offer.
    pub fn for_language(tag: &str) -> Option<Self> {
        let tag = Tag::parse(tag)?;
        Some(match tag.language.as_str() {
            "en" => Self::En,
            "es" => Self::Es,
            "pt" => Self::PtBr,
            "fr" => Self::Fr,
            "it" => Self::It,
            "de" => Self::DeDe,
            "ca" => Self::CaEs,
            "zh" => {
                let traditional = match tag.script.as_deref() {
                    Some(script) => script == "hant",
                    None => matches!(tag.region.as_deref(), Some("tw" | "hk" | "mo")),
                };
                if traditional {
                    return None;
                }
                Self::ZhHans
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_gets_a_german_sms_and_no_email_locale() {
        for tag in ["de", "de-DE", "de-AT", "de_CH.UTF-8", "DE"] {
            assert_eq!(SmsLocale::for_language(tag), Some(SmsLocale::DeDe), "{tag}");
            assert_eq!(MagicLinkLocale::for_language(tag), None, "{tag}");
        }
    }

    #[test]
    fn english_is_sent_as_english_on_every_route() {
        for tag in ["en", "en-US", "en-GB", "en-XA"] {
            assert_eq!(SmsLocale::for_language(tag), Some(SmsLocale::En), "{tag}");
            assert_eq!(
                MagicLinkLocale::for_language(tag),
                Some(MagicLinkLocale::En),
                "{tag}"
            );
        }
    }

    #[test]
    fn a_language_stytch_lacks_gives_no_locale() {
        for tag in ["nl", "ja-JP", "zh-Hant", "zh-TW", "", "x", "123"] {
            assert_eq!(SmsLocale::for_language(tag), None, "{tag}");
            assert_eq!(MagicLinkLocale::for_language(tag), None, "{tag}");
        }
    }

    #[test]
    fn each_language_maps_to_the_one_variant_stytch_has() {
        let sms = |t| SmsLocale::for_language(t).map(|l| l.as_str());
        assert_eq!(sms("pt-PT"), Some("pt-br"));
        assert_eq!(sms("pt-BR"), Some("pt-br"));
        assert_eq!(sms("zh"), Some("zh-Hans"));
        assert_eq!(sms("zh-CN"), Some("zh-Hans"));
        assert_eq!(sms("zh-Hans-HK"), Some("zh-Hans"));
        assert_eq!(sms("ca"), Some("ca-ES"));
        assert_eq!(sms("it-CH"), Some("it"));
        let email = |t| MagicLinkLocale::for_language(t).map(|l| l.as_str());
        assert_eq!(email("fr-CA"), Some("fr"));
        assert_eq!(email("es-419"), Some("es"));
        assert_eq!(email("it"), None);
    }

    #[test]
    fn serialized_as_stytch_spells_it() {
        assert_eq!(
            serde_json::to_value(SmsLocale::DeDe).unwrap(),
            serde_json::json!("de-DE")
        );
        assert_eq!(
            serde_json::to_value(MagicLinkLocale::PtBr).unwrap(),
            serde_json::json!("pt-br")
        );
        assert_eq!(SmsLocale::ALL.len(), 8);
        assert_eq!(MagicLinkLocale::ALL.len(), 4);
    }
}
