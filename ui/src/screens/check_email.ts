import { h, setDisabled, setText } from "../dom";
import { localError, type Builder } from "../screen";
import { formatCountdown, formatLocalTime, msUntil } from "../time";
import type { CheckEmailView } from "../types";
import { field, heading, hint, orgLine } from "./parts";

export const buildCheckEmail: Builder<"check_email"> = (view, ctx) => {
  let current: CheckEmailView = view;
  const title = heading("check-email-title", "Check your email");
  const org = orgLine();
  const sentTo = h("strong", { id: "sent-to" });
  const sentAt = h("p", { id: "sent-at", class: "hint" });
  const resend = h("button", { type: "submit", id: "resend-link", class: "primary", "aria-describedby": "resend-wait" }, "Resend the link");
  const wait = h("span", { id: "resend-wait", class: "hint" });
  const useAnother = h("button", { type: "button", id: "use-another", class: "secondary" }, "Use another address");
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
  const pasteSubmit = h("button", { type: "submit", class: "secondary" }, "Continue with this link");
  const pasteForm = h(
    "form",
    { id: "paste-link", novalidate: true },
    field(
      "link",
      "Sign-in link",
      link,
      hint("link-hint", "If opening the link doesn't bring you back here, copy it from the email (right-click it, Copy link) and paste it here."),
    ),
    h("div", { class: "actions" }, pasteSubmit),
  );
  const paste = h("details", { id: "paste" }, h("summary", {}, "Paste the link instead"), pasteForm);

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
      ctx.setLocalNotice(localError("link_empty_local", "Paste the sign-in link from the email first."));
      link.focus();
      return;
    }
    if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value)) {
      ctx.setLocalNotice(
        localError("link_invalid_local", "That isn't a link. Copy the whole link from the email (right-click it, Copy link)."),
      );
      link.focus();
      return;
    }
    void ctx.send("submit_link", { link: value });
  });

  function tick(now: number): void {
    const left = msUntil(current.resend_available_at, now);
    setDisabled(resend, current.busy || left > 0);
    setText(wait, left > 0 ? `You can resend in ${formatCountdown(left)}` : "");
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
      setText(title, "Your link could not be checked");
      lede.replaceChildren(
        "Your sign-in link arrived, but the sign-in service could not check it. Try again: nothing was lost, and no new email is needed.",
      );
    } else {
      setText(title, "Check your email");
      lede.replaceChildren("We sent a sign-in link to ", sentTo, ". Open it on this computer to continue.");
    }
    resend.classList.toggle("primary", !v.link_check_failed);
    resend.classList.toggle("secondary", v.link_check_failed);
    setText(sentAt, `Sent ${formatLocalTime(v.sent_at)}. It can take a minute to arrive; check your junk folder too.`);
    setDisabled(useAnother, v.busy);
    setDisabled(pasteSubmit, v.busy);
    tick(Date.now());
  };
  const result = { root, update, tick, focus: () => title.focus() };
  update(view);
  return result;
};
