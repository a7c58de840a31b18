import { t } from "../i18n";
import { h } from "../dom";
import type { Builder } from "../screen";

export const buildStarting: Builder<"starting"> = () => {
  const root = h(
    "section",
    { id: "starting", class: "screen screen--quiet", "aria-labelledby": "starting-text" },
    h("p", { id: "starting-text" }, t("ui-starting")),
  );
  return { root, update() {}, focus() {} };
};
