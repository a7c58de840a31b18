import { getCountries } from "libphonenumber-js";
import { describe, expect, it } from "vitest";
import { displayMaskedPhone } from "./mask";
import { checkPhone, countryOptions, countryOrFallback, formatAsYouType, toE164 } from "./phone";

describe("formatAsYouType", () => {
  it("formats as the person types, per country", () => {
    expect(formatAsYouType("415555", "US")).toBe("(415) 555");
    expect(formatAsYouType("4155550123", "US")).toBe("(415) 555-0123");
    expect(formatAsYouType("02079460958", "GB")).toBe("020 7946 0958");
    expect(formatAsYouType("0612345678", "FR")).toBe("06 12 34 56 78");
  });
  it("formats a + number for its own country whatever is picked", () => {
    expect(formatAsYouType("+442079460958", "US")).toBe("+44 20 7946 0958");
  });
});

describe("checkPhone / toE164", () => {
  it.each([
    ["(415) 555-0123", "US", "+14155550123"],
    ["415.555.0123", "US", "+14155550123"],
    ["020 7946 0958", "GB", "+442079460958"],
    ["030 123456", "DE", "+4930123456"],
    ["06 12 34 56 78", "FR", "+33612345678"],
    ["+1 415 555 0123", "GB", "+14155550123"],
    ["+44 20 7946 0958", "US", "+442079460958"],
  ] as const)("%s in %s is %s", (raw, country, e164) => {
    expect(checkPhone(raw, country)).toEqual({ ok: true, e164 });
    expect(toE164(raw, country)).toBe(e164);
  });

  it("says what is wrong", () => {
    expect(checkPhone("", "US")).toMatchObject({ ok: false, reason: "empty" });
    expect(checkPhone("12", "US")).toMatchObject({ ok: false, reason: "too_short" });
    expect(checkPhone("415 555 012", "US")).toMatchObject({ ok: false, reason: "too_short" });
    expect(checkPhone("4155550123999", "US")).toMatchObject({ ok: false, reason: "too_long" });
    expect(checkPhone("+999 123", "US")).toMatchObject({ ok: false, reason: "invalid_country" });
    // the right length, but not a US number
    const wrong = checkPhone("555 555 0123", "US");
    expect(wrong).toMatchObject({ ok: false, reason: "invalid" });
    expect(!wrong.ok && wrong.message).toContain("United States");
    expect(toE164("555 555 0123", "US")).toBeNull();
  });
});

describe("countries", () => {
  it("lists every country libphonenumber-js knows, with its calling code, by name", () => {
    const options = countryOptions("en");
    expect(options).toHaveLength(getCountries().length);
    expect(options.find((o) => o.code === "GB")).toEqual({ code: "GB", name: "United Kingdom", callingCode: "44" });
    expect(options.find((o) => o.code === "US")?.callingCode).toBe("1");
    const names = options.map((o) => o.name);
    expect(names.indexOf("Germany")).toBeLessThan(names.indexOf("Japan"));
  });
  it("falls back for an unknown country", () => {
    expect(countryOrFallback("gb")).toBe("GB");
    expect(countryOrFallback("ZZ")).toBe("US");
    expect(countryOrFallback("", "FR")).toBe("FR");
  });
});

describe("displayMaskedPhone", () => {
  it.each([
    ["XXXXXXX0123", "••• 0123"],
    ["•••• 0123", "••• 0123"],
    ["+1 ***-***-0123", "••• 0123"],
    ["ending 0123", "ending 0123"],
  ])("%s shows as %s", (masked, shown) => {
    expect(displayMaskedPhone(masked)).toBe(shown);
  });
});
