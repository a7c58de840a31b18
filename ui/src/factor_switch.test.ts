// Switching factor on a code screen keeps keyboard focus: it lands in the new field (issue #23, item 11).
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

const callMock = call as unknown as Mock;

const ui = freshApp();

describe("switching factor on a code screen", () => {
  const totp = views.enterCode({
    factor: "totp",
    masked_phone: null,
    sent_at: null,
    code_expires_at: null,
    alternatives: ["sms", "recovery_code"],
  });

  it("puts focus in the new code field", () => {
    ui.app.render(totp);
    ($("#other-ways") as HTMLDetailsElement).open = true;
    $("#use-sms").focus();
    $<HTMLButtonElement>("#use-sms").click();
    expect(callMock).toHaveBeenCalledExactlyOnceWith("switch_factor", { factor: "sms" });
    ui.app.render({ ...totp, busy: true });
    ui.app.render(views.enterCode({ alternatives: ["totp", "recovery_code"] }));
    expect($("#enter-code-title").textContent).toBe("Enter the code");
    expect(document.activeElement).toBe($("#code"));
  });

  it("puts focus in the recovery-code field", () => {
    ui.app.render(totp);
    $("#use-recovery_code").focus();
    $<HTMLButtonElement>("#use-recovery_code").click();
    ui.app.render({ ...totp, busy: true });
    ui.app.render(factorViews.recovery());
    expect(document.activeElement).toBe($("#recovery-code"));
  });
});
