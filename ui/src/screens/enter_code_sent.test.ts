// The SMS code screen tells the truth about the code (issue #23): no send succeeded means no
// code, no send time, no timer and one button; a new code waits for its cooldown.
import { describe, expect, it, vi, type Mock } from "vitest";

vi.mock("../api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { call } from "../api";
import { freshApp } from "../test_app";
import { $ } from "../testing";
import { at, views } from "../fixtures";

const callMock = call as unknown as Mock;

const notSent = {
  kind: "error" as const,
  code: "stytch_down" as const,
  message: "The sign-in service is having trouble right now. Nothing was lost: try again in a minute.",
  action: null,
  retry_at: null,
};

const ui = freshApp();

describe("a code that was not sent", () => {
  it("says it could not text the number, shows no timer, and has one button to send it", () => {
    ui.app.render(views.enterCode({ sent_at: null, code_expires_at: null, notice: notSent }));
    expect($("#masked-phone").textContent).toBe("We couldn't text ••• 0123.");
    expect($("#code-timer").hidden).toBe(true);
    const senders = document.querySelectorAll<HTMLButtonElement>("button[data-resend]");
    expect(senders.length).toBe(1);
    expect(senders[0].textContent).toBe("Send the code");
    expect(senders[0].disabled).toBe(false);
    expect(document.querySelectorAll("#notice button").length).toBe(0);
    senders[0].click();
    expect(callMock).toHaveBeenCalledExactlyOnceWith("resend_code");
  });

  it("says it is sending while the first send is on its way", () => {
    ui.app.render(views.enterCode({ sent_at: null, code_expires_at: null, busy: true }));
    expect($("#masked-phone").textContent).toBe("Sending a code to ••• 0123…");
    expect($("#code-timer").hidden).toBe(true);
  });

  it("shows the code, its time and its timer once a send succeeds", () => {
    ui.app.render(views.enterCode({ sent_at: null, code_expires_at: null, notice: notSent }));
    ui.app.render(views.enterCode());
    expect($("#masked-phone").textContent).toBe("We sent a code to ••• 0123");
    expect($("#code-timer").hidden).toBe(false);
    expect($("#resend-code").textContent).toBe("Send a new code");
  });
});

describe("a new code", () => {
  it("waits for the cooldown, counting it down on the button", () => {
    ui.app.render(views.enterCode({ resend_available_at: at(25_000) }));
    const resend = $<HTMLButtonElement>("#resend-code");
    expect(resend.disabled).toBe(true);
    expect(resend.textContent).toBe("Send a new code (0:25)");
    vi.advanceTimersByTime(25_500);
    expect(resend.disabled).toBe(false);
    expect(resend.textContent).toBe("Send a new code");
  });
});
