// Recovery codes are not lost silently (issue #23, item 4): Copy answers "Copied" or "Couldn't copy", not only a
// screen-reader announcement.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { createApp, type App } from "../app";
import { $ } from "../testing";
import { T0, factorViews } from "../fixtures";

let app: App;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
  vi.setSystemTime(T0);
  document.body.innerHTML = "";
  app = createApp(document);
});

afterEach(() => {
  app.destroy();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function copyWith(writeText: () => Promise<void>): Promise<HTMLElement> {
  vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
  app.render(factorViews.codes());
  const status = $("#copy-status");
  expect(status.hidden).toBe(true);
  $<HTMLButtonElement>("#copy-codes").click();
  await vi.waitFor(() => expect(status.hidden).toBe(false));
  return status;
}

describe("copying the recovery codes", () => {
  it("says Copied where the person looks", async () => {
    const status = await copyWith(() => Promise.resolve());
    expect(status.textContent).toMatch(/^Copied\./);
  });

  it("says it could not copy, and what to do instead", async () => {
    const status = await copyWith(() => Promise.reject(new Error("denied")));
    expect(status.textContent).toMatch(/^Couldn't copy\./);
    expect(status.classList.contains("hint--problem")).toBe(true);
  });
});

describe("closing the window with the codes on screen", () => {
  it("says first that they won't be shown again", () => {
    app.render(factorViews.codes());
    expect($("#close-warning").hidden).toBe(true);
    app.render(factorViews.codes({ close_asked: true }));
    expect($("#close-warning").hidden).toBe(false);
    expect($("#close-warning").textContent).toContain("won't be shown again");
    expect($("#close-warning").getAttribute("role")).toBe("alert");
  });
});
