// #23 item 6: someone who lost their phone signs in with a recovery code. The signed-in screen's
// main action is "Set up a new authenticator app", the setup screen says the old app is gone and
// offers "Not now" rather than another email, and no screen tells them "if you lose your phone".
import { describe, expect, it, vi, type Mock } from "vitest";

vi.mock("./api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { call } from "./api";
import { freshApp } from "./test_app";
import { $ } from "./testing";
import { factorViews, views } from "./fixtures";
import type { View } from "./types";

const callMock = call as unknown as Mock;

const render = (view: View): void => ui.app.render(view);
const click = (selector: string): void => $<HTMLButtonElement>(selector).click();
/** The buttons a person can see, filled (main) ones first. */
const visibleButtons = (): HTMLButtonElement[] =>
  Array.from(document.querySelectorAll<HTMLButtonElement>("button")).filter((b) => {
    for (let e: HTMLElement | null = b; e; e = e.parentElement) if (e.hidden) return false;
    return true;
  });
const mainActions = (): string[] =>
  visibleButtons()
    .filter((b) => b.classList.contains("primary"))
    .map((b) => b.textContent ?? "");

const ui = freshApp();

describe("signed in with a recovery code", () => {
  it("makes a new authenticator app the one main action, not just '9 left'", () => {
    render(
      views.signedIn({
        recovery_codes_left: { left: 9, low: false },
        can_renew_recovery_codes: true,
        new_authenticator: "offered",
      }),
    );
    const text = $("#recovery-left").textContent ?? "";
    expect(text).toContain("9 left");
    expect(text).toContain("set up a new one now");
    expect(mainActions()).toEqual(["Set up a new authenticator app"]);
    expect(document.body.textContent).not.toContain("lose your phone");
    // The new app brings new codes: renewing the lost app's is not offered beside it.
    expect(visibleButtons().map((b) => b.textContent)).not.toContain("New recovery codes");
    // Not "you can close this window" while it asks for something.
    expect($("#kept-signed-in").hidden).toBe(true);
    click("#new-authenticator");
    expect(callMock).toHaveBeenCalledExactlyOnceWith("set_up_new_authenticator");
  });

  it("says the last code was the last without 'if you lose your phone'", () => {
    render(views.signedIn({ recovery_codes_left: { left: 0, low: true }, new_authenticator: "offered" }));
    expect($("#recovery-left").textContent).toBe(
      "You signed in with your last recovery code. To sign in next time, set up a new authenticator app now.",
    );
    expect($("#recovery").getAttribute("role")).toBe("alert");
    expect(document.body.textContent).not.toContain("lose your phone");
  });

  it("keeps the workspace's Continue second to the new app", () => {
    render(
      views.signedIn({
        recovery_codes_left: { left: 5, low: false },
        workspace: { name: "Example Workspace", failure: null },
        new_authenticator: "offered",
      }),
    );
    expect(mainActions()).toEqual(["Set up a new authenticator app"]);
    expect($("#recovery-continue").hidden).toBe(false);
  });

  it("says the old app and its codes are gone after Not now, and offers the setup again", () => {
    render(views.signedIn({ new_authenticator: "old_removed" }));
    expect($("#recovery").hidden).toBe(false);
    expect($("#recovery-left").textContent).toBe(
      "Your old authenticator app and its recovery codes no longer work. Set up a new authenticator app now.",
    );
    expect($("#renew-codes").hidden).toBe(true);
    expect(mainActions()).toEqual(["Set up a new authenticator app"]);
  });
});

describe("setting up the new app", () => {
  it("names a new app, says the old one is gone, and offers Not now instead of another email", () => {
    render(factorViews.enrollTotp({ replacing: true, alternatives: [] }));
    expect($("#enroll-totp-title").textContent).toBe("Add a new authenticator app");
    expect($("#totp-replacing").hidden).toBe(false);
    expect($("#totp-replacing").textContent).toContain("no longer work");
    expect($<HTMLElement>(".not-you").hidden).toBe(true);
    expect($("#other-ways").hidden).toBe(true);
    click("#not-now");
    expect(callMock).toHaveBeenCalledExactlyOnceWith("stop_authenticator_setup");
  });

  it("is the first-time setup otherwise", () => {
    render(factorViews.enrollTotp());
    expect($("#enroll-totp-title").textContent).toBe("Add your authenticator app");
    expect($("#totp-replacing").hidden).toBe(true);
    expect($("#not-now").closest("[hidden]")).not.toBeNull();
    expect($<HTMLElement>(".not-you").hidden).toBe(false);
  });
});

describe("the new recovery codes", () => {
  it("never say 'if you lose your phone'", () => {
    render(factorViews.codes());
    expect($("#recovery-codes-form").textContent).not.toContain("lose your phone");
  });
});
