// Small pieces the screens share.
import { t } from "../i18n";
import { h, setDisabled, setText } from "../dom";
import type { Ctx } from "../screen";
import type { FactorKind } from "../generated/FactorKind";

export function field(id: string, label: string, control: HTMLElement, ...after: (Node | null)[]): HTMLElement {
  return h("div", { class: "field" }, h("label", { for: id }, label), control, ...after);
}

export function hint(id: string, text: string): HTMLElement {
  return h("p", { id, class: "hint" }, text);
}

export function heading(id: string, text = ""): HTMLHeadingElement {
  // tabindex -1: a screen without a field focuses its heading, so keyboard and screen-reader
  // users start at the top of what changed.
  return h("h2", { id, tabindex: "-1" }, text);
}

export function orgLine(): HTMLElement {
  return h("p", { class: "org" });
}

export function orgText(name: string | null): string {
  return name ? name : "";
}

export function focusField(input: HTMLInputElement): void {
  input.focus();
  // Put the caret after a prefilled value rather than selecting it.
  const end = input.value.length;
  try {
    input.setSelectionRange(end, end);
  } catch {
    // type="email" does not support selection ranges in some engines
  }
}

/** How each second factor is named where the person picks one. */
export function factorLabel(kind: FactorKind): string {
  switch (kind) {
    case "sms":
      return t("ui-factor-sms");
    case "totp":
      return t("ui-factor-totp");
    case "recovery_code":
      return t("ui-factor-recovery-code");
  }
}

/** "Signing in as … Not you? Use another email": on every second step, the way back to the email
 *  screen (the sign-in stops; the address is not kept). */
export function notYou(ctx: Ctx): { root: HTMLElement; update(email: string, busy: boolean): void } {
  const who = h("span", { class: "not-you__who" });
  const button = h("button", { type: "button", id: "not-you", class: "link" }, t("ui-not-you"));
  button.addEventListener("click", () => {
    if (!button.disabled) void ctx.send("use_another_address");
  });
  const root = h("p", { class: "not-you" }, who, " ", button);
  return {
    root,
    update(email, busy) {
      setText(who, t("ui-signing-in-as", { email }));
      setDisabled(button, busy);
    },
  };
}

/** "Use another way": the member's other factors (or, while setting one up, the other kinds the
 *  organization allows), each a button sending `switch_factor`. Hidden when there are none. */
export function otherWays(ctx: Ctx): { root: HTMLElement; update(kinds: FactorKind[], busy: boolean): void } {
  const list = h("div", { class: "other-ways__list" });
  const root = h(
    "details",
    { id: "other-ways", class: "other-ways" },
    h("summary", {}, t("ui-other-ways")),
    list,
  );
  let key = "";
  let buttons: HTMLButtonElement[] = [];
  return {
    root,
    update(kinds, busy) {
      root.hidden = kinds.length === 0;
      const next = kinds.join(",");
      if (next !== key) {
        key = next;
        buttons = kinds.map((kind) => {
          const button = h("button", { type: "button", id: `use-${kind}`, class: "secondary" }, factorLabel(kind));
          button.addEventListener("click", () => {
            if (!button.disabled) void ctx.send("switch_factor", { factor: kind });
          });
          return button;
        });
        list.replaceChildren(...buttons);
      }
      for (const button of buttons) setDisabled(button, busy);
    },
  };
}
