import { intlLocale, t } from "../i18n";
import { h, setDisabled, setText } from "../dom";
import type { Builder } from "../screen";
import { formatLocalTime, formatShortLocalTime } from "../time";
import type { Factor, SignedInView } from "../types";
import type { NewAuthenticatorOffer } from "../generated/NewAuthenticatorOffer";
import { heading } from "./parts";
import { renewCodes } from "./renew_codes";

function factorItem(factor: Factor): HTMLLIElement {
  return h(
    "li",
    { class: "factor", "data-kind": factor.kind },
    h("span", { class: "factor__label" }, factor.label),
    h(
      "time",
      { class: "factor__time", datetime: factor.last_authenticated_at },
      formatShortLocalTime(factor.last_authenticated_at, Date.now(), intlLocale()),
    ),
  );
}

export const buildSignedIn: Builder<"signed_in"> = (view, ctx) => {
  const title = heading("signed-in-title", t("ui-signed-in-title"));
  const email = h("dd", { id: "member-email" });
  const organization = h("dd", { id: "organization-name" });
  const expires = h("time", { id: "session-expires" });
  const factors = h("ul", { id: "factors", class: "factors", "aria-labelledby": "factors-title" });
  const notRemembered = h(
    "p",
    { id: "not-remembered", class: "note" },
    t("ui-signed-in-not-remembered"),
  );
  const kept = h("p", { id: "kept-signed-in", class: "note" }, t("ui-signed-in-kept"));
  // The workspace, in a window of its own; why it could not be loaded, if so, with Try again.
  const workspaceText = h("p", { id: "workspace-status" });
  const retry = h("button", { type: "button", id: "workspace-retry", class: "primary" }, t("ui-signed-in-try-again"));
  const workspace = h(
    "div",
    { id: "workspace", class: "workspace", role: "status", "aria-live": "polite" },
    workspaceText,
    h("div", { class: "actions" }, retry),
  );
  // Just signed in with a recovery code: how many are left, and new ones.
  const recoveryText = h("p", { id: "recovery-left" });
  const recoveryGo = h("button", { type: "button", id: "recovery-continue", class: "primary" }, t("ui-continue"));
  // A recovery code instead of the app: the app is likely lost, so a new one is the main action.
  const newApp = h(
    "button",
    { type: "button", id: "new-authenticator", class: "primary" },
    t("ui-signed-in-new-app"),
  );
  const recovery = h(
    "div",
    { id: "recovery", class: "workspace", role: "status" },
    recoveryText,
    h("div", { class: "actions" }, newApp, recoveryGo),
  );
  const renewal = renewCodes(ctx);
  // Nothing is left to do here, so nothing is filled: Sign out is a way out, not the next step.
  const signOut = h("button", { type: "submit", class: "secondary" }, t("ui-signed-in-sign-out"));
  const form = h(
    "form",
    { id: "signed-in", class: "screen", novalidate: true, "aria-labelledby": "signed-in-title" },
    title,
    recovery,
    workspace,
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, t("ui-signed-in-email")),
      email,
      h("dt", {}, t("ui-signed-in-organization")),
      organization,
      h("dt", {}, t("ui-signed-in-expires")),
      h("dd", {}, expires),
    ),
    h("h3", { id: "factors-title" }, t("ui-signed-in-factors")),
    factors,
    notRemembered,
    kept,
    // Apart from Sign out, under a heading of its own: replacing codes is not a way out.
    renewal.root,
    h("div", { class: "actions actions--leave" }, signOut),
  );
  let factorsKey = "";

  newApp.addEventListener("click", () => {
    if (!newApp.disabled) void ctx.send("set_up_new_authenticator");
  });
  recoveryGo.addEventListener("click", () => {
    if (!recoveryGo.disabled) void ctx.send("recovery_codes_done");
  });
  retry.addEventListener("click", () => {
    if (retry.disabled) return;
    void ctx.send("open_workspace");
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (signOut.disabled) return;
    void ctx.send("sign_out");
  });

  const update = (v: SignedInView): void => {
    setText(email, v.email);
    setText(organization, v.organization_name ?? "—");
    setText(expires, formatLocalTime(v.session_expires_at, intlLocale()));
    expires.setAttribute("datetime", v.session_expires_at);
    const key = JSON.stringify(v.factors);
    if (key !== factorsKey) {
      factorsKey = key;
      factors.replaceChildren(...v.factors.map(factorItem));
    }
    // The notice, while it is up, already says it (with why and what to do): once is enough.
    notRemembered.hidden = v.remembered || v.notice?.code === "not_remembered";
    const codes = v.recovery_codes_left;
    const left = codes?.left ?? null;
    const offer = v.new_authenticator;
    recovery.hidden = codes === null && offer === null;
    // "You can close this window" waits until nothing is asked of the person here.
    kept.hidden = !v.remembered || !recovery.hidden;
    const low = codes?.low === true || offer === "old_removed";
    recovery.classList.toggle("workspace--failed", low);
    recovery.setAttribute("role", low ? "alert" : "status");
    setText(recoveryText, recoveryWords(left, codes?.low === true, offer));
    newApp.hidden = offer === null;
    setDisabled(newApp, v.busy);
    recoveryGo.hidden = left === null || v.workspace === null;
    // One main action: the new app when it is offered.
    recoveryGo.classList.toggle("primary", offer === null);
    recoveryGo.classList.toggle("secondary", offer !== null);
    setDisabled(recoveryGo, v.busy);
    // A new app brings new codes: while it is offered, renewing the lost app's codes is not a way
    // forward (and the screen must fit the window).
    renewal.update(v.can_renew_recovery_codes && offer === null, v.busy);
    workspace.hidden = v.workspace === null || left !== null;
    const failed = v.workspace?.failure ?? null;
    workspace.classList.toggle("workspace--failed", failed !== null);
    workspace.setAttribute("role", failed === null ? "status" : "alert");
    setText(
      workspaceText,
      v.workspace === null
        ? ""
        : failed === null
          ? t("ui-workspace-opens", { workspace: v.workspace.name })
          : failed, // one sentence, said by the core with its cause
    );
    retry.hidden = failed === null;
    setDisabled(retry, v.busy);
    setDisabled(signOut, v.busy);
  };
  update(view);
  return { root: form, update, focus: () => title.focus() };
};

/** What the signed-in screen says after a recovery code: how many are left, and (the app being
 *  likely lost) that a new app is the way forward — never "if you lose your phone" to someone who
 *  just did. */
export function recoveryWords(left: number | null, low: boolean, offer: NewAuthenticatorOffer | null): string {
  if (offer === "old_removed") return t("ui-recovery-words-old-removed");
  if (left === null) return offer === null ? "" : t("ui-recovery-words-lost");
  // What to do next, as a whole sentence each (the catalog's variants): new codes, or a new app.
  const next = offer === null ? "codes" : "app";
  if (left === 0) return t("ui-recovery-words-last", { next });
  return t(low ? "ui-recovery-words-low" : "ui-recovery-words-left", { next, left });
}
