import { describe, expect, it } from "vitest";
import { formatCountdown, formatLocalTime, formatShortLocalTime, msUntil } from "./time";

describe("formatCountdown", () => {
  it.each([
    [120_000, "2:00"],
    [119_001, "2:00"],
    [119_000, "1:59"],
    [65_000, "1:05"],
    [5_000, "0:05"],
    [1, "0:01"],
    [0, "0:00"],
    [-3_000, "0:00"],
    [Number.NaN, "0:00"],
    [600_000, "10:00"],
  ])("%d ms shows %s", (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});

describe("msUntil", () => {
  it("measures from the given now", () => {
    const now = Date.parse("2025-11-28T12:00:00Z");
    expect(msUntil("2025-11-28T12:02:00Z", now)).toBe(120_000);
    expect(msUntil("2025-11-28T13:02:00+01:00", now)).toBe(120_000);
    expect(msUntil("not a time", now)).toBeNaN();
  });
});

describe("formatLocalTime", () => {
  it("shows the instant in the given zone", () => {
    expect(formatLocalTime("2025-11-28T14:03:00Z", "en-GB", "UTC")).toBe("28 Nov 2025, 14:03");
    expect(formatLocalTime("2025-11-28T14:03:00Z", "en-GB", "Asia/Tokyo")).toBe("28 Nov 2025, 23:03");
  });
  it("shows unparseable text as it came", () => {
    expect(formatLocalTime("soon")).toBe("soon");
  });
});

describe("formatShortLocalTime", () => {
  const now = Date.parse("2025-11-28T20:00:00Z");
  it("gives the time alone on the same local day", () => {
    expect(formatShortLocalTime("2025-11-28T14:03:00Z", now, "en-GB", "UTC")).toBe("14:03");
  });
  it("gives the date too on another day, judged in the person's time zone", () => {
    expect(formatShortLocalTime("2025-11-27T14:03:00Z", now, "en-GB", "UTC")).toBe("27 Nov 2025, 14:03");
    // 20:00 UTC is already the 29th in Tokyo; 14:03 UTC is still the 28th there.
    expect(formatShortLocalTime("2025-11-28T14:03:00Z", now, "en-GB", "Asia/Tokyo")).toBe("28 Nov 2025, 23:03");
  });
  it("gives the raw text when it does not parse", () => {
    expect(formatShortLocalTime("soon", now)).toBe("soon");
  });
});
