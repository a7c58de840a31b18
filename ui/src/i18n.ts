// The window's words: the Fluent catalog in locales/<language>/<area>.ftl — the very files the
// Rust side embeds (crates/gatehouse-i18n) — in the language the core chose (`view.locale`), with
// English as the fallback of every chain. Dates, times and counts go through Intl in the same
// language. Plurals and selectors are Fluent's: no sentence is put together from pieces here.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { pseudo } from "./pseudo";

const FILES = import.meta.glob("../../locales/*/*.ftl", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

export const ENGLISH = "en";
/** The tests' pseudo-locale: English, accented, longer, bracketed. */
export const PSEUDO = "en-XA";

/** The catalog's languages (one directory each under locales/). */
export const LANGUAGES: string[] = [...new Set(Object.keys(FILES).map(languageOf))].sort();

function languageOf(path: string): string {
  const parts = path.split("/");
  return parts[parts.length - 2] ?? "";
}

function bundleFor(language: string, transform?: (text: string) => string): FluentBundle {
  const bundle = new FluentBundle(language, { useIsolating: false, transform });
  for (const [path, text] of Object.entries(FILES)) {
    if (languageOf(path) !== language) continue;
    const errors = bundle.addResource(new FluentResource(text));
    if (errors.length > 0) throw new Error(`${path}: ${errors.map(String).join("; ")}`);
  }
  return bundle;
}

let current = ENGLISH;
let chain: FluentBundle[] = [bundleFor(ENGLISH)];

/** The window speaks `tag` from now on (the core's `view.locale`); a language the catalog lacks
 *  is English. */
export function setLocale(tag: string): void {
  if (tag === current) return;
  current = tag;
  if (tag === PSEUDO) chain = [bundleFor(ENGLISH, pseudo)];
  else if (tag !== ENGLISH && LANGUAGES.includes(tag)) chain = [bundleFor(tag), bundleFor(ENGLISH)];
  else chain = [bundleFor(ENGLISH)];
  document.documentElement.lang = tag;
}

/** The language the window speaks now. */
export function locale(): string {
  return current;
}

/** The locale for Intl (dates, times, numbers): the pseudo-locale's is English's. */
export function intlLocale(): string {
  return current === PSEUDO ? ENGLISH : current;
}

export type Args = Record<string, FluentVariable>;

/** Message `id` (or its attribute, `id.attr`) in the window's language; the id itself when no
 *  language has it (a test checks that every id the UI uses is in English). */
export function t(id: string, args?: Args): string {
  const [name, attribute] = id.split(".", 2) as [string, string | undefined];
  for (const bundle of chain) {
    const message = bundle.getMessage(name);
    const pattern = attribute === undefined ? message?.value : message?.attributes[attribute];
    if (!pattern) continue;
    return bundle.formatPattern(pattern, args);
  }
  return id;
}

/** Brackets a node's place in a formatted message (a private-use character no text holds). */
const MARK = "\uE000";

/** Message `id` as nodes, for a sentence that holds an element (a bold address, a live
 *  countdown): each of `nodes` stands where its variable is, wherever the language puts it, and
 *  the rest is text. The sentence stays one message; only its placeables are elements. */
export function tNodes(id: string, args: Args, nodes: Record<string, Node>): (Node | string)[] {
  const marked: Args = { ...args };
  for (const name of Object.keys(nodes)) marked[name] = `${MARK}${name}${MARK}`;
  const pieces = t(id, marked).split(new RegExp(`${MARK}([^${MARK}]*)${MARK}`));
  // split with a group: text, name, text, name, …, text.
  return pieces
    .map((piece, i) => (i % 2 === 1 ? (nodes[piece] ?? piece) : piece))
    .filter((piece) => piece !== "");
}

/** Every message id (and `id.attr`) of `language`'s files, for the tests. */
export function messageIds(language: string): Set<string> {
  const ids = new Set<string>();
  for (const [path, text] of Object.entries(FILES)) {
    if (languageOf(path) !== language) continue;
    for (const entry of new FluentResource(text).body) {
      ids.add(entry.id);
      for (const attribute of Object.keys(entry.attributes)) ids.add(`${entry.id}.${attribute}`);
    }
  }
  return ids;
}
