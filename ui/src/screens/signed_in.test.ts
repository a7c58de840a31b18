// The signed-in screen: nothing filled is left to press, and it says the window may close (issue #23, item 11).
import { describe, expect, it, vi } from "vitest";

vi.mock("../api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { freshApp } from "../test_app";
import { $ } from "../testing";
import { views } from "../fixtures";


/** Neither the element nor anything around it is hidden. */
const shown = (el: Element): boolean => !el.closest("[hidden]");

const ui = freshApp();

describe("signed in", () => {
  it("says a keychain failure once: the notice while it is up, the screen's note after", () => {
    const failed = {
      kind: "info" as const,
      code: "not_remembered" as const,
      message: "You're signed in, but your session could not be saved because your keyring is locked, so you'll be asked again next time.",
      action: null,
      retry_at: null,
    };
    ui.app.render(views.signedIn({ remembered: false, notice: failed }));
    expect($("#not-remembered").hidden).toBe(true);
    ui.app.render(views.signedIn({ remembered: false }));
    expect($("#not-remembered").hidden).toBe(false);
  });

  it("makes Sign out a secondary button, whatever the workspace", () => {
    for (const workspace of [null, { name: "Example Workspace", failure: null }]) {
      ui.app.render(views.signedIn({ workspace }));
      const signOut = $("#signed-in button[type=submit]");
      expect(signOut.classList.contains("secondary")).toBe(true);
      expect([...document.querySelectorAll("#signed-in button.primary")].filter(shown)).toEqual([]);
    }
  });

  it("says Gatehouse keeps you signed in and the window can be closed, unless it won't be remembered", () => {
    ui.app.render(views.signedIn());
    expect($("#kept-signed-in").hidden).toBe(false);
    expect($("#kept-signed-in").textContent).toBe(
      "Gatehouse keeps you signed in on this computer, so you can close this window.",
    );
    ui.app.render(views.signedIn({ remembered: false }));
    expect($("#kept-signed-in").hidden).toBe(true);
    expect($("#not-remembered").hidden).toBe(false);
  });
});
