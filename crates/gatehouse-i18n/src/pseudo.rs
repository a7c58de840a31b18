//! The pseudo-locale's transform: every translatable text accented, about 40% longer and
//! bracketed, so a test sees at once a string that skipped the catalog (no brackets) or that the
//! layout clips (a bracket missing). Fluent's own pseudo-localisation (`fluent-pseudo`); the
//! window's copy of the same rules is in `ui/src/pseudo.ts`.

use std::borrow::Cow;

pub(crate) fn transform(text: &str) -> Cow<'_, str> {
    // Not flipped (still readable), elongated (vowels doubled); the brackets are added here, as
    // fluent-pseudo has no markers.
    Cow::Owned(format!("[{}]", fluent_pseudo::transform(text, false, true)))
}
