import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from "vitest";

vi.mock("./api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { call } from "./api";
import { createApp, type App } from "./app";
import { $, paste, type } from "./testing";
import { T0, factorViews, views } from "./fixtures";
import { groupKey } from "./screens/enroll_totp";
import type { View } from "./types";

const callMock = call as unknown as Mock;
let app: App;

const render = (view: View): void => app.render(view);
const click = (selector: string): void => $<HTMLButtonElement>(selector).click();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
  vi.setSystemTime(T0);
  document.body.innerHTML = "";
  callMock.mockClear();
  callMock.mockImplementation(() => Promise.resolve());
  app = createApp(document);
});

afterEach(() => {
  app.destroy();
  vi.useRealTimers();
});

describe("choose_factor", () => {
  it("offers what the organization allows and sends the choice", () => {
    render(factorViews.choose());
    expect($("#choose-sms").textContent).toBe("Text message (SMS) to your phone");
    expect($("#choose-totp").textContent).toBe("Authenticator app");
    click("#choose-totp");
    expect(callMock).toHaveBeenCalledExactlyOnceWith("switch_factor", { factor: "totp" });
  });
});

describe("enroll_totp", () => {
  it("shows the QR code exactly as sent, the setup key, and sends the first code", () => {
    render(factorViews.enrollTotp());
    expect($<HTMLImageElement>("#totp-qr").getAttribute("src")).toBe("data:image/png;base64,iVBORw0KGgo=");
    expect($("#totp-secret").textContent).toBe("BTGN X5RK JRMQ WQFR QKTG 34JC F6XD RHZS");
    expect($("#code").getAttribute("autocomplete")).toBe("one-time-code");
    type($<HTMLInputElement>("#code"), "123 456");
    expect(callMock).toHaveBeenCalledExactlyOnceWith("submit_code", { factor: "totp", code: "123456" });
    expect($("#use-sms").textContent).toBe("Text message (SMS) to your phone");
  });

  it("keeps the typed code and the key after a wrong code", () => {
    render(factorViews.enrollTotp());
    type($<HTMLInputElement>("#code"), "111111");
    render(
      factorViews.enrollTotp({
        notice: { kind: "error", code: "wrong_totp_code", message: "That code isn't right.", action: null, retry_at: null },
      }),
    );
    expect($<HTMLInputElement>("#code").value).toBe("111111");
    expect($("#totp-secret").textContent).toContain("BTGN");
  });

  it("takes a pasted code with a space whole", () => {
    render(factorViews.enrollTotp());
    const input = $<HTMLInputElement>("#code");
    paste(input, "123 456");
    expect(input.value).toBe("123456");
    expect(callMock).toHaveBeenCalledExactlyOnceWith("submit_code", { factor: "totp", code: "123456" });
  });

  it("groups a setup key in fours", () => {
    expect(groupKey("ABCDEFGH")).toBe("ABCD EFGH");
    expect(groupKey("ABCDE")).toBe("ABCD E");
  });
});

describe("enter_code for an authenticator app", () => {
  it("has no phone, timer or resend, and offers the other ways", () => {
    render(views.enterCode({ factor: "totp", masked_phone: null, sent_at: null, code_expires_at: null, alternatives: ["recovery_code"] }));
    expect($("#enter-code-title").textContent).toBe("Enter the code from your authenticator app");
    expect($("#code-timer").hidden).toBe(true);
    expect($("#resend-code").hidden).toBe(true);
    expect($("#other-ways").hidden).toBe(false);
    click("#use-recovery_code");
    expect(callMock).toHaveBeenCalledExactlyOnceWith("switch_factor", { factor: "recovery_code" });
  });

  it("switching to SMS on the same screen shows the phone and timer", () => {
    render(views.enterCode({ factor: "totp", masked_phone: null, sent_at: null, code_expires_at: null, alternatives: ["sms"] }));
    render(views.enterCode({ alternatives: ["totp"] }));
    expect($("#enter-code-title").textContent).toBe("Enter the code");
    expect($("#masked-phone").textContent).toBe("We sent a code to ••• 0123");
    expect($("#code-timer").hidden).toBe(false);
    expect($("#other-ways").hidden).toBe(false);
  });

  it("names the factor a code was typed for, so a switch in between cannot send it to the other", () => {
    render(views.enterCode({ factor: "totp", masked_phone: null, sent_at: null, code_expires_at: null, alternatives: ["sms"] }));
    type($<HTMLInputElement>("#code"), "123456");
    expect(callMock).toHaveBeenCalledExactlyOnceWith("submit_code", { factor: "totp", code: "123456" });
    render(views.enterCode({ alternatives: ["totp"] }));
    type($<HTMLInputElement>("#code"), "654321");
    expect(callMock).toHaveBeenLastCalledWith("submit_code", { factor: "sms", code: "654321" });
  });

  it("shows no 'Use another way' when there is none", () => {
    render(views.enterCode());
    expect($("#other-ways").hidden).toBe(true);
  });
});

describe("enter_recovery_code", () => {
  it("sends the code as typed and keeps it after a refusal", () => {
    render(factorViews.recovery());
    type($<HTMLInputElement>("#recovery-code"), "ckss-2skx-ebow");
    $<HTMLButtonElement>("#enter-recovery-code button[type=submit]").click();
    expect(callMock).toHaveBeenCalledExactlyOnceWith("submit_recovery_code", { code: "ckss-2skx-ebow" });
    render(
      factorViews.recovery({
        notice: { kind: "error", code: "wrong_recovery_code", message: "No.", action: null, retry_at: null },
      }),
    );
    expect($<HTMLInputElement>("#recovery-code").value).toBe("ckss-2skx-ebow");
  });
});

describe("recovery_codes", () => {
  it("lists the codes, saves to file, and continues only once they are saved", () => {
    render(factorViews.codes());
    const items = document.querySelectorAll("#recovery-codes li");
    expect(items).toHaveLength(3);
    expect(items[0]?.textContent).toBe("ckss-2skx-ebow");
    click("#save-codes");
    expect(callMock).toHaveBeenCalledExactlyOnceWith("save_recovery_codes");
    callMock.mockClear();
    const proceed = $<HTMLButtonElement>("#codes-continue");
    expect(proceed.disabled).toBe(true);
    proceed.click();
    expect(callMock).not.toHaveBeenCalled();
    const saved = $<HTMLInputElement>("#codes-saved");
    saved.checked = true;
    saved.dispatchEvent(new Event("change"));
    expect(proceed.disabled).toBe(false);
    proceed.click();
    expect(callMock).toHaveBeenCalledExactlyOnceWith("recovery_codes_done");
  });

  it("says when the codes are new ones", () => {
    render(factorViews.codes({ rotated: true }));
    expect($("#recovery-codes-form").textContent).toContain("The old ones no longer work.");
  });
});

describe("signed in with a recovery code", () => {
  it("says how many are left, warns when the core says they are low, and offers new ones", () => {
    render(
      views.signedIn({
        recovery_codes_left: { left: 7, low: false },
        can_renew_recovery_codes: true,
      }),
    );
    expect($("#recovery-left").textContent).toBe("You signed in with a recovery code. 7 left.");
    expect($("#recovery").getAttribute("role")).toBe("status");
    render(
      views.signedIn({
        recovery_codes_left: { left: 2, low: true },
        can_renew_recovery_codes: true,
      }),
    );
    expect($("#recovery-left").textContent).toContain("Only 2 left");
    expect($("#recovery").getAttribute("role")).toBe("alert");
    // The threshold is the core's: the UI shows what the view says, whatever the count.
    render(views.signedIn({ recovery_codes_left: { left: 5, low: true } }));
    expect($("#recovery").getAttribute("role")).toBe("alert");
    click("#renew-codes");
    click("#renew-codes-confirm");
    expect(callMock).toHaveBeenCalledExactlyOnceWith("renew_recovery_codes");
  });

  it("continues to the workspace when there is one", () => {
    render(
      views.signedIn({
        recovery_codes_left: { left: 5, low: false },
        workspace: { name: "Example Workspace", failure: null },
      }),
    );
    expect($("#workspace").hidden).toBe(true);
    click("#recovery-continue");
    expect(callMock).toHaveBeenCalledExactlyOnceWith("recovery_codes_done");
  });

  it("offers no renewal to a member without an authenticator app", () => {
    render(views.signedIn());
    expect($("#renew-codes").hidden).toBe(true);
    expect($("#recovery").hidden).toBe(true);
  });
});
