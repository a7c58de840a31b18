import { t } from "../i18n";
import { h, setDisabled, setText } from "../dom";
import type { Builder } from "../screen";
import type { ChooseFactorView } from "../types";
import { factorLabel, heading, notYou, orgLine } from "./parts";

/** What each choice means, under its button (message ids). */
const WHAT: Record<string, string> = {
  sms: "ui-choose-factor-sms",
  totp: "ui-choose-factor-totp",
};

/** A member with no second factor yet picks one the organization allows. */
export const buildChooseFactor: Builder<"choose_factor"> = (view, ctx) => {
  const title = heading("choose-factor-title", t("ui-choose-factor-title"));
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
    setText(
      lede,
      v.organization_name
        ? t("ui-choose-factor-lede-organization", { organization: v.organization_name })
        : t("ui-choose-factor-lede"),
    );
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
        ...v.options.map((kind, i) => h("div", { class: "choice-row" }, buttons[i] ?? null, h("p", { class: "hint" }, WHAT[kind] ? t(WHAT[kind]) : ""))),
      );
    }
    for (const button of buttons) setDisabled(button, v.busy);
    who.update(v.email, v.busy);
  };
  update(view);
  return { root, update, focus: () => (buttons[0] ?? title).focus() };
};
