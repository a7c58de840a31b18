// "New recovery codes" on the signed-in screen, asked twice: replacing the set cannot be undone
// (the current codes stop working at once), so the first click only asks (issue #23, item 7).
import { t } from "../i18n";
import { h, setDisabled } from "../dom";
import type { Ctx } from "../screen";

export function renewCodes(ctx: Ctx): { root: HTMLElement; update(can: boolean, busy: boolean): void } {
  const ask = h("button", { type: "button", id: "renew-codes", class: "secondary" }, t("ui-renew-ask"));
  const replace = h("button", { type: "button", id: "renew-codes-confirm", class: "primary" }, t("ui-renew-replace"));
  const keep = h("button", { type: "button", id: "renew-codes-keep", class: "secondary" }, t("ui-renew-keep"));
  const confirm = h(
    "div",
    { id: "renew-codes-ask", class: "confirm", role: "group", "aria-labelledby": "renew-codes-warning", hidden: true },
    h("p", { id: "renew-codes-warning" }, t("ui-renew-warning")),
    h("div", { class: "actions" }, replace, keep),
  );
  const root = h(
    "section",
    { id: "renewal", class: "renewal", "aria-labelledby": "renewal-title" },
    h("h3", { id: "renewal-title" }, t("ui-renew-title")),
    h("div", { class: "actions" }, ask),
    confirm,
  );

  let available = false;
  let open = false;
  const show = (): void => {
    root.hidden = !available;
    ask.hidden = !available || open;
    confirm.hidden = !available || !open;
  };
  const asking = (on: boolean): void => {
    open = on;
    show();
    // Focus follows: to the safe choice when asked, back to the button when kept.
    (on ? keep : ask).focus();
  };

  ask.addEventListener("click", () => {
    if (!ask.disabled) asking(true);
  });
  keep.addEventListener("click", () => asking(false));
  confirm.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    asking(false);
  });
  replace.addEventListener("click", () => {
    if (!replace.disabled) void ctx.send("renew_recovery_codes");
  });

  return {
    root,
    update(can, busy) {
      available = can;
      if (!can) open = false;
      show();
      setDisabled(ask, busy);
      setDisabled(replace, busy);
      setDisabled(keep, busy);
    },
  };
}
