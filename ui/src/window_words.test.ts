// Every word the window shows comes from the catalog (#21): each screen, in each state a test can
// reach, rendered in the pseudo-locale shows only bracketed catalog text or data, and rendered in
// German shows none of English's sentences; the frame (dev banner, working line) follows the
// language; every message id in the window's code is in the English catalog.
/// <reference types="vite/client" />
import { FluentResource } from "@fluent/bundle";
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from "vitest";

vi.mock("./api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { call } from "./api";
import { createApp, type App } from "./app";
import { T0, at, factorViews, views, wrongCode } from "./fixtures";
import { PSEUDO, intlLocale, messageIds, setLocale, t } from "./i18n";
import { displayMaskedPhone } from "./mask";
import { regionName } from "./phone";
import { groupKey } from "./screens/enroll_totp";
import { $, type } from "./testing";
import { formatLocalTime, formatShortLocalTime } from "./time";
import type { Common, View, ViewNotice } from "./types";

const callMock = call as unknown as Mock;

/** A screen in one state: its view in a language, and what the person does before we look. */
interface Scene {
  name: string;
  view(over: Partial<Common>): View;
  act?(): void | Promise<void>;
  /** What else the scene brings that is not the catalog's (an error's own text). */
  data?: string[];
}

const limited: ViewNotice = {
  kind: "error",
  code: "rate_limited",
  message: "Too many attempts in a short time. Wait for the countdown below, then try again.",
  action: "retry",
  retry_at: at(30_000),
};
const restart: ViewNotice = { ...wrongCode, code: "session_ended", action: "restart" };
const noOrganization = (view: View): View => ({ ...view, organization_name: null }) as View;
const click = (selector: string): void => $<HTMLButtonElement>(selector).click();
const submit = (selector: string): void => {
  $<HTMLFormElement>(selector).dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
};

const scenes: Scene[] = [
  { name: "starting", view: (o) => ({ ...views.starting(), ...o }) },
  { name: "config error", view: (o) => ({ ...views.configError(), ...o }) },
  { name: "config error without a file", view: (o) => ({ ...views.configError(null), ...o }) },
  { name: "sign in", view: (o) => views.signIn({ ...o, dev_mode: true, busy: true }) },
  { name: "sign in, no organization", view: (o) => noOrganization(views.signIn(o)) },
  { name: "sign in, empty address", view: (o) => views.signIn(o), act: () => submit("#sign-in") },
  {
    name: "sign in, not an address",
    view: (o) => views.signIn(o),
    act: () => {
      type($<HTMLInputElement>("#email"), "ada");
      submit("#sign-in");
    },
  },
  {
    name: "sign in, the core unreachable",
    view: (o) => views.signIn(o),
    act: async () => {
      callMock.mockRejectedValueOnce(new Error("ipc down"));
      type($<HTMLInputElement>("#email"), "ada@example.com");
      submit("#sign-in");
      await vi.waitFor(() => expect(document.querySelector("#notice")?.getAttribute("data-code")).toBe("ipc_failed"));
    },
    data: ["ipc down"],
  },
  { name: "check email", view: (o) => views.checkEmail(o) },
  { name: "check email, link not checked", view: (o) => views.checkEmail({ ...o, link_check_failed: true, notice: limited }) },
  { name: "check email, paste nothing", view: (o) => views.checkEmail(o), act: () => submit("#paste-link") },
  {
    name: "check email, paste no link",
    view: (o) => views.checkEmail(o),
    act: () => {
      type($<HTMLInputElement>("#link"), "hello");
      submit("#paste-link");
    },
  },
  { name: "enroll phone", view: (o) => views.enrollPhone(o) },
  { name: "enroll phone, no organization", view: (o) => noOrganization(views.enrollPhone(o)) },
  { name: "enroll phone, empty", view: (o) => views.enrollPhone(o), act: () => submit("#enroll-phone") },
  ...["12", "+44 12", "079460001234567", "+999 123", "020 7946 000"].map((number) => ({
    name: `enroll phone, ${number}`,
    view: (o: Partial<Common>) => views.enrollPhone(o),
    act: () => {
      type($<HTMLInputElement>("#phone"), number);
      submit("#enroll-phone");
    },
  })),
  {
    name: "enter code",
    view: (o) => views.enterCode({ ...o, resend_available_at: at(20_000), alternatives: ["totp", "recovery_code"] }),
  },
  { name: "enter code, wrong", view: (o) => views.enterCode({ ...o, notice: wrongCode }) },
  { name: "enter code, expired", view: (o) => views.enterCode({ ...o, code_expires_at: at(-1_000) }) },
  { name: "enter code, sending", view: (o) => views.enterCode({ ...o, sent_at: null, code_expires_at: null, busy: true }) },
  { name: "enter code, not sent", view: (o) => views.enterCode({ ...o, sent_at: null, code_expires_at: null, notice: restart }) },
  { name: "enter code, incomplete", view: (o) => views.enterCode(o), act: () => submit("#enter-code") },
  {
    name: "enter code from the app, incomplete",
    view: (o) => views.enterCode({ ...o, factor: "totp", masked_phone: null, sent_at: null, code_expires_at: null }),
    act: () => submit("#enter-code"),
  },
  { name: "choose factor", view: (o) => factorViews.choose(o) },
  { name: "choose factor, no organization", view: (o) => noOrganization(factorViews.choose(o)) },
  { name: "enroll totp", view: (o) => factorViews.enrollTotp(o), act: () => click("#totp-key summary") },
  { name: "enroll totp, replacing", view: (o) => factorViews.enrollTotp({ ...o, replacing: true }) },
  { name: "enroll totp, incomplete", view: (o) => factorViews.enrollTotp(o), act: () => submit("#enroll-totp") },
  { name: "recovery code", view: (o) => factorViews.recovery(o) },
  { name: "recovery code, empty", view: (o) => factorViews.recovery(o), act: () => submit("#enter-recovery-code") },
  { name: "recovery codes", view: (o) => factorViews.codes(o) },
  { name: "recovery codes, renewed, closing", view: (o) => factorViews.codes({ ...o, rotated: true, close_asked: true }) },
  {
    name: "recovery codes, copied",
    view: (o) => factorViews.codes(o),
    act: async () => {
      vi.stubGlobal("navigator", { clipboard: { writeText: () => Promise.resolve() } });
      click("#copy-codes");
      await vi.waitFor(() => expect($("#copy-status").hidden).toBe(false));
    },
  },
  {
    name: "recovery codes, not copied",
    view: (o) => factorViews.codes(o),
    act: async () => {
      vi.stubGlobal("navigator", { clipboard: { writeText: () => Promise.reject(new Error("no")) } });
      click("#copy-codes");
      await vi.waitFor(() => expect($("#copy-status").hidden).toBe(false));
    },
  },
  { name: "signed in", view: (o) => views.signedIn({ ...o, workspace: { name: "Example Workspace", failure: null } }) },
  { name: "signed in, not remembered", view: (o) => noOrganization(views.signedIn({ ...o, remembered: false })) },
  {
    name: "signed in, workspace failed",
    view: (o) => views.signedIn({ ...o, workspace: { name: "Example Workspace", failure: "no connection" } }),
  },
  ...[
    { left: 3, low: false },
    { left: 1, low: true },
    { left: 2, low: true },
    { left: 0, low: true },
  ].flatMap((codes) =>
    [null, "offered" as const].map((offer) => ({
      name: `signed in, ${codes.left} recovery codes left, offer ${offer}`,
      view: (o: Partial<Common>) =>
        views.signedIn({
          ...o,
          recovery_codes_left: codes,
          new_authenticator: offer,
          workspace: { name: "Example Workspace", failure: null },
        }),
    })),
  ),
  { name: "signed in, lost app", view: (o) => views.signedIn({ ...o, new_authenticator: "offered" }) },
  { name: "signed in, old app removed", view: (o) => views.signedIn({ ...o, new_authenticator: "old_removed" }) },
  {
    name: "signed in, renewing codes",
    view: (o) => views.signedIn({ ...o, can_renew_recovery_codes: true }),
    act: () => click("#renew-codes"),
  },
];

let app: App;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
  document.body.innerHTML = "";
  callMock.mockClear();
  callMock.mockImplementation(() => Promise.resolve());
  app = createApp(document);
});
afterEach(() => {
  app.destroy();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  setLocale("en");
});

async function show(scene: Scene, locale: string): Promise<string[]> {
  const view = scene.view({ locale });
  app.render(view);
  // The phone screen's module loads on first use.
  if (view.screen === "enroll_phone") await vi.waitFor(() => expect(document.querySelector("#phone")).not.toBeNull());
  await scene.act?.();
  return [...data(view), ...(scene.data ?? [])].sort((a, b) => b.length - a.length);
}

/** Everything the window says: each text node, and the attributes read aloud or shown. The
 *  country picker's names are Intl's (data, in the window's language), not the catalog's. */
function said(): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest("select#country")) continue;
    if (node.textContent?.trim()) texts.push(node.textContent);
  }
  for (const el of document.body.querySelectorAll("*")) {
    for (const name of ["aria-label", "placeholder", "title", "alt"]) {
      const value = el.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  return texts;
}

/** What a view brings that the catalog does not say: its strings, as the window shows them
 *  (times formatted, the phone masked, the key grouped), and the product's name. */
function data(view: View): string[] {
  const found = new Set<string>(["Gatehouse", "https://…"]);
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      found.add(value);
      if (!Number.isNaN(Date.parse(value)) && /^\d{4}-/.test(value)) {
        found.add(formatLocalTime(value, intlLocale()));
        found.add(formatShortLocalTime(value, Date.now(), intlLocale()));
      }
    } else if (value && typeof value === "object") {
      Object.values(value).forEach(walk);
    }
  };
  walk(view);
  if ("masked_phone" in view && view.masked_phone) found.add(displayMaskedPhone(view.masked_phone));
  if ("secret" in view) found.add(groupKey(view.secret));
  if ("default_country" in view) found.add(regionName(view.default_country));
  return [...found].filter((s) => s.length > 1);
}

/** The text with each piece of data (longest first) blanked out where it stands as a word of
 *  its own (the view's "de" is not the "de" of "codes"). */
function withoutData(text: string, known: string[]): string {
  return known.reduce((rest, d) => {
    const escaped = d.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return rest.replace(new RegExp(`(?<![\\p{L}\\d])${escaped}(?![\\p{L}\\d])`, "gu"), " ");
  }, text);
}

describe("the pseudo-locale", () => {
  it.each(scenes.map((s) => [s.name, s] as const))("%s: every word is the catalog's, or data", async (_, scene) => {
    const known = await show(scene, PSEUDO);
    for (const text of said()) {
      // Data first: it may hold brackets of its own ("[stytch] project_id is missing").
      const rest = withoutData(text, known).replace(/\[[^\]]*\]/g, " ");
      // Letters left over skipped the catalog (or the catalog lacks the id: t() gives the id back).
      expect(rest, `${scene.name}: “${text}”`).not.toMatch(/\p{L}/u);
    }
  });
});

/** English's words for every message: each literal run of each pattern and variant (what the
 *  placeables do not fill). */
const FILES = import.meta.glob("../../locales/*/window.ftl", { query: "?raw", import: "default", eager: true }) as Record<
  string,
  string
>;
type Pattern = string | unknown[];
function runs(pattern: Pattern | null | undefined, into: Set<string>): Set<string> {
  if (typeof pattern === "string") into.add(pattern.trim());
  else if (Array.isArray(pattern)) {
    for (const element of pattern) {
      if (typeof element === "string") into.add(element.trim());
      else if (element && typeof element === "object" && "variants" in element) {
        for (const variant of (element as { variants: { value: Pattern }[] }).variants) runs(variant.value, into);
      }
    }
  }
  return into;
}
function runsById(language: string): Map<string, Set<string>> {
  const text = Object.entries(FILES).find(([path]) => path.includes(`/${language}/`))?.[1] ?? "";
  const byId = new Map<string, Set<string>>();
  for (const entry of new FluentResource(text).body) {
    const found = runs(entry.value as Pattern | null, new Set());
    for (const attribute of Object.values(entry.attributes)) runs(attribute as Pattern, found);
    byId.set(entry.id, found);
  }
  return byId;
}
const english = runsById("en");
const german = runsById("de");
/** The runs German rightly says as English does: the product's name, and one word. */
const SAME_IN_GERMAN = new Set(["Gatehouse", "Problem"]);
const englishOnly = [...english.values()].flatMap((found) =>
  [...found].filter((run) => /\p{L}{2}/u.test(run) && !SAME_IN_GERMAN.has(run)),
);

describe("German", () => {
  it("has the window's words, each of its own", () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
    expect(englishOnly.length).toBeGreaterThan(100);
    // Not one English run left in the German file: a message copied and never translated.
    const untranslated = [...german].flatMap(([id, found]) =>
      [...found].filter((run) => englishOnly.includes(run)).map((run) => `${id}: ${run}`),
    );
    expect(untranslated).toEqual([]);
  });

  it.each(scenes.map((s) => [s.name, s] as const))("%s: no English sentence is left", async (_, scene) => {
    const known = await show(scene, "de");
    expect(document.documentElement.lang).toBe("de");
    for (const text of said()) {
      const rest = withoutData(text, known);
      for (const run of englishOnly) expect(rest, `${scene.name}: “${text}”`).not.toContain(run);
    }
  });
});

describe("the frame", () => {
  it("follows the language: the dev banner and the working line are relabelled when it changes", () => {
    app.render(views.signIn({ dev_mode: true, busy: true }));
    expect($("#dev-mode").textContent).toBe(
      "Development mode: a project secret or a development Stytch address is in use. Never ship this configuration.",
    );
    expect($("#working").textContent).toBe("Working…");
    app.render(views.signIn({ locale: "de", dev_mode: true, busy: true }));
    expect($("#dev-mode").textContent).toBe(t("ui-dev-mode"));
    expect($("#dev-mode").textContent).toMatch(/^Entwicklungsmodus/);
    expect($("#working").textContent).toBe("Wird bearbeitet …");
    expect($("h2").textContent).toBe("Bei Example Org anmelden");
    app.render(views.signIn({ dev_mode: true, busy: true }));
    expect($("#working").textContent).toBe("Working…");
  });

  it("says the notice's fixed words in the language too", () => {
    app.render(views.enterCode({ notice: limited }));
    expect($("#notice-reference").textContent).toBe("Reference: rate_limited");
    expect($("#notice-retry").textContent).toBe("You can try again in 0:30.");
    app.render(views.enterCode({ locale: "de", notice: limited }));
    expect($("#notice-reference").textContent).toBe("Referenz: rate_limited");
    expect($("#notice-retry").textContent).toBe("Sie können es in 0:30 erneut versuchen.");
    expect($("#retry").textContent).toBe("Erneut versuchen");
  });

  it("puts the countdown where German puts it, in its own element", () => {
    app.render(views.enterCode({ locale: "de" }));
    expect($("#code-timer").textContent).toBe("Der Code läuft in 2:00 ab");
    expect($("#countdown").textContent).toBe("2:00");
  });

  it("counts recovery codes in German grammar", () => {
    const left = (n: number, low: boolean): string => {
      const workspace = { name: "W", failure: null };
      app.render(views.signedIn({ locale: "de", recovery_codes_left: { left: n, low }, workspace }));
      return $("#recovery-left").textContent ?? "";
    };
    expect(left(1, true)).toContain("Nur noch 1 Code übrig");
    expect(left(2, true)).toContain("Nur noch 2 Codes übrig");
    expect(left(5, false)).toContain("5 Codes übrig.");
  });

  it("names countries and dates in the window's language", async () => {
    app.render(views.enrollPhone({ locale: "de", default_country: "DE" }));
    await vi.waitFor(() => expect(document.querySelector("#phone")).not.toBeNull());
    expect($<HTMLSelectElement>("select#country").selectedOptions[0]?.textContent).toBe("Deutschland (+49)");
    app.render(views.signedIn({ locale: "de" }));
    expect($("#session-expires").textContent).toBe(formatLocalTime(at(3_600_000), "de"));
  });
});

describe("the window's code", () => {
  const SOURCES = import.meta.glob(["./**/*.ts", "!./**/*.test.ts", "!./generated/**"], {
    query: "?raw",
    import: "default",
    eager: true,
  }) as Record<string, string>;

  it("names only messages the English catalog has", () => {
    const known = messageIds("en");
    const used = Object.values(SOURCES).flatMap((text) => [...text.matchAll(/"((?:ui|window)-[a-z0-9-]+)"/g)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((id) => !known.has(id!))).toEqual([]);
  });
});
