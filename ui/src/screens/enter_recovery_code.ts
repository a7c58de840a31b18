import { t } from "../i18n";
import { h, setDisabled, setText } from "../dom";
import { localError, type Builder } from "../screen";
import type { EnterRecoveryCodeView } from "../types";
import { field, heading, hint, orgLine, notYou, otherWays } from "./parts";

export const RECOVERY_FIELD_SIZE = 18;

/** A recovery code in place of the second factor; a wrong one stays typed, selected. */
export const buildEnterRecoveryCode: Builder<"enter_recovery_code"> = (view, ctx) => {
  const title = heading("recovery-title", t("ui-recovery-title"));
  const org = orgLine();
  const input = h("input", {
    id: "recovery-code",
    name: "recovery-code",
    type: "text",
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
    // Wide enough for a whole code (xxxx-xxxx-xxxx, 14 characters) with a space or two around it.
    size: RECOVERY_FIELD_SIZE,
    class: "recovery-input",
    "aria-describedby": "recovery-hint",
  });
  const verify = h("button", { type: "submit", class: "primary" }, t("ui-recovery-submit"));
  const ways = otherWays(ctx);
  const who = notYou(ctx);
  const form = h(
    "form",
    { id: "enter-recovery-code", class: "screen", novalidate: true, "aria-labelledby": "recovery-title" },
    title,
    org,
    h("p", { class: "lede" }, t("ui-recovery-lede")),
    field("recovery-code", t("ui-recovery-field"), input, hint("recovery-hint", t("ui-recovery-hint"))),
    h("div", { class: "actions" }, verify),
    ways.root,
    who.root,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (verify.disabled) return;
    const value = input.value.trim();
    if (value === "") {
      ctx.setLocalNotice(localError("code_incomplete_local", t("ui-recovery-empty")));
      input.focus();
      return;
    }
    void ctx.send("submit_recovery_code", { code: value });
  });
  input.addEventListener("input", () => ctx.setLocalNotice(null));

  let noticeKey = "";
  const update = (v: EnterRecoveryCodeView): void => {
    setText(org, v.organization_name ?? "");
    org.hidden = !v.organization_name;
    setDisabled(verify, v.busy);
    ways.update(v.alternatives, v.busy);
    who.update(v.email, v.busy);
    const nk = v.notice ? `${v.notice.code}|${v.notice.message}` : "";
    if (nk !== noticeKey && v.notice?.kind === "error" && !v.busy) {
      input.focus();
      input.select();
    }
    noticeKey = nk;
  };
  update(view);
  return { root: form, update, focus: () => input.focus() };
};
