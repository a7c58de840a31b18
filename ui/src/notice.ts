// The notice region: one live region, present from the start so that screen readers hear
// every change; role="alert" for errors, role="status" for information.
import { h, setText } from "./dom";
import { locale, t } from "./i18n";
import { formatCountdown, msUntil } from "./time";
import type { CommandArgs, CommandName, Notice } from "./types";

/** The window's own notices (validation, a failed call into Rust): not in the helpdesk table. */
function isLocal(code: string): boolean {
  return code === "ipc_failed" || code.endsWith("_local");
}

type Send = <K extends CommandName>(name: K, ...args: CommandArgs<K>) => Promise<void>;

export class NoticeRegion {
  private key = "";
  private retryAt: string | null = null;
  private retryEl: HTMLElement | null = null;

  constructor(
    readonly el: HTMLElement,
    private readonly send: Send,
  ) {
    this.clear();
  }

  render(notice: Notice | null, now: number = Date.now()): void {
    // The language too: its buttons and reference line are said again in a new one.
    const key = notice
      ? JSON.stringify([locale(), notice.kind, notice.code, notice.message, notice.action, notice.retry_at])
      : "";
    if (key === this.key) return;
    this.key = key;
    if (!notice) {
      this.clear();
      return;
    }
    const error = notice.kind === "error";
    this.el.setAttribute("role", error ? "alert" : "status");
    this.el.setAttribute("aria-live", error ? "assertive" : "polite");
    this.el.dataset.code = notice.code;
    this.el.dataset.kind = notice.kind;
    this.el.className = `notice notice--${error ? "error" : "info"}`;

    const parts: Node[] = [h("p", { id: "notice-message" }, notice.message)];
    // An error from Rust carries its code for the helpdesk (the README's "reference codes");
    // the window's own validation messages need none.
    if (error && !isLocal(notice.code)) {
      parts.push(h("p", { id: "notice-reference", class: "notice__ref" }, t("ui-notice-reference", { code: notice.code })));
    }
    this.retryAt = null;
    this.retryEl = null;
    if (notice.action === "restart") {
      const button = h("button", { type: "button", id: "restart", class: "secondary" }, t("ui-notice-start-again"));
      button.addEventListener("click", () => void this.send("restart"));
      parts.push(button);
    }
    if (notice.retry_at) {
      this.retryAt = notice.retry_at;
      this.retryEl = h("p", { id: "notice-retry", class: "notice__retry" });
      parts.push(this.retryEl);
    }
    if (notice.action === "retry") {
      const button = h("button", { type: "button", id: "retry", class: "secondary" }, t("ui-notice-try-again"));
      button.addEventListener("click", () => void this.send("retry"));
      parts.push(button);
    }
    this.el.replaceChildren(...parts);
    this.tick(now);
  }

  /** Keep a "try again in m:ss" countdown current. */
  tick(now: number = Date.now()): void {
    if (!this.retryAt || !this.retryEl) return;
    const left = msUntil(this.retryAt, now);
    setText(
      this.retryEl,
      left > 0 ? t("ui-notice-retry-in", { countdown: formatCountdown(left) }) : t("ui-notice-retry-now"),
    );
  }

  private clear(): void {
    this.retryAt = null;
    this.retryEl = null;
    this.el.replaceChildren();
    this.el.setAttribute("role", "status");
    this.el.setAttribute("aria-live", "polite");
    this.el.setAttribute("aria-atomic", "true");
    delete this.el.dataset.code;
    delete this.el.dataset.kind;
    this.el.className = "notice notice--empty";
  }
}
