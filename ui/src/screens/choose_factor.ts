import { h, setDisabled, setText } from "../dom";
import type { Builder } from "../screen";
import type { ChooseFactorView } from "../types";
import { factorLabel, heading, notYou, orgLine } from "./parts";

const WHAT: Record<string, string> = {
  sms: "We text you a code each time you sign in.",
  totp: "An app on your phone (Google Authenticator, 1Password, Authy, …) shows the code. Works without signal, and comes with recovery codes.",
  recovery_code: "",
};

/** A member with no second factor yet picks one the organization allows. */
export const buildChooseFactor: Builder<"choose_factor"> = (view, ctx) => {
  const title = heading("choose-factor-title", "Add a second step to your sign-in");
  const org = orgLine();
  const lede = h("p", { class: "lede" });
  const list = h("div", { class: "choices" });
  const who = notYou(ctx);
  const root = h(
    "section",
    { id: "choose-factor", class: "screen", "aria-labelledby": "choose-factor-title" },
    title,
    org,
    lede,
    list,
    who.root,
  );
  let buttons: HTMLButtonElement[] = [];
  let key = "";

  const update = (v: ChooseFactorView): void => {
    setText(org, v.organization_name ?? "");
    org.hidden = !v.organization_name;
    setText(lede, `${v.organization_name ?? "Your organization"} asks for a second step after the email link. Choose how:`);
    const next = v.options.join(",");
    if (next !== key) {
      key = next;
      buttons = v.options.map((kind) => {
        const button = h("button", { type: "button", id: `choose-${kind}`, class: "choice" }, factorLabel(kind));
        button.addEventListener("click", () => {
          if (!button.disabled) void ctx.send("switch_factor", { factor: kind });
        });
        return button;
      });
      list.replaceChildren(
        ...v.options.map((kind, i) => h("div", { class: "choice-row" }, buttons[i] ?? null, h("p", { class: "hint" }, WHAT[kind] ?? ""))),
      );
    }
    for (const button of buttons) setDisabled(button, v.busy);
    who.update(v.email, v.busy);
  };
  update(view);
  return { root, update, focus: () => (buttons[0] ?? title).focus() };
};
