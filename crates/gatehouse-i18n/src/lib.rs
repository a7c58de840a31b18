//! Gatehouse's one message catalog: every sentence a person reads — the window's labels, the
//! core's notices, the doctor's lines, `gatehouse token`'s sentences, the menu — is a Fluent
//! message in `locales/<language>/<area>.ftl`. This crate reads those files for the Rust side;
//! the window reads the very same files (`ui/src/i18n.ts`). Plurals and selectors are Fluent's;
//! no sentence is put together from translated pieces.
//!
//! | file | holds |
//! |---|---|
//! | `language.rs` | which language: the desktop session's, or `[ui] locale`; the fallback chain |
//! | `catalog.rs` | the bundles of one language chain, and formatting a message |
//! | `pseudo.rs` | the pseudo-locale tests use to catch untranslated and clipped text |

mod catalog;
mod language;
mod pseudo;

pub use catalog::{Arg, Args, Catalog, Text};
pub use language::{from_environment, negotiate, Language, AVAILABLE, ENGLISH, PSEUDO};

/// Every catalog file, as `(language, area, text)`: what the build embedded from `locales/`.
pub fn files() -> &'static [(&'static str, &'static str, &'static str)] {
    include!(concat!(env!("OUT_DIR"), "/files.rs"))
}
