// Switching factor on a code screen keeps keyboard focus: it lands in the new field (issue #23, item 11).
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from "vitest";

vi.mock("./api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { call } from "./api";
import { createApp, type App } from "./app";
import { $ } from "./testing";
import { T0, factorViews, views } from "./fixtures";

const callMock = call as unknown as Mock;
let app: App;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
  vi.setSystemTime(T0);
  document.body.innerHTML = "";
  callMock.mockClear();
  app = createApp(document);
});

afterEach(() => {
  app.destroy();
  vi.useRealTimers();
});

describe("switching factor on a code screen", () => {
  const totp = views.enterCode({
    factor: "totp",
    masked_phone: null,
    sent_at: null,
    code_expires_at: null,
    alternatives: ["sms", "recovery_code"],
  });

  it("puts focus in the new code field", () => {
    app.render(totp);
    ($("#other-ways") as HTMLDetailsElement).open = true;
    $("#use-sms").focus();
    $<HTMLButtonElement>("#use-sms").click();
    expect(callMock).toHaveBeenCalledExactlyOnceWith("switch_factor", { factor: "sms" });
    app.render({ ...totp, busy: true });
    app.render(views.enterCode({ alternatives: ["totp", "recovery_code"] }));
    expect($("#enter-code-title").textContent).toBe("Enter the code");
    expect(document.activeElement).toBe($("#code"));
  });

  it("puts focus in the recovery-code field", () => {
    app.render(totp);
    $("#use-recovery_code").focus();
    $<HTMLButtonElement>("#use-recovery_code").click();
    app.render({ ...totp, busy: true });
    app.render(factorViews.recovery());
    expect(document.activeElement).toBe($("#recovery-code"));
  });
});
