// The authenticator's setup fits the window (issue #23, item 5): the QR code beside the steps, the
// setup key folded under "Can't scan the code?", the page opening at its heading, and a wrong
// first code's message next to the field as well as in the notice above the heading.
import { describe, expect, it, vi, type Mock } from "vitest";

vi.mock("../api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { call } from "../api";
import { freshApp } from "../test_app";
import { $, sourceText, type } from "../testing";
import { factorViews, views } from "../fixtures";
import type { ViewNotice } from "../types";

const callMock = call as unknown as Mock;

const notice = (code: ViewNotice["code"], message: string): ViewNotice => ({
  kind: "error",
  code,
  message,
  action: null,
  retry_at: null,
});
const WRONG = "That code isn't right. Check the app shows this account, wait for a new code, and try again.";

/** The declarations of the rule whose selector list names `selector`. */
function declarations(css: string, selector: string): string {
  const rules = css.replace(/\/\*[\s\S]*?\*\//g, "");
  for (const [, selectors = "", body = ""] of rules.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    if (selectors.split(",").some((s) => s.trim() === selector)) return body;
  }
  return "";
}

const ui = freshApp();

describe("the authenticator's setup", () => {
  it("focuses its heading on arrival, not the code field, so it opens at the top", () => {
    ui.app.render(views.checkEmail());
    ui.app.render(factorViews.enrollTotp());
    const title = $("#enroll-totp-title");
    expect(title.tagName).toBe("H2");
    expect(title.getAttribute("tabindex")).toBe("-1");
    expect(document.activeElement).toBe(title);
    expect(document.activeElement).not.toBe($("#code"));
  });

  it("keeps the focus where it is on a later view of the same screen", () => {
    ui.app.render(factorViews.enrollTotp());
    $<HTMLInputElement>("#code").focus();
    ui.app.render(factorViews.enrollTotp({ busy: true }));
    ui.app.render(factorViews.enrollTotp());
    expect(document.activeElement).toBe($("#code"));
  });

  it("puts the QR code and the steps in one row container that wraps only when narrow", async () => {
    ui.app.render(factorViews.enrollTotp());
    const row = $("#totp-setup");
    expect([...row.children].map((el) => el.tagName)).toEqual(["OL", "DIV"]);
    expect(row.querySelector(".steps")?.children).toHaveLength(3);
    expect(row.contains($("#totp-qr"))).toBe(true);
    const css = await sourceText("style.css");
    const rule = declarations(css, ".totp-setup");
    expect(rule).toMatch(/display:\s*(flex|grid)/);
    expect(rule).toMatch(/flex-wrap:\s*wrap/);
    // The steps take what the QR code leaves, and give way to it only below 150 px.
    expect(declarations(css, ".totp-setup .steps")).toMatch(/flex:\s*1 1 \d+px/);
    expect(declarations(css, ".qr-box")).toMatch(/flex:\s*0 0 auto/);
  });

  it("keeps the setup key inside a closed 'Can't scan the code?'", () => {
    ui.app.render(factorViews.enrollTotp());
    const details = $<HTMLDetailsElement>("#totp-key");
    expect(details.tagName).toBe("DETAILS");
    expect(details.open).toBe(false);
    expect(details.querySelector("summary")?.textContent).toBe("Can't scan the code?");
    expect(details.contains($("#totp-secret"))).toBe(true);
    expect(details.contains($("#copy-secret"))).toBe(true);
    expect($("#totp-secret").textContent).toBe("BTGN X5RK JRMQ WQFR QKTG 34JC F6XD RHZS");
    // The QR code is not folded away.
    expect(details.contains($("#totp-qr"))).toBe(false);
  });

  it("still copies the key, without spaces, from inside the details", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    ui.app.render(factorViews.enrollTotp());
    $<HTMLDetailsElement>("#totp-key").open = true;
    $<HTMLButtonElement>("#copy-secret").click();
    await vi.waitFor(() => expect(callMock).toHaveBeenCalledWith("secret_copied"));
    expect(writeText).toHaveBeenCalledExactlyOnceWith("BTGNX5RKJRMQWQFRQKTG34JCF6XDRHZS");
  });

  it("puts Verify beside the code field", () => {
    ui.app.render(factorViews.enrollTotp());
    const verify = $<HTMLButtonElement>("#enroll-totp button[type=submit]");
    expect(verify.textContent).toBe("Verify");
    expect(verify.parentElement).toBe($("#code").parentElement);
    expect(verify.parentElement?.classList.contains("code-row")).toBe(true);
  });

  it.each([
    ["wrong_totp_code", WRONG],
    ["invalid_totp_code", "The code is the 6 digits your authenticator app shows for this account."],
    ["totp_code_used", "That code was already used. Wait for your app to show the next one."],
  ] as const)("shows a %s next to the field too, and drops it when the notice clears", (code, message) => {
    ui.app.render(factorViews.enrollTotp());
    const input = $<HTMLInputElement>("#code");
    type(input, "111111");
    ui.app.render(factorViews.enrollTotp({ busy: true }));
    ui.app.render(factorViews.enrollTotp({ notice: notice(code, message) }));

    const error = $("#code-error");
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe(message);
    expect(input.getAttribute("aria-describedby")).toBe("code-error");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    // The notice region announces it; the field's copy is not a second alert.
    expect(error.hasAttribute("role")).toBe(false);
    expect(error.hasAttribute("aria-live")).toBe(false);
    expect($("#notice").dataset.code).toBe(code);
    expect($("#notice-message").textContent).toBe(message);
    // At the field: between its label and the input, so it comes into view with the field.
    expect(input.closest(".field")?.contains(error)).toBe(true);
    expect(input.compareDocumentPosition(error) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
    expect($('label[for="code"]').compareDocumentPosition(error) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // The wrong code stays selected, ready to be typed over.
    expect(document.activeElement).toBe(input);

    ui.app.render(factorViews.enrollTotp());
    expect(error.hidden).toBe(true);
    expect(error.textContent).toBe("");
    expect(input.hasAttribute("aria-describedby")).toBe(false);
    expect(input.hasAttribute("aria-invalid")).toBe(false);
    expect($("#notice").dataset.code).toBeUndefined();
  });

  it("leaves other errors to the notice alone", () => {
    ui.app.render(factorViews.enrollTotp());
    ui.app.render(
      factorViews.enrollTotp({
        notice: notice("network_down", "Gatehouse can't reach the sign-in service. Nothing was lost."),
      }),
    );
    expect($("#code-error").hidden).toBe(true);
    expect($("#code").hasAttribute("aria-describedby")).toBe(false);
  });
});
