// Phone numbers for enrolment: the country list, as-you-type formatting, validation and E.164,
// all from libphonenumber-js. Pure functions, tested without a DOM.
import {
  AsYouType,
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  isValidPhoneNumber,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from "libphonenumber-js";
import { intlLocale, t } from "./i18n";

export type { CountryCode };

export interface CountryOption {
  code: CountryCode;
  name: string;
  callingCode: string; // without the "+"
}

/** A country's name in the window's language (Intl's names: the catalog has none). */
export function regionName(code: string, locale: string = intlLocale()): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every country libphonenumber-js knows, by name, with its calling code. */
export function countryOptions(locale: string = intlLocale()): CountryOption[] {
  const collator = new Intl.Collator(locale);
  return getCountries()
    .map((code) => ({ code, name: regionName(code, locale), callingCode: getCountryCallingCode(code) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

export function countryOrFallback(code: string, fallback: CountryCode = "US"): CountryCode {
  const upper = code.trim().toUpperCase();
  return isSupportedCountry(upper) ? upper : fallback;
}

/** Format a partly typed number. A number starting with "+" is formatted for its own country
 *  whatever the picker says. */
export function formatAsYouType(raw: string, country: CountryCode): string {
  return new AsYouType(country).input(raw);
}

export type PhoneCheck =
  | { ok: true; e164: string }
  | { ok: false; reason: "empty" | "too_short" | "too_long" | "invalid_country" | "invalid"; message: string };

/** Validate a number typed for a country (or with its own "+" prefix) and give E.164. */
export function checkPhone(raw: string, country: CountryCode, locale: string = intlLocale()): PhoneCheck {
  const text = raw.trim();
  if (!/\d/.test(text)) {
    return { ok: false, reason: "empty", message: t("ui-phone-empty") };
  }
  // A number with its own "+" is judged for its own country: the picker's is not named.
  const where = { international: text.startsWith("+") ? "yes" : "no", country: regionName(country, locale) };
  if (isValidPhoneNumber(text, country)) {
    const parsed = parsePhoneNumberFromString(text, country);
    if (parsed) return { ok: true, e164: parsed.number };
  }
  switch (validatePhoneNumberLength(text, country)) {
    case "TOO_SHORT":
      return { ok: false, reason: "too_short", message: t("ui-phone-too-short", where) };
    case "TOO_LONG":
      return { ok: false, reason: "too_long", message: t("ui-phone-too-long", where) };
    case "INVALID_COUNTRY":
      return {
        ok: false,
        reason: "invalid_country",
        message: t("ui-phone-invalid-country"),
      };
    default:
      return {
        ok: false,
        reason: "invalid",
        message: t("ui-phone-invalid", where),
      };
  }
}

/** E.164 ("+14155550123") for a valid number, otherwise null. */
export function toE164(raw: string, country: CountryCode): string | null {
  const result = checkPhone(raw, country);
  return result.ok ? result.e164 : null;
}
