//! Which language: `[ui] locale` when IT or the person set it, otherwise the desktop session's
//! (on Linux `LANGUAGE`, then `LC_ALL`, `LC_MESSAGES`, `LANG`, as gettext reads them; elsewhere
//! the platform's preferred languages through `sys-locale`), negotiated against the languages
//! the catalog has, falling back along the chain to English.

use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use unic_langid::LanguageIdentifier;

/// The complete languages, English first (the last of every chain).
pub const AVAILABLE: &[&str] = &["en", "de"];
/// The fallback of every chain.
pub const ENGLISH: &str = "en";
/// The pseudo-locale: English made accented, longer and bracketed, for tests only. Only asked
/// for by name (`[ui] locale = "en-XA"`); never chosen from a desktop session's languages.
pub const PSEUDO: &str = "en-XA";

/// A negotiated language: the catalog's languages to look a message up in, best first, ending
/// with English; and the tag the window gets (for `lang`, Intl and its own bundles).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    chain: Vec<LanguageIdentifier>,
    pseudo: bool,
}

impl Language {
    pub fn english() -> Self {
        Self {
            chain: vec![ENGLISH.parse().expect("a valid tag")],
            pseudo: false,
        }
    }

    /// The BCP 47 tag of the first language (`de`, `en`, `en-XA`).
    pub fn tag(&self) -> String {
        if self.pseudo {
            PSEUDO.to_owned()
        } else {
            self.chain[0].to_string()
        }
    }

    /// The catalog's languages to look in, best first, English last.
    pub fn chain(&self) -> impl Iterator<Item = String> + '_ {
        self.chain.iter().map(|l| l.to_string())
    }

    pub fn is_pseudo(&self) -> bool {
        self.pseudo
    }
}

/// The languages the person asked for, best first, as BCP 47 tags. `env` reads one environment
/// variable (tests pass their own). The POSIX locale (`C`, `POSIX`) asks for nothing.
pub fn from_environment(env: impl Fn(&str) -> Option<String>) -> Vec<String> {
    if cfg!(target_os = "linux") {
        gettext_order(env)
    } else {
        sys_locale::get_locales().collect()
    }
}

/// gettext's order: `LANGUAGE` (a colon-separated list) first, unless the locale is `C`; then
/// the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set.
fn gettext_order(env: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let set = |name: &str| env(name).filter(|v| !v.is_empty());
    let locale = set("LC_ALL")
        .or_else(|| set("LC_MESSAGES"))
        .or_else(|| set("LANG"));
    let posix = |v: &str| {
        let name = v.split(['.', '@']).next().unwrap_or("").trim();
        name.is_empty() || name == "C" || name == "POSIX"
    };
    let mut asked = Vec::new();
    // No locale at all is the C locale, and gettext ignores LANGUAGE then too.
    if locale.as_deref().is_some_and(|v| !posix(v)) {
        if let Some(list) = set("LANGUAGE") {
            asked.extend(list.split(':').filter_map(posix_tag));
        }
    }
    asked.extend(locale.as_deref().and_then(posix_tag));
    asked
}

/// `de_DE.UTF-8@euro` → `de-DE`; `C`, `POSIX` and `C.UTF-8` → none, and so is the pseudo-locale
/// (only `[ui] locale` can ask for it: a desktop session never turns it on).
fn posix_tag(value: &str) -> Option<String> {
    let name = value.split(['.', '@']).next()?.trim();
    if name.is_empty() || name == "C" || name == "POSIX" {
        return None;
    }
    if name.replace('_', "-").eq_ignore_ascii_case(PSEUDO) {
        return None;
    }
    let tag = name.replace('_', "-");
    tag.parse::<LanguageIdentifier>()
        .ok()
        .map(|l| l.to_string())
}

/// The language for `asked` (best first): the first the catalog has, by language and region,
/// then English. The pseudo-locale only when it is asked for first.
pub fn negotiate(asked: &[String]) -> Language {
    if asked
        .first()
        .is_some_and(|a| a.eq_ignore_ascii_case(PSEUDO))
    {
        return Language {
            pseudo: true,
            ..Language::english()
        };
    }
    let requested: Vec<LanguageIdentifier> = asked.iter().filter_map(|a| a.parse().ok()).collect();
    let available: Vec<LanguageIdentifier> = AVAILABLE
        .iter()
        .map(|a| a.parse().expect("a valid tag"))
        .collect();
    let english: LanguageIdentifier = ENGLISH.parse().expect("a valid tag");
    let best = negotiate_languages(
        &requested,
        &available,
        Some(&english),
        NegotiationStrategy::Filtering,
    )
    .first()
    .map(|l| (*l).clone())
    .unwrap_or_else(|| english.clone());
    let mut chain = vec![best];
    if chain[0] != english {
        chain.push(english);
    }
    Language {
        chain,
        pseudo: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn a_german_desktop_session_asks_for_german() {
        let asked = gettext_order(env(&[("LANG", "de_DE.UTF-8"), ("LC_ALL", "de_DE.UTF-8")]));
        assert_eq!(asked, ["de-DE"]);
        assert_eq!(negotiate(&asked).tag(), "de");
        assert_eq!(negotiate(&asked).chain().collect::<Vec<_>>(), ["de", "en"]);
    }

    #[test]
    fn language_comes_first_then_lc_all_lc_messages_lang() {
        let vars = [
            ("LANGUAGE", "fr_CA:de"),
            ("LC_ALL", ""),
            ("LC_MESSAGES", "es_ES.UTF-8"),
            ("LANG", "it_IT.UTF-8"),
        ];
        assert_eq!(gettext_order(env(&vars)), ["fr-CA", "de", "es-ES"]);
        // French is not in the catalog: the next asked for that is.
        assert_eq!(negotiate(&gettext_order(env(&vars))).tag(), "de");
    }

    #[test]
    fn the_c_locale_ignores_language_as_gettext_does_and_means_english() {
        let asked = gettext_order(env(&[("LANGUAGE", "de"), ("LC_ALL", "C.UTF-8")]));
        assert!(asked.is_empty(), "{asked:?}");
        assert_eq!(negotiate(&asked).tag(), "en");
    }

    #[test]
    fn a_language_the_catalog_lacks_falls_back_to_english() {
        assert_eq!(negotiate(&["ja-JP".into()]).tag(), "en");
        assert_eq!(negotiate(&[]).tag(), "en");
        assert_eq!(negotiate(&["de-AT".into()]).tag(), "de");
        assert_eq!(negotiate(&["en-GB".into(), "de".into()]).tag(), "en");
    }

    #[test]
    fn language_alone_without_a_locale_is_the_c_locale_and_ignored() {
        assert!(gettext_order(env(&[("LANGUAGE", "de")])).is_empty());
        assert_eq!(
            gettext_order(env(&[("LANGUAGE", "de"), ("LANG", "en_US.UTF-8")])),
            ["de", "en-US"]
        );
    }

    #[test]
    fn a_desktop_session_never_turns_the_pseudo_locale_on() {
        let asked = gettext_order(env(&[("LANGUAGE", "en_XA:de"), ("LANG", "en_XA.UTF-8")]));
        assert_eq!(asked, ["de"]);
        assert!(!negotiate(&asked).is_pseudo());
    }

    #[test]
    fn the_pseudo_locale_only_by_name_and_first() {
        assert!(negotiate(&["en-XA".into()]).is_pseudo());
        assert_eq!(negotiate(&["en-XA".into()]).tag(), "en-XA");
        assert!(!negotiate(&["de".into(), "en-XA".into()]).is_pseudo());
    }
}
