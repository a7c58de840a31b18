// Countdowns and local times for the screens.

/** Milliseconds from now until an RFC 3339 instant; NaN when the instant does not parse. */
export function msUntil(iso: string, now: number = Date.now()): number {
  return Date.parse(iso) - now;
}

/** "m:ss", counting whole seconds up (1 ms left shows "0:01"); never negative. */
export function formatCountdown(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return "0:00";
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${seconds.toString().padStart(2, "0")}`;
}

/** An instant in the person's local time zone, e.g. "28 Nov 2025, 14:03"; the raw text if it
 *  does not parse (better than "Invalid Date"). */
export function formatLocalTime(iso: string, locale?: string, timeZone?: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
  if (timeZone) options.timeZone = timeZone;
  return new Intl.DateTimeFormat(locale, options).format(new Date(t));
}

/** An instant as briefly as it stays clear: the time alone on the day it is (in the person's
 *  time zone), with the date otherwise, e.g. "14:03" or "28 Nov 2025, 14:03". */
export function formatShortLocalTime(iso: string, now: number = Date.now(), locale?: string, timeZone?: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "short", ...(timeZone ? { timeZone } : {}) });
  if (day.format(new Date(t)) !== day.format(new Date(now))) return formatLocalTime(iso, locale, timeZone);
  const options: Intl.DateTimeFormatOptions = { timeStyle: "short" };
  if (timeZone) options.timeZone = timeZone;
  return new Intl.DateTimeFormat(locale, options).format(new Date(t));
}
