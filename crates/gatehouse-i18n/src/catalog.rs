//! The bundles of one language chain, and formatting a message: looked up in the first language
//! that has it, English last.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::language::Language;
use crate::{files, pseudo};

/// A message's arguments: text, or a number (Fluent picks the plural form from it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Args(Vec<(&'static str, Arg)>);

#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl Args {
    pub fn new() -> Self {
        Self::default()
    }

    /// These arguments and `name` = `value`.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.0.push((name, value.into()));
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn fluent(&self) -> FluentArgs<'_> {
        let mut args = FluentArgs::new();
        for (name, value) in &self.0 {
            match value {
                Arg::Text(text) => args.set(*name, FluentValue::from(text.as_str())),
                Arg::Number(n) => args.set(*name, FluentValue::from(*n)),
            }
        }
        args
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_owned())
    }
}
impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}
impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}
macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64, f64);

/// A sentence not yet in a language: a message id and its arguments. The core builds these
/// (it does not know the person's language where a notice is made); the catalog says them.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    id: std::borrow::Cow<'static, str>,
    args: Args,
}

impl Text {
    pub fn new(id: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        Self {
            id: id.into(),
            args: Args::new(),
        }
    }

    /// This text with argument `name` = `value`.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args = self.args.with(name, value);
        self
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn args(&self) -> &Args {
        &self.args
    }
}

/// The catalog in one language (with its fallbacks): what formats every sentence.
pub struct Catalog {
    language: Language,
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("language", &self.language.tag())
            .finish()
    }
}

impl Catalog {
    pub fn new(language: Language) -> Self {
        let bundles = language
            .chain()
            .map(|tag| bundle(&tag, language.is_pseudo()))
            .collect();
        Self { language, bundles }
    }

    pub fn english() -> Self {
        Self::new(Language::english())
    }

    pub fn language(&self) -> &Language {
        &self.language
    }

    /// Message `id` with `args`, from the first language that has it. A message no language has
    /// comes out as its id (a test checks that every id the code uses is in English).
    pub fn message(&self, id: &str, args: &Args) -> String {
        self.format(id, None, args).unwrap_or_else(|| id.to_owned())
    }

    /// `text` in this language.
    pub fn say(&self, text: &Text) -> String {
        self.message(text.id(), text.args())
    }

    /// Attribute `attribute` of message `id` (`id.attribute` in the file).
    pub fn attribute(&self, id: &str, attribute: &str, args: &Args) -> String {
        self.format(id, Some(attribute), args)
            .unwrap_or_else(|| format!("{id}.{attribute}"))
    }

    /// Whether the first language itself (not a fallback) has message `id`.
    pub fn has_own(&self, id: &str) -> bool {
        self.bundles[0].has_message(id)
    }

    fn format(&self, id: &str, attribute: Option<&str>, args: &Args) -> Option<String> {
        let fluent = (!args.is_empty()).then(|| args.fluent());
        self.bundles.iter().find_map(|bundle| {
            let message = bundle.get_message(id)?;
            let pattern = match attribute {
                Some(name) => message.get_attribute(name)?.value(),
                None => message.value()?,
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, fluent.as_ref(), &mut errors);
            Some(text.into_owned())
        })
    }
}

fn bundle(tag: &str, pseudo: bool) -> FluentBundle<FluentResource> {
    let texts = files()
        .iter()
        .filter(|(language, _, _)| *language == tag)
        .map(|(language, area, text)| (format!("locales/{language}/{area}.ftl"), *text));
    bundle_of(tag, pseudo, texts)
}

/// The bundle of language `tag` from `texts` (each named by its file, for the panic message).
fn bundle_of<'a>(
    tag: &str,
    pseudo: bool,
    texts: impl Iterator<Item = (String, &'a str)>,
) -> FluentBundle<FluentResource> {
    let language: LanguageIdentifier = tag.parse().expect("a catalog language");
    let mut bundle = FluentBundle::new_concurrent(vec![language]);
    // Gatehouse's languages all run left to right; the marks would show up in copied text.
    bundle.set_use_isolating(false);
    if pseudo {
        bundle.set_transform(Some(pseudo::transform));
    }
    for (file, text) in texts {
        let resource = FluentResource::try_new(text.to_owned())
            .unwrap_or_else(|_| panic!("{file} does not parse"));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|_| panic!("{file} repeats a message id"));
    }
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::{negotiate, AVAILABLE};
    use fluent_syntax::ast;
    use std::collections::BTreeSet;

    fn ids(language: &str) -> BTreeSet<String> {
        let mut ids = BTreeSet::new();
        for (l, area, text) in files() {
            if *l != language {
                continue;
            }
            let resource = FluentResource::try_new((*text).to_owned())
                .unwrap_or_else(|(_, e)| panic!("locales/{l}/{area}.ftl: {e:?}"));
            for entry in resource.entries() {
                if let ast::Entry::Message(m) = entry {
                    let mut attributes: Vec<String> = m
                        .attributes
                        .iter()
                        .map(|a| format!("{}.{}", m.id.name, a.id.name))
                        .collect();
                    ids.insert(m.id.name.to_owned());
                    ids.append(&mut attributes.drain(..).collect());
                }
            }
        }
        ids
    }

    #[test]
    fn every_complete_language_has_every_message_english_has_and_no_other() {
        let english = ids("en");
        assert!(
            english.len() > 10,
            "the English catalog is there: {}",
            english.len()
        );
        for language in AVAILABLE {
            let have = ids(language);
            let missing: Vec<_> = english.difference(&have).collect();
            let extra: Vec<_> = have.difference(&english).collect();
            assert!(missing.is_empty(), "{language} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{language} has messages English lacks: {extra:?}"
            );
        }
    }

    #[test]
    fn a_message_the_language_lacks_comes_from_the_next_in_the_chain_then_its_id() {
        let one = |tag: &str, text: &'static str| {
            bundle_of(tag, false, [("t".to_owned(), text)].into_iter())
        };
        let catalog = Catalog {
            language: negotiate(&["de".into()]),
            bundles: vec![
                one("de", "both = Deutsch { $n }\n"),
                one("en", "both = English { $n }\nonly-en = Only English\n"),
            ],
        };
        let args = Args::new().with("n", 2u32);
        assert_eq!(catalog.message("both", &args), "Deutsch 2");
        assert_eq!(catalog.message("only-en", &args), "Only English");
        assert_eq!(catalog.message("nowhere", &args), "nowhere");
        assert!(!catalog.has_own("only-en"));
    }

    #[test]
    fn every_file_parses_and_builds_a_bundle() {
        for language in AVAILABLE {
            let catalog = Catalog::new(negotiate(&[language.to_string()]));
            assert_eq!(catalog.language().tag(), *language);
        }
    }
}
