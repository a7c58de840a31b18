import { t } from "../i18n";
import { h, setDisabled, setText } from "../dom";
import type { SignInView } from "../types";
import { localError, type Builder } from "../screen";
import { field, focusField, heading, hint } from "./parts";

/** An obviously bad address, caught before Rust validates it properly; null when plausible. */
export function emailProblem(raw: string): string | null {
  const email = raw.trim();
  if (email === "") return t("ui-email-empty");
  if (email.length > 254) return t("ui-email-too-long");
  if (!/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email)) {
    return t("ui-email-invalid");
  }
  return null;
}

export const buildSignIn: Builder<"sign_in"> = (view, ctx) => {
  const title = heading("sign-in-title");
  const email = h("input", {
    id: "email",
    name: "email",
    type: "email",
    autocomplete: "email",
    required: true,
    spellcheck: "false",
    autocapitalize: "off",
    "aria-describedby": "email-hint",
  });
  email.value = view.email ?? "";
  const submit = h("button", { type: "submit", class: "primary" }, t("ui-sign-in-submit"));
  const form = h(
    "form",
    { id: "sign-in", class: "screen", novalidate: true, "aria-labelledby": "sign-in-title" },
    title,
    field("email", t("ui-sign-in-email"), email, hint("email-hint", t("ui-sign-in-email-hint"))),
    h("div", { class: "actions" }, submit),
  );

  email.addEventListener("input", () => {
    email.removeAttribute("aria-invalid");
    ctx.setLocalNotice(null);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    const problem = emailProblem(email.value);
    if (problem) {
      email.setAttribute("aria-invalid", "true");
      ctx.setLocalNotice(localError("email_invalid_local", problem));
      email.focus();
      return;
    }
    void ctx.send("start_sign_in", { email: email.value.trim() });
  });

  const update = (v: SignInView): void => {
    setText(
      title,
      v.organization_name
        ? t("ui-sign-in-title-organization", { organization: v.organization_name })
        : t("ui-sign-in-title"),
    );
    setDisabled(submit, v.busy);
  };
  const result = { root: form, update, focus: () => focusField(email) };
  update(view);
  return result;
};
