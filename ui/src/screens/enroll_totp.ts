import { h, setDisabled, setText } from "../dom";
import { codeInput, isCompleteCode, keepCodeClean, normaliseCode } from "../code";
import { localError, type Builder } from "../screen";
import type { EnrollTotpView } from "../types";
import { field, heading, hint, orgLine, notYou, otherWays } from "./parts";

/** The setup key in groups of four, as authenticator apps accept it and people read it. */
export function groupKey(secret: string): string {
  return secret.replace(/\s+/g, "").replace(/(.{4})(?=.)/g, "$1 ");
}

/** Setting up an authenticator app: the QR code and the setup key (the one place a factor secret
 *  is shown: it is how it reaches the person's app), then the first code to confirm. */
export const buildEnrollTotp: Builder<"enroll_totp"> = (view, ctx) => {
  let current: EnrollTotpView = view;
  let lastSubmitted: string | null = null;
  const title = heading("enroll-totp-title", "Set up your authenticator app");
  const org = orgLine();
  const qr = h("img", { id: "totp-qr", class: "qr", alt: "QR code for your authenticator app", width: 200, height: 200 });
  const key = h("code", { id: "totp-secret", class: "setup-key" });
  const copy = h("button", { type: "button", id: "copy-secret", class: "secondary" }, "Copy key");
  const code = codeInput(h);
  const verify = h("button", { type: "submit", class: "primary" }, "Verify and continue");
  const ways = otherWays(ctx);
  const who = notYou(ctx);
  // Replacing a lost app once signed in: the old one no longer works, and the way out is "Not
  // now" (back to the signed-in screen), not another email.
  const replaced = h(
    "p",
    { id: "totp-replacing", class: "lede" },
    "Your old authenticator app and its recovery codes no longer work. Add Gatehouse to the app on your new phone.",
  );
  const notNow = h("button", { type: "button", id: "not-now", class: "secondary" }, "Not now");
  notNow.addEventListener("click", () => {
    if (!notNow.disabled) void ctx.send("stop_authenticator_setup");
  });
  const form = h(
    "form",
    { id: "enroll-totp", class: "screen", novalidate: true, "aria-labelledby": "enroll-totp-title" },
    title,
    org,
    replaced,
    h(
      "ol",
      { class: "steps" },
      h("li", {}, "Open your authenticator app and add an account."),
      h("li", {}, "Scan this QR code:", h("div", { class: "qr-box" }, qr)),
      h("li", {}, "Or type this setup key instead:", h("div", { class: "setup-key-row" }, key, copy)),
      h("li", {}, "Enter the 6-digit code the app now shows."),
    ),
    field("code", "6-digit code from the app", code),
    h("div", { class: "actions" }, verify, notNow),
    hint("totp-note", "Gatehouse never keeps this key: once your app has it, it is only there."),
    ways.root,
    who.root,
  );

  function submit(value: string): void {
    lastSubmitted = value;
    void ctx.send("submit_code", { factor: "totp", code: value });
  }
  function autoSubmit(): void {
    if (isCompleteCode(code.value) && code.value !== lastSubmitted && !current.busy) submit(code.value);
  }
  keepCodeClean(code, () => {
    ctx.setLocalNotice(null);
    autoSubmit();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (verify.disabled) return;
    const value = normaliseCode(code.value);
    if (!isCompleteCode(value)) {
      ctx.setLocalNotice(localError("code_incomplete_local", "Enter the 6-digit code your authenticator app shows."));
      code.focus();
      return;
    }
    submit(value);
  });
  copy.addEventListener("click", () => {
    void copyText(current.secret).then((ok) => {
      ctx.announce(ok ? "Setup key copied" : "Select the key and copy it");
      // The clipboard forgets it in a minute (Rust reads what was copied from the screen).
      if (ok) void ctx.send("secret_copied");
    });
  });

  let noticeKey = "";
  const update = (v: EnrollTotpView): void => {
    current = v;
    setText(org, v.organization_name ?? "");
    org.hidden = !v.organization_name;
    // The data URL exactly as Stytch sent it.
    if (qr.getAttribute("src") !== v.qr_code) qr.setAttribute("src", v.qr_code);
    setText(key, groupKey(v.secret));
    setDisabled(verify, v.busy);
    ways.update(v.alternatives, v.busy);
    who.update(v.email, v.busy);
    who.root.hidden = v.replacing;
    replaced.hidden = !v.replacing;
    notNow.hidden = !v.replacing;
    setDisabled(notNow, v.busy);
    setText(title, v.replacing ? "Set up a new authenticator app" : "Set up your authenticator app");
    const nk = v.notice ? `${v.notice.code}|${v.notice.message}` : "";
    if (nk !== noticeKey && v.notice?.kind === "error" && !v.busy) {
      code.focus();
      code.select();
    }
    noticeKey = nk;
  };
  update(view);
  return { root: form, update, focus: () => code.focus() };
};

/** Copies text to the clipboard; false when the engine refuses (the person can still select it). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
