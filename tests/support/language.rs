//! What a screen says, checked in the language the window was given: nothing clipped or wider
//! than the window (in every language), no string that skipped the catalog (the pseudo-locale
//! brackets and accents every catalog text), no English left in German; and, in that language,
//! axe-core's WCAG 2.1 A/AA rules and 200% zoom (`axe.rs`).

use std::collections::BTreeSet;

use fantoccini::Client;
use gatehouse_core::i18n::{negotiate, Args, Catalog};

use super::axe::{assert_accessible, assert_reflows_at_200_percent};
use super::screenshot;

/// The language a run speaks, and what its screens are checked for.
pub struct Lang {
    /// The tag given to Gatehouse (`GATEHOUSE_LOCALE` or the desktop session's variables).
    pub tag: &'static str,
    /// Visible text the catalog does not own (what people typed, Stytch's names, codes).
    pub data: Vec<String>,
}

impl Lang {
    pub fn new(tag: &'static str, data: &[&str]) -> Lang {
        Lang {
            tag,
            data: data.iter().map(|d| d.to_string()).collect(),
        }
    }
}

/// Every text node a person sees (and the labels read to them), with whether it is data.
const VISIBLE_TEXT: &str = r#"
    const data = new Set(arguments[0]);
    const out = [];
    const isData = (el, text) =>
        data.has(text) || /^[\d\s:•+\-–,.()/]+$/.test(text)
        || !!el.closest('time, code, [translate="no"], #recovery-codes, .qr');
    const shown = (el) => {
        if (el.closest('[hidden], script, style, template')) return false;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const text = node.textContent.trim();
        const el = node.parentElement;
        if (!text || !el || !shown(el)) continue;
        out.push({ text, data: isData(el, text), where: el.id || el.className || el.tagName });
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
        if (!shown(el)) continue;
        for (const name of ['aria-label', 'placeholder', 'title']) {
            const text = (el.getAttribute(name) || '').trim();
            if (text) out.push({ text, data: isData(el, text), where: `${el.id || el.tagName}@${name}` });
        }
    }
    out.push({ text: document.title, data: false, where: 'document.title' });
    return { lang: document.documentElement.lang, texts: out };
"#;

/// Elements whose text is cut off or runs past the window's edge, and the page's own overflow.
const CLIPPED: &str = r#"
    const width = window.innerWidth;
    const found = [];
    if (document.documentElement.scrollWidth > width + 1)
        found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px in ${width}px`);
    for (const el of document.querySelectorAll('body *')) {
        if (el.closest('[hidden]') || !el.textContent.trim()) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const direct = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!direct) continue;
        const name = `${el.tagName.toLowerCase()}#${el.id || el.className}`;
        if (r.right > width + 1) found.push(`${name} runs past the window (${Math.round(r.right)}px)`);
        const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
        if (hides && el.scrollWidth > el.clientWidth + 1)
            found.push(`${name} is clipped (${el.scrollWidth}px in ${el.clientWidth}px)`);
    }
    return found;
"#;

/// The screen `name` as the person sees it in `lang`: screenshot `target/e2e/<tag>-<name>.png`,
/// then the checks (see the module docs).
pub async fn check_screen(client: &Client, lang: &Lang, name: &str) {
    // Let the screen settle (focus, a notice's arrival) before it is read.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    screenshot(client, &format!("{}-{name}", lang.tag)).await;
    let clipped = client.execute(CLIPPED, vec![]).await.expect("measure");
    let clipped: Vec<String> = serde_json::from_value(clipped).unwrap();
    assert!(
        clipped.is_empty(),
        "{} {name}: text does not fit the window: {clipped:#?}",
        lang.tag
    );
    let seen = client
        .execute(VISIBLE_TEXT, vec![serde_json::json!(lang.data)])
        .await
        .expect("read the page");
    assert_eq!(
        seen["lang"], lang.tag,
        "{name}: <html lang> names the language"
    );
    let texts: Vec<(String, bool, String)> = seen["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap_or("").to_owned(),
                t["data"].as_bool().unwrap_or(false),
                t["where"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    match lang.tag {
        "en-XA" => {
            let untranslated: Vec<_> = texts
                .iter()
                .filter(|(text, data, _)| !data && skipped_the_catalog(&without(text, &lang.data)))
                .collect();
            assert!(
                untranslated.is_empty(),
                "{name}: text that did not come from the catalog: {untranslated:#?}"
            );
        }
        "de" => {
            let english = english_only();
            let left: Vec<_> = texts
                .iter()
                .filter(|(text, data, _)| {
                    !data && english.iter().any(|e| text.contains(e.as_str()))
                })
                .collect();
            assert!(
                left.is_empty(),
                "{name}: English left in the German window: {left:#?}"
            );
        }
        _ => {}
    }
    // Accessible in this language too: axe-core's WCAG 2.1 A/AA rules, and 200% zoom.
    let shown = format!("{}-{name}", lang.tag);
    assert_accessible(client, &shown).await;
    assert_reflows_at_200_percent(client, &shown).await;
}

/// `text` without the data in it (a name or an address inside a sentence is not the catalog's).
/// Configuration keys too, and dates and times: Intl has no pseudo-locale, so the pseudo-locale's are English's (month
/// names, AM/PM), formatted, not translated.
fn without(text: &str, data: &[String]) -> String {
    let text = data
        .iter()
        .fold(text.to_owned(), |text, d| text.replace(d.as_str(), " "));
    let intl = regex::Regex::new(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|AM|PM)\b")
        .expect("a valid pattern");
    let text = intl.replace_all(&text, " ");
    // A configuration key (`[stytch] project_id`) is an identifier IT types, never translated.
    let key = regex::Regex::new(r"\[[a-z_]+\] [a-z_]+").expect("a valid pattern");
    key.replace_all(&text, " ").into_owned()
}

/// Whether pseudo-localized text still has plain English in it: the pseudo-locale maps every
/// ASCII consonant to an accented letter, so one left means the text skipped the catalog.
fn skipped_the_catalog(text: &str) -> bool {
    text.split_whitespace()
        .filter(|word| !word.contains(['@', '_']) && !word.starts_with("http"))
        .any(|word| {
            word.chars()
                .any(|c| c.is_ascii_alphabetic() && !"aeiouAEIOU".contains(c))
        })
}

/// The English catalog's phrases (two words or more, no argument) whose German differs: none of
/// them may show in the German window.
fn english_only() -> BTreeSet<String> {
    let en = Catalog::new(negotiate(&["en".into()]));
    let de = Catalog::new(negotiate(&["de".into()]));
    let mut phrases = BTreeSet::new();
    for (language, _, text) in gatehouse_core::i18n::files() {
        if *language != "en" {
            continue;
        }
        for line in text.lines() {
            let Some((id, _)) = line.split_once(" =") else {
                continue;
            };
            if id.is_empty() || id.starts_with([' ', '#', '-', '.', '*', '[']) {
                continue;
            }
            let english = en.message(id, &Args::new());
            let german = de.message(id, &Args::new());
            if english != german && english.contains(' ') && !english.contains('{') {
                phrases.extend(
                    english
                        .lines()
                        .map(str::trim)
                        .filter(|l| l.contains(' '))
                        .map(str::to_owned),
                );
            }
        }
    }
    phrases
}
