import { h, setText } from "../dom";
import type { ConfigErrorView } from "../types";
import type { Builder } from "../screen";
import { heading } from "./parts";

export const buildConfigError: Builder<"config_error"> = (view) => {
  const title = heading("config-error-title", "Gatehouse isn't set up correctly");
  const file = h("code", { id: "config-file" });
  const message = h("p", { id: "config-message", class: "config-message" });
  const root = h(
    "section",
    { id: "config-error", class: "screen", "aria-labelledby": "config-error-title" },
    title,
    h(
      "p",
      { class: "lede" },
      "Its configuration has a problem, so it can't sign you in. Your IT team needs to fix this: send them the details below.",
    ),
    h("dl", { class: "facts" }, h("dt", {}, "File"), h("dd", {}, file), h("dt", {}, "Problem"), h("dd", {}, message)),
    h("p", { class: "hint" }, "Once IT has fixed it, close Gatehouse and open it again."),
  );
  const update = (v: ConfigErrorView): void => {
    setText(file, v.file ?? "no configuration file");
    setText(message, v.message);
  };
  const result = { root, update, focus: () => title.focus() };
  update(view);
  return result;
};
