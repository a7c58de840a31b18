import { t } from "../i18n";
import { h, setDisabled, setText } from "../dom";
import type { Builder } from "../screen";
import type { RecoveryCodesView } from "../types";
import { copyText } from "./enroll_totp";
import { heading, orgLine } from "./parts";

/** New recovery codes, shown once: Copy, Save to file, and "I have saved them" before going on. */
export const buildRecoveryCodes: Builder<"recovery_codes"> = (view, ctx) => {
  let current: RecoveryCodesView = view;
  const title = heading("recovery-codes-title", t("ui-codes-title"));
  const org = orgLine();
  const lede = h("p", { class: "lede" });
  const list = h("ol", { id: "recovery-codes", class: "recovery-codes" });
  const copy = h("button", { type: "button", id: "copy-codes", class: "secondary" }, t("ui-codes-copy"));
  const save = h("button", { type: "button", id: "save-codes", class: "secondary" }, t("ui-codes-save"));
  const saved = h("input", { type: "checkbox", id: "codes-saved", name: "codes-saved" });
  // What Copy did, visibly (and to screen readers): a silent copy leaves people unsure.
  const copied = h("p", { id: "copy-status", class: "hint", role: "status", hidden: true });
  // The window was asked to close with the codes on screen: what closing loses, before it does.
  const closing = h(
    "p",
    { id: "close-warning", class: "close-warning", role: "alert", hidden: true },
    t("ui-codes-close-warning"),
  );
  const proceed = h("button", { type: "submit", id: "codes-continue", class: "primary", disabled: true }, t("ui-continue"));
  const form = h(
    "form",
    { id: "recovery-codes-form", class: "screen", novalidate: true, "aria-labelledby": "recovery-codes-title" },
    title,
    org,
    lede,
    closing,
    list,
    h("div", { class: "actions" }, copy, save),
    copied,
    h("p", { class: "note" }, t("ui-codes-note")),
    h("div", { class: "check" }, saved, h("label", { for: "codes-saved" }, t("ui-codes-saved"))),
    h("div", { class: "actions" }, proceed),
  );
  copy.addEventListener("click", () => {
    void copyText(current.codes.join("\n")).then((ok) => {
      copied.hidden = false;
      copied.classList.toggle("hint--problem", !ok);
      setText(copied, t(ok ? "ui-codes-copied" : "ui-codes-not-copied"));
      // The clipboard forgets them in a minute (Rust reads what was copied from the screen).
      if (ok) void ctx.send("secret_copied");
    });
  });
  save.addEventListener("click", () => {
    if (!save.disabled) void ctx.send("save_recovery_codes");
  });
  saved.addEventListener("change", () => setDisabled(proceed, !saved.checked || current.busy));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (proceed.disabled || !saved.checked) return;
    void ctx.send("recovery_codes_done");
  });

  let key = "";
  /** The renewal's notice was shown (a later view may clear it: the lede does not flip back). */
  let renewalNoticed = false;
  const update = (v: RecoveryCodesView): void => {
    current = v;
    setText(org, v.organization_name ?? "");
    org.hidden = !v.organization_name;
    // The renewal's notice already says the old codes no longer work: say it here only without it.
    if (v.notice?.code === "recovery_codes_renewed") renewalNoticed = true;
    setText(
      lede,
      t(!v.rotated ? "ui-codes-lede-first" : renewalNoticed ? "ui-codes-lede-renewed-noticed" : "ui-codes-lede-renewed"),
    );
    const next = v.codes.join(",");
    if (next !== key) {
      key = next;
      list.replaceChildren(...v.codes.map((c) => h("li", {}, h("code", {}, c))));
    }
    closing.hidden = !v.close_asked;
    setDisabled(copy, v.busy);
    setDisabled(save, v.busy);
    setDisabled(proceed, !saved.checked || v.busy);
  };
  update(view);
  return { root: form, update, focus: () => title.focus() };
};
