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

export type { CountryCode };

export interface CountryOption {
  code: CountryCode;
  name: string;
  callingCode: string; // without the "+"
}

export function regionName(code: string, locale?: string): string {
  try {
    return new Intl.DisplayNames(locale ? [locale] : undefined, { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every country libphonenumber-js knows, by name, with its calling code. */
export function countryOptions(locale?: string): CountryOption[] {
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
export function checkPhone(raw: string, country: CountryCode, locale?: string): PhoneCheck {
  const text = raw.trim();
  if (!/\d/.test(text)) {
    return { ok: false, reason: "empty", message: "Enter your mobile number." };
  }
  const international = text.startsWith("+");
  const where = international ? "" : ` for ${regionName(country, locale)}`;
  if (isValidPhoneNumber(text, country)) {
    const parsed = parsePhoneNumberFromString(text, country);
    if (parsed) return { ok: true, e164: parsed.number };
  }
  switch (validatePhoneNumberLength(text, country)) {
    case "TOO_SHORT":
      return { ok: false, reason: "too_short", message: `That number is too short${where}. Check the digits.` };
    case "TOO_LONG":
      return { ok: false, reason: "too_long", message: `That number is too long${where}. Check the digits.` };
    case "INVALID_COUNTRY":
      return {
        ok: false,
        reason: "invalid_country",
        message: "That country code isn't recognised. Check the digits after the “+”.",
      };
    default:
      return {
        ok: false,
        reason: "invalid",
        message: `That isn't a valid phone number${where}. Check the number and the country.`,
      };
  }
}

/** E.164 ("+14155550123") for a valid number, otherwise null. */
export function toE164(raw: string, country: CountryCode): string | null {
  const result = checkPhone(raw, country);
  return result.ok ? result.e164 : null;
}
