import { t } from "../i18n";
import { h, setText } from "../dom";
import type { ConfigErrorView } from "../types";
import type { Builder } from "../screen";
import { heading } from "./parts";

export const buildConfigError: Builder<"config_error"> = (view) => {
  const title = heading("config-error-title", t("ui-config-error-title"));
  const file = h("code", { id: "config-file" });
  const message = h("p", { id: "config-message", class: "config-message" });
  const root = h(
    "section",
    { id: "config-error", class: "screen", "aria-labelledby": "config-error-title" },
    title,
    h("p", { class: "lede" }, t("ui-config-error-lede")),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, t("ui-config-error-file")),
      h("dd", {}, file),
      h("dt", {}, t("ui-config-error-problem")),
      h("dd", {}, message),
    ),
    h("p", { class: "hint" }, t("ui-config-error-hint")),
  );
  const update = (v: ConfigErrorView): void => {
    setText(file, v.file ?? t("ui-config-error-no-file"));
    setText(message, v.message);
  };
  const result = { root, update, focus: () => title.focus() };
  update(view);
  return result;
};
