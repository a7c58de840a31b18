import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from "vitest";

vi.mock("./api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { call } from "./api";
import { createApp, type App } from "./app";
import { $, paste, type } from "./testing";
import { T0, at, views, wrongCode } from "./fixtures";
import { formatLocalTime, formatShortLocalTime } from "./time";
import type { View } from "./types";

const callMock = call as unknown as Mock;
let app: App;

function submitButton(form: string): HTMLButtonElement {
  return $<HTMLButtonElement>(`${form} button[type=submit]`);
}

function render(view: View): void {
  app.render(view);
}

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

describe("the page shell", () => {
  it("has the heading, main#app with the screen name, and the dev-mode banner only in dev mode", () => {
    render(views.signIn());
    expect($("header h1").textContent).toBe("Gatehouse");
    expect($("main#app").dataset.screen).toBe("sign_in");
    expect($("#dev-mode").hidden).toBe(true);
    render(views.signIn({ dev_mode: true }));
    expect($("#dev-mode").hidden).toBe(false);
    expect($("#dev-mode").textContent).toBe(
      "Development mode: a project secret or a development Stytch address is in use. Never ship this configuration.",
    );
  });

  it("shows Working… and disables submit buttons, not inputs, while busy", () => {
    render(views.signIn());
    expect($("#working").hidden).toBe(true);
    render(views.signIn({ busy: true }));
    expect($("#working").hidden).toBe(false);
    expect(submitButton("#sign-in").disabled).toBe(true);
    expect($<HTMLInputElement>("#email").disabled).toBe(false);
    render(views.signIn());
    expect(submitButton("#sign-in").disabled).toBe(false);
  });
});

describe("the render rule: nothing typed is lost", () => {
  it("keeps the typed email across same-screen views, and rebuilds on a screen change", () => {
    render(views.signIn({ email: "pre@example.com" }));
    const email = $<HTMLInputElement>("#email");
    expect(email.value).toBe("pre@example.com");
    expect(document.activeElement).toBe(email);
    type(email, "typed@example.com");

    render(views.signIn({ email: "pre@example.com", busy: true }));
    render(views.signIn({ email: "pre@example.com", notice: { ...wrongCode, code: "invalid_email" } }));
    expect($<HTMLInputElement>("#email")).toBe(email);
    expect(email.value).toBe("typed@example.com");

    render(views.checkEmail());
    expect($("main#app").dataset.screen).toBe("check_email");
    expect(document.querySelector("#sign-in")).toBeNull();
    expect(email.isConnected).toBe(false);
    expect(document.activeElement).toBe($("#check-email-title"));

    render(views.signIn({ email: "pre@example.com" }));
    const rebuilt = $<HTMLInputElement>("#email");
    expect(rebuilt).not.toBe(email);
    expect(rebuilt.value).toBe("pre@example.com");
  });

  it("keeps a wrong code in the input, selected for retyping", () => {
    render(views.enterCode());
    const code = $<HTMLInputElement>("#code");
    type(code, "123456");
    render(views.enterCode({ busy: true }));
    render(views.enterCode({ notice: wrongCode }));
    expect($<HTMLInputElement>("#code")).toBe(code);
    expect(code.value).toBe("123456");
    expect(document.activeElement).toBe(code);
    expect([code.selectionStart, code.selectionEnd]).toEqual([0, 6]);
  });

  it("keeps the text in the paste-link field when a notice arrives", () => {
    render(views.checkEmail());
    const link = $<HTMLInputElement>("#link");
    type(link, "gatehouse://auth/callback?token=abc");
    render(views.checkEmail({ notice: { ...wrongCode, code: "link_refused" } }));
    expect($<HTMLInputElement>("#link").value).toBe("gatehouse://auth/callback?token=abc");
  });
});

describe("notice region", () => {
  it("announces errors as alerts and information as status, with the code and kind", () => {
    render(views.signIn());
    const notice = $("#notice");
    expect(notice.textContent).toBe("");
    expect(notice.dataset.code).toBeUndefined();

    render(views.signIn({ notice: { ...wrongCode, code: "stytch_down" } }));
    expect(notice.getAttribute("role")).toBe("alert");
    expect(notice.getAttribute("aria-live")).toBe("assertive");
    expect(notice.dataset.code).toBe("stytch_down");
    expect(notice.dataset.kind).toBe("error");
    expect($("#notice-message").textContent).toBe(wrongCode.message);

    render(
      views.signIn({
        notice: { kind: "info", code: "session_ended", message: "You're signed out.", action: null, retry_at: null },
      }),
    );
    expect(notice.getAttribute("role")).toBe("status");
    expect(notice.getAttribute("aria-live")).toBe("polite");
    expect(notice.dataset.kind).toBe("info");

    render(views.signIn());
    expect(notice.textContent).toBe("");
    expect(notice.dataset.code).toBeUndefined();
    expect(notice.dataset.kind).toBeUndefined();
  });

  it("offers Start again for action restart, and it calls restart", () => {
    render(
      views.checkEmail({
        notice: {
          kind: "error",
          code: "link_other_device",
          message: "This link was requested on another device or sign-in.",
          action: "restart",
          retry_at: null,
        },
      }),
    );
    const restart = $<HTMLButtonElement>("#notice button#restart");
    expect(restart.textContent).toBe("Start again");
    restart.click();
    expect(callMock).toHaveBeenCalledTimes(1);
    expect(callMock).toHaveBeenCalledWith("restart");
  });

  it("says what a slow launch waits for, with Try again that works while the launch is busy", () => {
    render({
      ...views.starting(),
      busy: true,
      notice: {
        kind: "info",
        code: "waiting_for_keychain",
        message: "Waiting for the system keychain to answer…",
        action: "retry",
        retry_at: null,
      },
    });
    expect($("#notice").dataset.code).toBe("waiting_for_keychain");
    expect($("#notice-message").textContent).toBe("Waiting for the system keychain to answer…");
    const retry = $<HTMLButtonElement>("#notice button#retry");
    expect(retry.disabled).toBe(false);
    retry.click();
    expect(callMock).toHaveBeenCalledExactlyOnceWith("retry");
  });

  it("holds the screen's actions while a rate limit's countdown runs, then gives them back", () => {
    const limited = {
      kind: "error" as const,
      code: "rate_limited" as const,
      message: "Too many attempts in a short time. Wait for the countdown below, then try again.",
      action: null,
      retry_at: at(5_000),
    };
    render(views.enterCode({ notice: limited }));
    expect($("#notice-retry").textContent).toBe("You can try again in 0:05.");
    expect(submitButton("#enter-code").disabled).toBe(true);
    expect($<HTMLButtonElement>("#resend-code").disabled).toBe(true);
    vi.advanceTimersByTime(5_500);
    expect($("#notice-retry").textContent).toBe("You can try again now.");
    expect(submitButton("#enter-code").disabled).toBe(false);
    expect($<HTMLButtonElement>("#resend-code").disabled).toBe(false);
  });

  it("counts down to retry_at for action retry", () => {
    render(
      views.signIn({
        notice: { kind: "error", code: "rate_limited", message: "Too many tries.", action: "retry", retry_at: at(65_000) },
      }),
    );
    expect($("#notice-retry").textContent).toBe("You can try again in 1:05.");
    vi.advanceTimersByTime(60_000);
    expect($("#notice-retry").textContent).toBe("You can try again in 0:05.");
    vi.advanceTimersByTime(5_000);
    expect($("#notice-retry").textContent).toBe("You can try again now.");
  });

  it("counts down to a rate limit's retry_at without offering a button, and offers Try again for action retry", () => {
    render(
      views.signIn({
        notice: { kind: "error", code: "rate_limited", message: "Too many tries.", action: null, retry_at: at(30_000) },
      }),
    );
    expect($("#notice-retry").textContent).toBe("You can try again in 0:30.");
    expect(document.querySelector("#notice button#retry")).toBeNull();

    render(
      views.signIn({
        notice: { kind: "error", code: "network_down", message: "Stytch can't be reached.", action: "retry", retry_at: null },
      }),
    );
    expect(document.querySelector("#notice-retry")).toBeNull();
    $<HTMLButtonElement>("#notice button#retry").click();
    expect(callMock).toHaveBeenCalledWith("retry");
  });

  it("turns a failed invoke into a notice rather than failing silently", async () => {
    callMock.mockImplementation(() => Promise.reject(new Error("command not allowed")));
    render(views.signedIn());
    submitButton("#signed-in").click();
    await vi.waitFor(() => expect($("#notice").dataset.code).toBe("ipc_failed"));
    expect($("#notice").textContent).toContain("command not allowed");
  });
});

describe("sign_in", () => {
  it("shows the organization, validates obviously bad input locally, and sends the trimmed email", () => {
    render(views.signIn());
    expect($("#sign-in h2").textContent).toBe("Sign in to Example Org");
    const email = $<HTMLInputElement>("#email");
    expect(email.type).toBe("email");
    expect(email.getAttribute("autocomplete")).toBe("email");
    expect(email.required).toBe(true);
    expect(submitButton("#sign-in").textContent).toBe("Email me a sign-in link");

    type(email, "not-an-email");
    submitButton("#sign-in").click();
    expect(callMock).not.toHaveBeenCalled();
    expect($("#notice").dataset.code).toBe("email_invalid_local");
    expect($("#notice").getAttribute("role")).toBe("alert");
    expect(email.getAttribute("aria-invalid")).toBe("true");

    type(email, " ada@example.com ");
    expect($("#notice").dataset.code).toBeUndefined();
    submitButton("#sign-in").click();
    expect(callMock).toHaveBeenCalledWith("start_sign_in", { email: "ada@example.com" });
  });

  it("says 'your work email' when there is no organization name", () => {
    render(views.signIn());
    render({ ...views.signIn(), organization_name: null } as View);
    expect($("#sign-in h2").textContent).toBe("Sign in with your work email");
  });
});

describe("check_email", () => {
  it("keeps Resend the link disabled until resend_available_at", () => {
    render(views.checkEmail({ resend_available_at: at(30_000) }));
    expect($("#sent-to").textContent).toBe("ada@example.com");
    const resend = $<HTMLButtonElement>("#check-email button#resend-link");
    expect(resend.type).toBe("submit");
    expect(resend.disabled).toBe(true);
    expect($("#resend-wait").textContent).toBe("You can resend in 0:30");
    resend.click();
    $<HTMLFormElement>("#check-email").requestSubmit();
    expect(callMock).not.toHaveBeenCalled();

    vi.advanceTimersByTime(29_000);
    expect(resend.disabled).toBe(true);
    expect($("#resend-wait").textContent).toBe("You can resend in 0:01");
    vi.advanceTimersByTime(1_000);
    expect(resend.disabled).toBe(false);
    resend.click();
    expect(callMock).toHaveBeenCalledTimes(1);
    expect(callMock).toHaveBeenCalledWith("resend_link");
  });

  it("uses another address and submits a pasted link", () => {
    render(views.checkEmail());
    const another = $<HTMLButtonElement>("#use-another");
    expect(another.type).toBe("button");
    another.click();
    expect(callMock).toHaveBeenLastCalledWith("use_another_address");

    expect($("details#paste form#paste-link")).toBeTruthy();
    const link = $<HTMLInputElement>("#link");
    expect(link.type).toBe("url");
    submitButton("#paste-link").click();
    expect($("#notice").dataset.code).toBe("link_empty_local");
    expect(callMock).toHaveBeenCalledTimes(1);

    type(link, "  gatehouse://auth/callback?stytch_token_type=multi_tenant_magic_links&token=abc ");
    submitButton("#paste-link").click();
    expect(callMock).toHaveBeenLastCalledWith("submit_link", {
      link: "gatehouse://auth/callback?stytch_token_type=multi_tenant_magic_links&token=abc",
    });
  });
});

describe("enter_code", () => {
  it("auto-submits at six digits, once per distinct value", () => {
    render(views.enterCode());
    const code = $<HTMLInputElement>("#code");
    expect(code.getAttribute("autocomplete")).toBe("one-time-code");
    expect(code.getAttribute("inputmode")).toBe("numeric");
    expect(code.maxLength).toBe(6);

    type(code, "12345");
    expect(callMock).not.toHaveBeenCalled();
    type(code, "123456");
    expect(callMock).toHaveBeenCalledTimes(1);
    expect(callMock).toHaveBeenCalledWith("submit_code", { factor: "sms", code: "123456" });

    // Rust says busy, then wrong: the same value is never sent again by itself.
    render(views.enterCode({ busy: true }));
    render(views.enterCode({ notice: wrongCode }));
    type(code, "123456");
    render(views.enterCode({ notice: wrongCode }));
    expect(callMock).toHaveBeenCalledTimes(1);

    type(code, "654321");
    expect(callMock).toHaveBeenCalledTimes(2);
    expect(callMock).toHaveBeenLastCalledWith("submit_code", { factor: "sms", code: "654321" });

    // An explicit Verify may try the same code again.
    submitButton("#enter-code").click();
    expect(callMock).toHaveBeenCalledTimes(3);
  });

  it("accepts a pasted '123 456' despite maxlength, and submits it", () => {
    render(views.enterCode());
    const code = $<HTMLInputElement>("#code");
    const event = paste(code, "123 456");
    expect(event.defaultPrevented).toBe(true);
    expect(code.value).toBe("123456");
    expect(callMock).toHaveBeenCalledExactlyOnceWith("submit_code", { factor: "sms", code: "123456" });
  });

  it("strips spaces and dashes as they are typed", () => {
    render(views.enterCode());
    const code = $<HTMLInputElement>("#code");
    type(code, "12-3 ");
    expect(code.value).toBe("123");
  });

  it("holds six digits typed while busy until the machine is free", () => {
    render(views.enterCode({ busy: true }));
    type($<HTMLInputElement>("#code"), "222333");
    expect(callMock).not.toHaveBeenCalled();
    render(views.enterCode());
    expect(callMock).toHaveBeenCalledExactlyOnceWith("submit_code", { factor: "sms", code: "222333" });
  });

  it("does not resubmit the old code when a new one is sent", () => {
    render(views.enterCode());
    type($<HTMLInputElement>("#code"), "111111");
    render(views.enterCode({ notice: wrongCode }));
    $<HTMLButtonElement>("#resend-code").click();
    expect(callMock).toHaveBeenLastCalledWith("resend_code");
    render(views.enterCode({ sent_at: at(10_000), code_expires_at: at(130_000) }));
    expect(callMock).toHaveBeenCalledTimes(2);
    type($<HTMLInputElement>("#code"), "111111");
    expect(callMock).toHaveBeenCalledTimes(3);
  });

  it("shows the masked phone, the countdown, its expiry, and what resend does", () => {
    render(views.enterCode());
    expect($("#masked-phone").textContent).toBe("We sent a code to ••• 0123");
    expect($("#countdown").textContent).toBe("2:00");
    vi.advanceTimersByTime(61_000);
    expect($("#countdown").textContent).toBe("0:59");
    vi.advanceTimersByTime(59_000);
    expect($("#countdown").textContent).toBe("The code has expired — send a new one");
    const resend = $<HTMLButtonElement>("#resend-code");
    expect(resend.type).toBe("button");
    const says = `${resend.title} ${document.getElementById(resend.getAttribute("aria-describedby") ?? "")?.textContent}`;
    expect(says).toContain("A new code replaces the old one; the old code stops working.");
    expect(submitButton("#enter-code").textContent).toBe("Verify");
  });
});

describe("signed_in", () => {
  it("shows the member, both factors in local time, the expiry, and signs out", () => {
    render(views.signedIn());
    expect($("#member-email").textContent).toBe("ada@example.com");
    expect($("#organization-name").textContent).toBe("Example Org");
    const items = document.querySelectorAll("ul#factors > li");
    expect(items).toHaveLength(2);
    expect(items[1]?.textContent).toContain("SMS code to •••• 0123");
    // In the view's language (English), whatever the machine running the tests speaks.
    expect(items[1]?.textContent).toContain(formatShortLocalTime(at(-10_000), Date.now(), "en"));
    expect($("#session-expires").textContent).toBe(formatLocalTime(at(3_600_000), "en"));
    expect($("#not-remembered").hidden).toBe(true);

    render(views.signedIn({ remembered: false }));
    expect($("#not-remembered").hidden).toBe(false);

    expect(submitButton("#signed-in").textContent).toBe("Sign out");
    submitButton("#signed-in").click();
    expect(callMock).toHaveBeenCalledExactlyOnceWith("sign_out");
    expect($("#workspace").hidden).toBe(true);
  });

  it("says the workspace has its own window, or why it could not open, with Try again and Sign out", () => {
    render(views.signedIn({ workspace: { name: "Example Workspace", failure: null } }));
    expect($("#workspace").hidden).toBe(false);
    expect($("#workspace-status").textContent).toBe("Example Workspace opens in a window of its own.");
    expect($("#workspace-retry").hidden).toBe(true);

    render(
      views.signedIn({
        // The core says the whole sentence, cause included (notice-workspace-failed).
        workspace: {
          name: "Example Workspace",
          failure:
            "Example Workspace couldn't be opened: its server did not answer. Check your connection, then try again.",
        },
      }),
    );
    expect($("#workspace").getAttribute("role")).toBe("alert");
    expect($("#workspace-status").textContent).toContain(
      "Example Workspace couldn't be opened: its server did not answer. Check your connection, then try again.",
    );
    expect($("#workspace-retry").hidden).toBe(false);
    ($("#workspace-retry") as HTMLButtonElement).click();
    expect(callMock).toHaveBeenCalledExactlyOnceWith("open_workspace");
    callMock.mockClear();
    submitButton("#signed-in").click();
    expect(callMock).toHaveBeenCalledExactlyOnceWith("sign_out");
  });
});

describe("starting and config_error", () => {
  it("shows a quiet start, then where the configuration is wrong", () => {
    render(views.starting());
    expect($("section#starting").textContent).toContain("Restoring your session…");
    render(views.configError(null));
    expect($("section#config-error")).toBeTruthy();
    expect($("#config-file").textContent).toBe("no configuration file");
    expect($("#config-message").textContent).toBe("[stytch] project_id is missing");
    expect($("#config-error").textContent).toContain("IT");
    render(views.configError("/etc/gatehouse/config.toml"));
    expect($("#config-file").textContent).toBe("/etc/gatehouse/config.toml");
  });
});
