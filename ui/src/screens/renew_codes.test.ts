// Replacing recovery codes asks first, and the codes that follow say each thing once (issue #23, item 7).
import { beforeEach, describe, expect, it, vi, type Mock } from "vitest";

vi.mock("../api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { call } from "../api";
import { freshApp } from "../test_app";
import { $ } from "../testing";
import { factorViews, views } from "../fixtures";
import type { ViewNotice } from "../types";

const callMock = call as unknown as Mock;

const renewed: ViewNotice = {
  kind: "info",
  code: "recovery_codes_renewed",
  message: "Your new recovery codes are ready; the old ones no longer work.",
  action: null,
  retry_at: null,
};

const click = (selector: string): void => $<HTMLButtonElement>(selector).click();
const escape = (el: Element): void => {
  el.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));
};

const ui = freshApp();

beforeEach(() => {
  ui.app.render(views.signedIn({ can_renew_recovery_codes: true }));
});

describe("New recovery codes", () => {
  it("asks first, says the current codes stop working, and replaces them only when confirmed", () => {
    click("#renew-codes");
    expect(callMock).not.toHaveBeenCalled();
    expect($("#renew-codes-ask").hidden).toBe(false);
    expect($("#renew-codes-warning").textContent).toContain("the current codes stop working at once");
    expect($("#renew-codes-confirm").textContent).toBe("Replace my recovery codes");
    expect($("#renew-codes-ask").contains(document.activeElement)).toBe(true);
    click("#renew-codes-confirm");
    expect(callMock).toHaveBeenCalledExactlyOnceWith("renew_recovery_codes");
  });

  it("keeps the codes on 'Keep my codes' or Escape, and gives focus back", () => {
    click("#renew-codes");
    click("#renew-codes-keep");
    expect($("#renew-codes-ask").hidden).toBe(true);
    expect(document.activeElement).toBe($("#renew-codes"));
    click("#renew-codes");
    escape(document.activeElement ?? document.body);
    expect($("#renew-codes-ask").hidden).toBe(true);
    expect(document.activeElement).toBe($("#renew-codes"));
    expect(callMock).not.toHaveBeenCalled();
  });

  it("stands apart from Sign out", () => {
    const signOut = $("#signed-in button[type=submit]");
    expect(signOut.parentElement?.contains($("#renew-codes"))).toBe(false);
    expect($("#renewal").contains(signOut)).toBe(false);
  });
});

describe("the new codes", () => {
  it("leave 'the old ones no longer work' to the renewal's notice", () => {
    ui.app.render(factorViews.codes({ rotated: true, notice: renewed }));
    expect($("#notice").textContent).toContain("the old ones no longer work");
    expect($("#recovery-codes-form").textContent?.toLowerCase()).not.toContain("no longer work");
    // A later view without the notice (a save, a copy) does not bring the sentence back.
    ui.app.render(factorViews.codes({ rotated: true }));
    expect($("#recovery-codes-form").textContent?.toLowerCase()).not.toContain("no longer work");
  });
});
