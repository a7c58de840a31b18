// Recovery codes are not lost silently (issue #23, item 4): Copy answers "Copied" or "Couldn't copy", not only a
// screen-reader announcement.
import { describe, expect, it, vi } from "vitest";

vi.mock("../api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { freshApp } from "../test_app";
import { $ } from "../testing";
import { factorViews } from "../fixtures";


const ui = freshApp();

async function copyWith(writeText: () => Promise<void>): Promise<HTMLElement> {
  vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
  ui.app.render(factorViews.codes());
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
    ui.app.render(factorViews.codes());
    expect($("#close-warning").hidden).toBe(true);
    ui.app.render(factorViews.codes({ close_asked: true }));
    expect($("#close-warning").hidden).toBe(false);
    expect($("#close-warning").textContent).toContain("won't be shown again");
    expect($("#close-warning").getAttribute("role")).toBe("alert");
  });
});
