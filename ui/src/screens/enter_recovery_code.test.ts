// The recovery-code field shows a whole code (issue #23, item 11).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { createApp, type App } from "../app";
import { $, sourceText } from "../testing";
import { T0, factorViews } from "../fixtures";

let app: App;
let css = "";

beforeEach(async () => {
  css = await sourceText("style.css");
  vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
  vi.setSystemTime(T0);
  document.body.innerHTML = "";
  app = createApp(document);
});

afterEach(() => {
  app.destroy();
  vi.useRealTimers();
});

describe("the recovery-code field", () => {
  it("is sized for a 14-character code with spaces around it, not styled as a 6-digit code", () => {
    app.render(factorViews.recovery());
    const input = $<HTMLInputElement>("#recovery-code");
    expect(" ckss-2skx-ebow ".length).toBeLessThanOrEqual(input.size);
    expect(input.classList.contains("code-input")).toBe(false);
    const cls = [...input.classList].find((c) => new RegExp(`\\.${c}\\s*\\{[^}]*width:\\s*calc\\([^;]*\\d+ch`).test(css));
    expect(cls, "a CSS rule sizing the field in ch").toBeDefined();
  });
});
