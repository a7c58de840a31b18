import { t } from "../i18n";
import { h, setDisabled, setText } from "../dom";
import { codeInput, isCompleteCode, keepCodeClean, normaliseCode } from "../code";
import { localError, type Builder } from "../screen";
import type { EnrollTotpView } from "../types";
import { heading, hint, orgLine, notYou, otherWays } from "./parts";

/** The setup key in groups of four, as authenticator apps accept it and people read it. */
export function groupKey(secret: string): string {
  return secret.replace(/\s+/g, "").replace(/(.{4})(?=.)/g, "$1 ");
}

/** The notices that mean "this first code was not right": shown again next to the field. */
const CODE_PROBLEMS: ReadonlySet<string> = new Set(["wrong_totp_code", "invalid_totp_code", "totp_code_used"]);

/** Setting up an authenticator app: the QR code and the setup key (the one place a factor secret
 *  is shown: it is how it reaches the person's app), then the first code to confirm.
 *
 *  Compact, so that the heading, the code field and Verify fit the window at its default size
 *  (#23 item 5): the QR code beside the steps, the key under "Can't scan the code?". */
export const buildEnrollTotp: Builder<"enroll_totp"> = (view, ctx) => {
  let current: EnrollTotpView = view;
  let lastSubmitted: string | null = null;
  const title = heading("enroll-totp-title", t("ui-enroll-totp-title"));
  const org = orgLine();
  const qr = h("img", { id: "totp-qr", class: "qr", alt: t("ui-enroll-totp-qr"), width: 136, height: 136 });
  const key = h("code", { id: "totp-secret", class: "setup-key" });
  const copy = h("button", { type: "button", id: "copy-secret", class: "secondary" }, t("ui-enroll-totp-copy-key"));
  const code = codeInput(h);
  // The first code's problem, next to the field as well as in the notice above the heading.
  const codeError = h("p", { id: "code-error", class: "field-error", hidden: true });
  const verify = h("button", { type: "submit", class: "primary" }, t("ui-verify"));
  const ways = otherWays(ctx);
  const who = notYou(ctx);
  // Replacing a lost app once signed in: the old one no longer works, and the way out is "Not
  // now" (back to the signed-in screen), not another email.
  const replaced = h(
    "p",
    { id: "totp-replacing", class: "lede" },
    t("ui-enroll-totp-replacing"),
  );
  const notNow = h("button", { type: "button", id: "not-now", class: "secondary" }, t("ui-enroll-totp-not-now"));
  // Only when replacing an app: hidden whole otherwise, so it takes no room in the window.
  const notNowRow = h("div", { class: "actions" }, notNow);
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
      "div",
      { id: "totp-setup", class: "totp-setup" },
      h(
        "ol",
        { class: "steps" },
        h("li", {}, t("ui-enroll-totp-step-open")),
        h("li", {}, t("ui-enroll-totp-step-scan")),
        h("li", {}, t("ui-enroll-totp-step-enter")),
      ),
      h("div", { class: "qr-box" }, qr),
    ),
    h(
      "details",
      { id: "totp-key", class: "setup-key-details" },
      h("summary", {}, t("ui-enroll-totp-cant-scan")),
      h("p", { class: "setup-key-text" }, t("ui-enroll-totp-key-text")),
      h("div", { class: "setup-key-row" }, key, copy),
      hint("totp-note", t("ui-enroll-totp-key-note")),
    ),
    // Verify beside the field (under it when the column is narrow), so both stay in view even
    // with a wrong code's notice above the heading and its message at the field.
    h(
      "div",
      { class: "field" },
      h("label", { for: "code" }, t("ui-enroll-totp-code")),
      // Between the label and the field: when focus brings the field into view after a wrong
      // code, its message comes with it.
      codeError,
      h("div", { class: "code-row" }, code, verify),
    ),
    notNowRow,
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
      ctx.setLocalNotice(localError("code_incomplete_local", t("ui-code-incomplete-totp")));
      code.focus();
      return;
    }
    submit(value);
  });
  copy.addEventListener("click", () => {
    void copyText(current.secret).then((ok) => {
      ctx.announce(t(ok ? "ui-enroll-totp-key-copied" : "ui-enroll-totp-key-not-copied"));
      // The clipboard forgets it in a minute (Rust reads what was copied from the screen).
      if (ok) void ctx.send("secret_copied");
    });
  });

  function showCodeProblem(message: string | null): void {
    setText(codeError, message ?? "");
    codeError.hidden = message === null;
    // Described only while shown: a hidden element named by aria-describedby is still read.
    if (message === null) {
      code.removeAttribute("aria-describedby");
      code.removeAttribute("aria-invalid");
    } else {
      code.setAttribute("aria-describedby", "code-error");
      code.setAttribute("aria-invalid", "true");
    }
  }

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
    notNowRow.hidden = !v.replacing;
    setDisabled(notNow, v.busy);
    setText(title, t(v.replacing ? "ui-enroll-totp-title-replacing" : "ui-enroll-totp-title"));
    showCodeProblem(v.notice?.kind === "error" && CODE_PROBLEMS.has(v.notice.code) ? v.notice.message : null);
    const nk = v.notice ? `${v.notice.code}|${v.notice.message}` : "";
    if (nk !== noticeKey && v.notice?.kind === "error" && !v.busy) {
      code.focus();
      code.select();
      // Focus does not scroll a field that already had it: bring the field, its message and
      // Verify into view explicitly.
      code.scrollIntoView?.({ block: "nearest" });
    }
    noticeKey = nk;
  };
  update(view);
  // The heading, not the field: focusing the field scrolled the page down to it, cutting the
  // heading off; the screen now fits, and keyboard and screen-reader users start at its top.
  return { root: form, update, focus: () => title.focus() };
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
