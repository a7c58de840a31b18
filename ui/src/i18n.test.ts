// The window reads the same catalog files as the Rust side: every complete language has every
// message English has; the pseudo-locale brackets and stretches; a language the catalog lacks, or
// a message a language lacks, falls back to English.
import { afterEach, describe, expect, it } from "vitest";
import { LANGUAGES, PSEUDO, messageIds, setLocale, t } from "./i18n";
import { pseudo } from "./pseudo";

afterEach(() => setLocale("en"));

describe("the catalog", () => {
  it("has English and German, each with every message English has and no other", () => {
    expect(LANGUAGES).toEqual(expect.arrayContaining(["de", "en"]));
    const english = messageIds("en");
    for (const language of LANGUAGES) {
      expect([...messageIds(language)].sort(), language).toEqual([...english].sort());
    }
  });

  it("speaks the language the core chose, and says so to assistive technology", () => {
    setLocale("de");
    expect(document.documentElement.lang).toBe("de");
    expect(t("window-title")).toBe("Gatehouse");
  });

  it("falls back to English for a language it lacks, and names an unknown id", () => {
    setLocale("ja");
    expect(t("window-title")).toBe("Gatehouse");
    expect(t("no-such-message")).toBe("no-such-message");
  });

  it("makes the pseudo-locale accented, longer and bracketed", () => {
    const said = pseudo("Send a new code");
    expect(said.startsWith("[") && said.endsWith("]")).toBe(true);
    expect(said).not.toMatch(/[a-z]{3}/);
    expect(said.length).toBeGreaterThan("Send a new code".length * 1.2);
    setLocale(PSEUDO);
    expect(t("window-title")).toMatch(/^\[.+\]$/);
  });
});
