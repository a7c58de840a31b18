import { intlLocale, t, tNodes } from "../i18n";
import { h, setDisabled, setText } from "../dom";
import { localError, type Builder } from "../screen";
import { formatCountdown, formatLocalTime, msUntil } from "../time";
import type { CheckEmailView } from "../types";
import { field, heading, hint, orgLine } from "./parts";

export const buildCheckEmail: Builder<"check_email"> = (view, ctx) => {
  let current: CheckEmailView = view;
  const title = heading("check-email-title", t("ui-check-email-title"));
  const org = orgLine();
  const sentTo = h("strong", { id: "sent-to" });
  const sentAt = h("p", { id: "sent-at", class: "hint" });
  const resend = h("button", { type: "submit", id: "resend-link", class: "primary", "aria-describedby": "resend-wait" }, t("ui-check-email-resend"));
  const wait = h("span", { id: "resend-wait", class: "hint" });
  const useAnother = h("button", { type: "button", id: "use-another", class: "secondary" }, t("ui-check-email-use-another"));
  const lede = h("p", { id: "check-email-lede", class: "lede" });

  const form = h(
    "form",
    { id: "check-email", novalidate: true, "aria-labelledby": "check-email-title" },
    lede,
    sentAt,
    h("div", { class: "actions" }, resend, wait),
    h("div", { class: "actions" }, useAnother),
  );

  const link = h("input", {
    id: "link",
    name: "link",
    type: "url",
    placeholder: "https://…",
    spellcheck: "false",
    autocapitalize: "off",
    autocomplete: "off",
    "aria-describedby": "link-hint",
  });
  const pasteSubmit = h("button", { type: "submit", class: "secondary" }, t("ui-check-email-link-submit"));
  const pasteForm = h(
    "form",
    { id: "paste-link", novalidate: true },
    field(
      "link",
      t("ui-check-email-link"),
      link,
      hint("link-hint", t("ui-check-email-link-hint")),
    ),
    h("div", { class: "actions" }, pasteSubmit),
  );
  const paste = h("details", { id: "paste" }, h("summary", {}, t("ui-check-email-paste")), pasteForm);

  const root = h(
    "section",
    { id: "check-email-screen", class: "screen", "aria-labelledby": "check-email-title" },
    title,
    org,
    form,
    paste,
  );

  function coolingDown(now: number): boolean {
    return msUntil(current.resend_available_at, now) > 0;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (current.busy || coolingDown(Date.now())) return;
    void ctx.send("resend_link");
  });
  useAnother.addEventListener("click", () => void ctx.send("use_another_address"));
  link.addEventListener("input", () => ctx.setLocalNotice(null));
  pasteForm.addEventListener("submit", (event) => {
    event.preventDefault();
    if (pasteSubmit.disabled) return;
    const value = link.value.trim();
    if (value === "") {
      ctx.setLocalNotice(localError("link_empty_local", t("ui-link-empty")));
      link.focus();
      return;
    }
    if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value)) {
      ctx.setLocalNotice(localError("link_invalid_local", t("ui-link-invalid")));
      link.focus();
      return;
    }
    void ctx.send("submit_link", { link: value });
  });

  function tick(now: number): void {
    const left = msUntil(current.resend_available_at, now);
    setDisabled(resend, current.busy || left > 0);
    setText(wait, left > 0 ? t("ui-check-email-resend-wait", { countdown: formatCountdown(left) }) : "");
    wait.hidden = !(left > 0);
  }

  const update = (v: CheckEmailView): void => {
    current = v;
    setText(org, v.organization_name ?? "");
    org.hidden = !v.organization_name;
    setText(sentTo, v.email);
    // The link arrived but could not be checked: that is said once, and the notice's Try again is
    // the way forward; a new email is still possible, no longer the main action.
    if (v.link_check_failed) {
      setText(title, t("ui-check-email-failed-title"));
      lede.replaceChildren(t("ui-check-email-failed-lede"));
    } else {
      setText(title, t("ui-check-email-title"));
      lede.replaceChildren(...tNodes("ui-check-email-lede", {}, { email: sentTo }));
    }
    resend.classList.toggle("primary", !v.link_check_failed);
    resend.classList.toggle("secondary", v.link_check_failed);
    setText(sentAt, t("ui-check-email-sent-at", { time: formatLocalTime(v.sent_at, intlLocale()) }));
    setDisabled(useAnother, v.busy);
    setDisabled(pasteSubmit, v.busy);
    tick(Date.now());
  };
  const result = { root, update, tick, focus: () => title.focus() };
  update(view);
  return result;
};
