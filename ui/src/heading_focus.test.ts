// A heading focused on arrival is not drawn like a field (issue #23, item 11).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("./api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { createApp, type App } from "./app";
import { $, sourceText } from "./testing";
import { T0, views } from "./fixtures";

let app: App;
let css = "";

/** The declarations of the rule whose selector list names `selector`. */
function declarations(selector: string): string {
  const rules = css.replace(/\/\*[\s\S]*?\*\//g, "");
  for (const [, selectors = "", body = ""] of rules.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    if (selectors.split(",").some((s) => s.trim() === selector)) return body;
  }
  return "";
}

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

describe("a focused heading", () => {
  it("is focused on arrival but drawn without a box, while controls keep theirs", () => {
    app.render(views.signedIn());
    expect(document.activeElement).toBe($("#signed-in-title"));
    expect(declarations('h2[tabindex="-1"]:focus-visible')).toMatch(/outline:\s*none/);
    expect(declarations('h2[tabindex="-1"]:focus')).toMatch(/outline:\s*none/);
    expect(declarations("button:focus-visible")).toMatch(/outline:\s*3px solid/);
    expect(declarations("input:focus")).toMatch(/outline:\s*3px solid/);
  });
});
