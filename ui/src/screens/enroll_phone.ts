import { t } from "../i18n";
import { h, setDisabled, setText } from "../dom";
import { checkPhone, countryOptions, countryOrFallback, formatAsYouType, type CountryCode } from "../phone";
import type { Builder } from "../screen";
import type { EnrollPhoneView } from "../types";
import { field, heading, hint, orgLine, notYou, otherWays } from "./parts";

export const buildEnrollPhone: Builder<"enroll_phone"> = (view, ctx) => {
  const title = heading("enroll-phone-title", t("ui-enroll-phone-title"));
  const org = orgLine();
  const lede = h("p", { class: "lede" });

  const country = h("select", { id: "country", name: "country", autocomplete: "tel-country-code" });
  const initial = countryOrFallback(view.default_country);
  for (const option of countryOptions()) {
    const el = h("option", { value: option.code }, `${option.name} (+${option.callingCode})`);
    if (option.code === initial) el.selected = true;
    country.append(el);
  }
  country.value = initial;

  const phone = h("input", {
    id: "phone",
    name: "phone",
    type: "tel",
    autocomplete: "tel",
    inputmode: "tel",
    "aria-describedby": "phone-hint phone-message",
  });
  const message = h("p", { id: "phone-message", class: "field-error", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "primary" }, t("ui-enroll-phone-submit"));
  const form = h(
    "form",
    { id: "enroll-phone", class: "screen", novalidate: true, "aria-labelledby": "enroll-phone-title" },
    title,
    org,
    lede,
    field("country", t("ui-enroll-phone-country"), country),
    field(
      "phone",
      t("ui-enroll-phone-number"),
      phone,
      hint("phone-hint", t("ui-enroll-phone-hint")),
      message,
    ),
    h("div", { class: "actions" }, submit),
  );
  const ways = otherWays(ctx);
  const who = notYou(ctx);
  form.append(ways.root, who.root);

  const selected = (): CountryCode => countryOrFallback(country.value, initial);
  let showingProblem = false;

  function showProblem(text: string | null): void {
    showingProblem = text !== null;
    setText(message, text ?? "");
    if (text) phone.setAttribute("aria-invalid", "true");
    else phone.removeAttribute("aria-invalid");
  }

  function revalidate(): void {
    // Once a problem is shown, keep the message honest as the person corrects the number.
    if (!showingProblem) return;
    const result = checkPhone(phone.value, selected());
    showProblem(result.ok ? null : result.message);
  }

  phone.addEventListener("input", (event) => {
    ctx.setLocalNotice(null);
    const deleting = (event as InputEvent).inputType?.startsWith("delete") ?? false;
    const atEnd = phone.selectionStart === phone.value.length;
    // Reformat only while typing at the end: reformatting mid-edit would move the caret and
    // backspacing over a bracket or space would never get past it.
    if (!deleting && atEnd) {
      const formatted = formatAsYouType(phone.value, selected());
      if (formatted !== phone.value) phone.value = formatted;
    }
    revalidate();
  });
  phone.addEventListener("blur", () => {
    if (phone.value.trim() === "") return;
    const result = checkPhone(phone.value, selected());
    showProblem(result.ok ? null : result.message);
  });
  country.addEventListener("change", () => {
    if (phone.value.trim() !== "") phone.value = formatAsYouType(phone.value, selected());
    revalidate();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    const result = checkPhone(phone.value, selected());
    if (!result.ok) {
      showProblem(result.message);
      phone.focus();
      return;
    }
    showProblem(null);
    void ctx.send("enroll_phone", { phone: result.e164 });
  });

  const update = (v: EnrollPhoneView): void => {
    setText(org, v.organization_name ?? "");
    org.hidden = !v.organization_name;
    setText(
      lede,
      v.organization_name
        ? t("ui-enroll-phone-lede-organization", { organization: v.organization_name })
        : t("ui-enroll-phone-lede"),
    );
    setDisabled(submit, v.busy);
    ways.update(v.alternatives, v.busy);
    who.update(v.email, v.busy);
  };
  update(view);
  return { root: form, update, focus: () => phone.focus() };
};
