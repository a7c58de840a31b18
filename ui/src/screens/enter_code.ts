import { t, tNodes } from "../i18n";
import { h, setDisabled, setText } from "../dom";
import { codeInput, isCompleteCode, keepCodeClean, normaliseCode } from "../code";
import { displayMaskedPhone } from "../mask";
import { localError, type Builder } from "../screen";
import { formatCountdown, msUntil } from "../time";
import type { EnterCodeView } from "../types";
import { field, heading, hint, orgLine, notYou, otherWays } from "./parts";

export const buildEnterCode: Builder<"enter_code"> = (view, ctx) => {
  let current: EnterCodeView = view;
  /** The last value sent, so that a wrong code is never auto-submitted again in a loop. */
  let lastSubmitted: string | null = null;
  let noticeKey = "";
  let expired = false;
  /** Six digits arrived while busy: submit them once the machine is free. */
  let pendingAuto = false;
  /** What the timer's sentence shows now: null before the first tick. */
  let timerExpired: boolean | null = null;

  const title = heading("enter-code-title", t("ui-enter-code-title"));
  const org = orgLine();
  const masked = h("p", { id: "masked-phone", class: "lede" });
  const code = codeInput(h);
  code.setAttribute("aria-describedby", "code-timer");
  // "The code expires in m:ss", one sentence with the countdown in its own element (wherever the
  // language puts it); once expired, that element says so alone.
  const countdown = h("span", { id: "countdown" });
  const timer = h("p", { id: "code-timer", class: "timer" });
  const verify = h("button", { type: "submit", class: "primary" }, t("ui-verify"));
  const resendLabel = h("span", {}, t("ui-enter-code-resend"));
  const resendWait = h("span", { id: "resend-wait", class: "button__wait", "aria-hidden": "true" });
  const resend = h(
    "button",
    {
      type: "button",
      id: "resend-code",
      class: "secondary",
      title: t("ui-enter-code-resend-note"),
      "aria-describedby": "resend-code-note",
      "data-resend": "true",
    },
    resendLabel,
    resendWait,
  );
  const ways = otherWays(ctx);
  const who = notYou(ctx);
  const resendNote = hint("resend-code-note", t("ui-enter-code-resend-note"));
  const form = h(
    "form",
    { id: "enter-code", class: "screen", novalidate: true, "aria-labelledby": "enter-code-title" },
    title,
    org,
    masked,
    field("code", t("ui-enter-code-field"), code, timer),
    h("div", { class: "actions" }, verify, resend),
    resendNote,
    ways.root,
    who.root,
  );
  const sms = (): boolean => current.factor === "sms";

  function submit(value: string): void {
    lastSubmitted = value;
    void ctx.send("submit_code", { factor: current.factor, code: value });
  }

  function autoSubmit(): void {
    if (!isCompleteCode(code.value) || code.value === lastSubmitted) return;
    if (current.busy) {
      pendingAuto = true;
      return;
    }
    pendingAuto = false;
    submit(code.value);
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
      ctx.setLocalNotice(
        localError("code_incomplete_local", t(sms() ? "ui-code-incomplete-sms" : "ui-code-incomplete-totp")),
      );
      code.focus();
      return;
    }
    submit(value); // an explicit Verify may resend the same code
  });
  resend.addEventListener("click", () => {
    lastSubmitted = null;
    void ctx.send("resend_code");
  });

  function tick(now: number): void {
    // A new code only after the cooldown: it would kill the one still on its way.
    const cooling = current.resend_available_at === null ? 0 : msUntil(current.resend_available_at, now);
    setText(resendWait, cooling > 0 ? ` (${formatCountdown(cooling)})` : "");
    setDisabled(resend, current.busy || cooling > 0);
    if (current.code_expires_at === null) return; // an app's code, or none sent: nothing to count down
    const left = msUntil(current.code_expires_at, now);
    const isExpired = !(left > 0);
    if (isExpired !== timerExpired) {
      timerExpired = isExpired;
      timer.replaceChildren(...(isExpired ? [countdown] : tNodes("ui-code-expires-in", {}, { countdown })));
    }
    setText(countdown, isExpired ? t("ui-code-expired") : formatCountdown(left));
    timer.classList.toggle("timer--expired", isExpired);
    if (isExpired && !expired) ctx.announce(t("ui-code-expired"));
    expired = isExpired;
  }

  const update = (v: EnterCodeView): void => {
    const newCode =
      v.factor !== current.factor || v.sent_at !== current.sent_at || v.code_expires_at !== current.code_expires_at;
    if (newCode) {
      // A new code was sent: any value may be tried again, and the old one is ready to be typed over.
      lastSubmitted = null;
      pendingAuto = false;
      expired = false;
    }
    current = v;
    setText(org, v.organization_name ?? "");
    org.hidden = !v.organization_name;
    const bySms = v.factor === "sms";
    // No send succeeded: no code to wait for, no timer, one button to send it.
    const notSent = bySms && v.sent_at === null;
    const phone = displayMaskedPhone(v.masked_phone ?? "");
    setText(title, t(bySms ? "ui-enter-code-title" : "ui-enter-code-title-totp"));
    setText(
      masked,
      !bySms
        ? t("ui-enter-code-totp-lede")
        : !notSent
          ? t("ui-enter-code-sent", { phone })
          : v.busy
            ? t("ui-enter-code-sending", { phone })
            : t("ui-enter-code-not-sent", { phone }),
    );
    masked.classList.toggle("lede--problem", notSent && !v.busy);
    timer.hidden = !bySms || notSent;
    resend.hidden = !bySms;
    setText(resendLabel, t(notSent ? "ui-enter-code-send" : "ui-enter-code-resend"));
    resendNote.hidden = !bySms || notSent;
    if (bySms && !notSent) code.setAttribute("aria-describedby", "code-timer");
    else code.removeAttribute("aria-describedby");
    setDisabled(verify, v.busy);
    ways.update(v.alternatives, v.busy);
    who.update(v.email, v.busy);
    tick(Date.now());

    const key = v.notice ? `${v.notice.kind}|${v.notice.code}|${v.notice.message}` : "";
    const newError = key !== noticeKey && v.notice?.kind === "error" && !v.busy;
    if (newError || (newCode && code.value !== "")) {
      // A wrong code: keep it, selected, so typing replaces it.
      code.focus();
      code.select();
    }
    noticeKey = key;
    if (pendingAuto && !v.busy) autoSubmit();
  };
  update(view);
  return { root: form, update, tick, focus: () => code.focus() };
};
