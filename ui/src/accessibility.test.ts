// Accessibility beyond the checker (issue #21, item 5): the window's title names the screen,
// motion stops when the desktop asks for less, and the colours hold their contrast in the normal
// and the more-contrast palette; forced colours (a high-contrast desktop theme) keep what matters.
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("./api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { freshApp } from "./test_app";
import { sourceText } from "./testing";
import { views } from "./fixtures";

const ui = freshApp();

describe("the window's title", () => {
  it("is the view's: the core names each screen", () => {
    ui.app.render({ ...views.signIn(), window_title: "Sign in — Gatehouse" });
    expect(document.title).toBe("Sign in — Gatehouse");
    ui.app.render({ ...views.checkEmail(), window_title: "Check your email — Gatehouse" });
    expect(document.title).toBe("Check your email — Gatehouse");
  });
});

// ---- the stylesheet, read as text (Vitest hands CSS to tests empty) ----

let css = "";
beforeAll(async () => {
  css = (await sourceText("style.css")).replace(/\/\*[\s\S]*?\*\//g, "");
});

interface Block {
  prelude: string;
  body: string;
}

/** Top-level blocks: `prelude { body }`, bodies of @media blocks kept whole. */
function blocks(text: string): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    if (open < 0) break;
    let depth = 1;
    let j = open + 1;
    while (j < text.length && depth > 0) {
      if (text[j] === "{") depth += 1;
      else if (text[j] === "}") depth -= 1;
      j += 1;
    }
    out.push({ prelude: text.slice(i, open).trim(), body: text.slice(open + 1, j - 1) });
    i = j;
  }
  return out;
}

function mediaBody(query: RegExp): string {
  const block = blocks(css).find((b) => b.prelude.startsWith("@media") && query.test(b.prelude));
  return block?.body ?? "";
}

/** `--name: value` declarations of the `:root` rule(s) in `text`. */
function rootVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const b of blocks(text).filter((b) => b.prelude === ":root")) {
    for (const [, name = "", value = ""] of b.body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars[name] = value.trim();
  }
  return vars;
}

describe("reduced motion", () => {
  it("stops every transition and animation when the desktop asks for less motion", () => {
    const reduced = mediaBody(/prefers-reduced-motion:\s*reduce/);
    expect(reduced, "a @media (prefers-reduced-motion: reduce) block").not.toBe("");
    const rules = blocks(reduced);
    // One rule for every element and pseudo-element, winning over any rule elsewhere.
    const all = rules.find((r) => {
      const selectors = r.prelude.split(",").map((s) => s.trim());
      return ["*", "*::before", "*::after"].every((s) => selectors.includes(s));
    });
    expect(all, "a rule for *, *::before, *::after").toBeDefined();
    for (const property of [
      "animation-duration",
      "animation-iteration-count",
      "transition-duration",
      "scroll-behavior",
    ]) {
      expect(all?.body, property).toMatch(new RegExp(`${property}\\s*:[^;]*!important`));
    }
    expect(all?.body).toMatch(/transition-duration\s*:\s*0s\s*!important/);
    expect(all?.body).toMatch(/animation-duration\s*:\s*0s\s*!important/);
    expect(all?.body).toMatch(/scroll-behavior\s*:\s*auto\s*!important/);
  });

  it("covers every rule that moves: none sets a duration the reduced block does not override", () => {
    // Outside the reduced-motion block, anything that moves must be a plain declaration the
    // `!important` universal rule overrides (an !important one there would win over it).
    const elsewhere = blocks(css)
      .filter((b) => !/prefers-reduced-motion/.test(b.prelude))
      .map((b) => b.body)
      .join("\n");
    const moving = [...elsewhere.matchAll(/(?:^|[;{\s])((?:transition|animation|scroll-behavior)[\w-]*)\s*:([^;]+)/g)];
    for (const [, property, value = ""] of moving) {
      expect(value, `${property} must not be !important`).not.toMatch(/!important/);
    }
  });
});

// ---- contrast (WCAG 2.1: 1.4.3 text 4.5:1, 1.4.11 UI components 3:1) ----

function channel(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join("") : m[1]!;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = channel(hex).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** Text on its background, as style.css pairs them. */
const TEXT_PAIRS: [string, string][] = [
  ["--text", "--bg"],
  ["--text", "--surface"],
  ["--text", "--field-bg"],
  ["--text", "--info-bg"],
  ["--muted", "--bg"],
  ["--muted", "--surface"],
  ["--muted", "--info-bg"],
  ["--muted", "--error-bg"],
  ["--primary", "--bg"],
  ["--primary", "--surface"],
  ["--primary", "--info-bg"],
  ["--primary-dark", "--bg"],
  ["--primary-dark", "--info-bg"],
  ["--on-primary", "--primary"],
  ["--on-primary", "--primary-dark"],
  ["--error", "--bg"],
  ["--error", "--error-bg"],
  ["--warn-text", "--warn-bg"],
];

/** Edges a person must see to find a control or where focus is, on what surrounds them. */
const UI_PAIRS: [string, string][] = [
  ["--field-border", "--field-bg"],
  ["--field-border", "--bg"],
  ["--field-border", "--surface"],
  ["--primary", "--bg"],
  ["--error", "--bg"],
  ["--error", "--error-bg"],
  ["--focus", "--bg"],
  ["--focus", "--surface"],
  ["--focus", "--info-bg"],
  ["--warn-line", "--bg"],
];

function resolve(vars: Record<string, string>, name: string): string {
  let value = vars[name];
  for (let i = 0; value && i < 5; i += 1) {
    const ref = /^var\((--[\w-]+)\)$/.exec(value);
    if (!ref) break;
    value = vars[ref[1]!];
  }
  if (!value) throw new Error(`${name} is not defined`);
  return value;
}

describe("colour contrast", () => {
  const palettes = (): [string, Record<string, string>][] => {
    const normal = rootVars(css);
    const more = mediaBody(/prefers-contrast:\s*more/);
    return [
      ["normal", normal],
      ["more contrast", { ...normal, ...rootVars(more) }],
    ];
  };

  it("has a more-contrast palette that changes the colours", () => {
    const more = rootVars(mediaBody(/prefers-contrast:\s*more/));
    expect(Object.keys(more).length, "a :root rule inside @media (prefers-contrast: more)").toBeGreaterThan(3);
  });

  it.each(["normal", "more contrast"])("holds 4.5:1 for text and 3:1 for edges in the %s palette", (name) => {
    const vars = palettes().find(([n]) => n === name)![1];
    const failures: string[] = [];
    for (const [pairs, least] of [
      [TEXT_PAIRS, 4.5],
      [UI_PAIRS, 3],
    ] as const) {
      for (const [fg, bg] of pairs) {
        const ratio = contrast(resolve(vars, fg), resolve(vars, bg));
        if (ratio < least) failures.push(`${fg} on ${bg}: ${ratio.toFixed(2)}:1 < ${least}:1`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("is stronger in the more-contrast palette: text reaches 7:1 (AAA)", () => {
    const vars = palettes()[1]![1];
    const weak = TEXT_PAIRS.filter(([fg, bg]) => contrast(resolve(vars, fg), resolve(vars, bg)) < 7).map(
      ([fg, bg]) => `${fg} on ${bg}`,
    );
    expect(weak).toEqual([]);
  });

  it("uses the palette: every colour is a variable of :root, so both palettes are all of them", () => {
    const outside = blocks(css)
      .filter((b) => b.prelude !== ":root" && !b.prelude.startsWith("@media"))
      .map((b) => b.body)
      .join("\n");
    const literal = [...outside.matchAll(/#[0-9a-f]{3,6}\b/gi)].map((m) => m[0]);
    expect(literal).toEqual([]);
  });
});

describe("forced colours (a high-contrast desktop theme)", () => {
  it("keeps edges, focus and the QR code readable", () => {
    const forced = mediaBody(/forced-colors:\s*active/);
    expect(forced, "a @media (forced-colors: active) block").not.toBe("");
    const rules = blocks(forced);
    const rule = (selector: string): string =>
      rules.find((r) => r.prelude.split(",").map((s) => s.trim()).includes(selector))?.body ?? "";
    // The QR code is an image a camera reads: it keeps its own black on white.
    expect(rule(".qr")).toMatch(/forced-color-adjust\s*:\s*none/);
    // The focus ring in the theme's highlight colour.
    expect(rule(":focus-visible")).toMatch(/outline-color\s*:\s*Highlight/);
    // Buttons keep a visible edge (a filled button's fill is dropped by the theme).
    expect(rule("button")).toMatch(/border[^;]*ButtonText/);
    // Notices keep their frame.
    expect(rule(".notice--error")).toMatch(/border[^;]*CanvasText/);
  });
});
