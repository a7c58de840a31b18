// The renderer: shows the view Rust sends. A view for the screen already shown only updates
// it (so nothing typed is lost); a view for another screen (or a code screen for another factor)
// replaces it and focuses its first field.
import { locale, setLocale, t } from "./i18n";
import { call, currentView, onView } from "./api";
import { h, setText } from "./dom";
import { msUntil } from "./time";
import { NoticeRegion } from "./notice";
import type { Builder, Ctx, Screen, ViewOf } from "./screen";
import { buildCheckEmail } from "./screens/check_email";
import { buildConfigError } from "./screens/config_error";
import { buildChooseFactor } from "./screens/choose_factor";
import { buildEnrollTotp } from "./screens/enroll_totp";
import { buildEnterCode } from "./screens/enter_code";
import { buildEnterRecoveryCode } from "./screens/enter_recovery_code";
import { buildRecoveryCodes } from "./screens/recovery_codes";
import { buildSignIn } from "./screens/sign_in";
import { buildSignedIn } from "./screens/signed_in";
import { buildStarting } from "./screens/starting";
import { errorText } from "./types";
import type { CommandArgs, CommandName, Notice, ScreenName, View } from "./types";

const builders: { [S in ScreenName]: Builder<S> } = {
  starting: buildStarting,
  config_error: buildConfigError,
  sign_in: buildSignIn,
  check_email: buildCheckEmail,
  // Phone enrolment carries libphonenumber-js's metadata (most of the bundle): load it apart,
  // so the sign-in screen is interactive sooner; it is fetched at idle after the first render.
  enroll_phone: lazy(loadEnrollPhone),
  enter_code: buildEnterCode,
  choose_factor: buildChooseFactor,
  enroll_totp: buildEnrollTotp,
  enter_recovery_code: buildEnterRecoveryCode,
  recovery_codes: buildRecoveryCodes,
  signed_in: buildSignedIn,
};

function loadEnrollPhone(): Promise<Builder<"enroll_phone">> {
  return import("./screens/enroll_phone").then((m) => m.buildEnrollPhone);
}

/** A screen whose module loads on first use: a placeholder at once, the real screen (built
 *  from the latest view) when the module arrives. */
export function lazy<S extends ScreenName>(load: () => Promise<Builder<S>>): Builder<S> {
  return (view, ctx) => {
    const root = h("div", { class: "lazy-screen" }, h("p", { class: "screen screen--quiet" }, t("ui-loading")));
    let latest = view;
    let real: Screen<ViewOf<S>> | null = null;
    let wantsFocus = false;
    load().then(
      (build) => {
        real = build(latest, ctx);
        root.replaceChildren(real.root);
        if (wantsFocus && root.isConnected) real.focus();
      },
      (err: unknown) => {
        root.replaceChildren(
          h("p", { class: "field-error" }, t("ui-screen-load-failed", { error: String(err) })),
        );
      },
    );
    return {
      root,
      update(v) {
        latest = v;
        real?.update(v);
      },
      tick(now) {
        real?.tick?.(now);
      },
      focus() {
        if (real) real.focus();
        else wantsFocus = true;
      },
    };
  };
}

const TICK_MS = 250;
/** The actions a wait holds back: each screen's submit button and its "send again" buttons. */
const HELD_ACTIONS = 'button[type="submit"], button[data-resend]';

export interface Shell {
  main: HTMLElement;
  devBanner: HTMLElement;
  notice: HTMLElement;
  screen: HTMLElement;
  working: HTMLElement;
  announcer: HTMLElement;
}

/** Find the page's fixed parts (index.html paints them before any script runs); create any
 *  that are missing, as in tests. */
export function shell(doc: Document = document): Shell {
  const body = doc.body;
  let header = doc.querySelector<HTMLElement>("header.masthead");
  if (!header) {
    header = h("header", { class: "masthead" }, h("h1", {}, "Gatehouse"));
    body.prepend(header);
  }
  let devBanner = doc.getElementById("dev-mode");
  if (!devBanner) {
    devBanner = h("div", { id: "dev-mode", class: "dev-banner", role: "note", hidden: true });
    header.after(devBanner);
  }
  let main = doc.getElementById("app");
  if (!main) {
    main = h("main", { id: "app" });
    devBanner.after(main);
  }
  const part = (id: string, make: () => HTMLElement): HTMLElement => {
    let el = doc.getElementById(id);
    if (!el) {
      el = make();
      main.append(el);
    }
    return el;
  };
  const parts: Shell = {
    main,
    devBanner,
    notice: part("notice", () => h("div", { id: "notice" })),
    screen: part("screen", () => h("div", { id: "screen" })),
    working: part("working", () => h("p", { id: "working", class: "working", hidden: true })),
    announcer: part("announcer", () => h("div", { id: "announcer", class: "visually-hidden", "aria-live": "polite" })),
  };
  relabel(parts);
  return parts;
}

/** The fixed parts' words in the window's language: index.html paints them in English before
 *  any script runs (no language is known yet); the screens are rebuilt in a new language, these
 *  stay, so they follow it here. */
export function relabel(parts: Shell): void {
  setText(parts.devBanner, t("ui-dev-mode"));
  setText(parts.working, t("ui-working"));
}

export interface App {
  render(view: View): void;
  readonly view: View | null;
  readonly ctx: Ctx;
  destroy(): void;
}

export function createApp(doc: Document = document): App {
  const parts = shell(doc);
  let shown: { key: string; screen: Screen } | null = null;
  let lastView: View | null = null;
  let localNotice: Notice | null = null;
  let focusBeforeBusy: HTMLElement | null = null;

  async function send<K extends CommandName>(name: K, ...args: CommandArgs<K>): Promise<void> {
    setLocalNotice(null);
    try {
      await call(name, ...args);
    } catch (err) {
      const detail = errorText(err);
      setLocalNotice({
        kind: "error",
        code: "ipc_failed",
        message: t("ui-ipc-failed", { error: detail }),
        action: null,
        retry_at: null,
      });
    }
  }

  function setLocalNotice(notice: Notice | null): void {
    localNotice = notice;
    notices.render(localNotice ?? lastView?.notice ?? null);
  }

  function announce(text: string): void {
    parts.announcer.textContent = "";
    // A fresh text node after clearing makes screen readers announce even a repeated message.
    setTimeout(() => (parts.announcer.textContent = text), 50);
  }

  const ctx: Ctx = { send, setLocalNotice, announce };
  const notices = new NoticeRegion(parts.notice, send);

  function render(view: View): void {
    const active = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
    if (view.busy && !lastView?.busy && active && parts.main.contains(active)) focusBeforeBusy = active;

    lastView = view;
    if (view.locale !== locale()) {
      setLocale(view.locale);
      relabel(parts);
    }
    parts.main.dataset.screen = view.screen;
    parts.main.dataset.busy = String(view.busy);
    // The core names each screen (the shell gives the native window the same title).
    if (view.window_title && doc.title !== view.window_title) doc.title = view.window_title;
    parts.devBanner.hidden = !view.dev_mode;
    parts.working.hidden = !view.busy || view.screen === "starting"; // the start screen already says it is working
    if (view.notice) localNotice = null;

    let rebuilt = false;
    // A new language rebuilds the screen in it.
    const key = `${view.locale} ${screenKey(view)}`;
    if (!shown || shown.key !== key) {
      const build = builders[view.screen] as Builder<ScreenName> | undefined;
      const screen = build ? build(view as never, ctx) : unknownScreen(view);
      parts.screen.replaceChildren(screen.root);
      shown = { key, screen };
      localNotice = null;
      focusBeforeBusy = null;
      rebuilt = true;
    }
    // The notice first: a screen that focuses its field on an error then scrolls it into view
    // with the notice already above the heading, not to where the field was before it.
    notices.render(localNotice ?? view.notice);
    if (!rebuilt) shown.screen.update(view as never);
    shown.screen.tick?.(Date.now());
    holdWhileWaiting(Date.now());

    if (rebuilt) {
      shown.screen.focus();
    } else if (!view.busy && focusBeforeBusy) {
      // Disabling a focused button drops focus to <body>; give it back once work is done.
      const lost = !doc.activeElement || doc.activeElement === doc.body;
      if (lost && focusBeforeBusy.isConnected) focusBeforeBusy.focus();
      focusBeforeBusy = null;
    }
  }

  /** While an error's wait runs (a rate limit, a lock), the screen's actions that would only be
   *  refused again stay disabled: one countdown, and nothing to press until it can work. */
  function holdWhileWaiting(now: number): void {
    const notice = localNotice ?? lastView?.notice ?? null;
    const waiting = notice?.kind === "error" && notice.retry_at !== null && msUntil(notice.retry_at, now) > 0;
    for (const button of parts.screen.querySelectorAll<HTMLButtonElement>(HELD_ACTIONS)) {
      if (waiting && !button.disabled) {
        button.disabled = true;
        button.dataset.held = "true";
      } else if (!waiting && button.dataset.held) {
        delete button.dataset.held;
        button.disabled = Boolean(lastView?.busy);
      }
    }
  }

  const timer = setInterval(() => {
    const now = Date.now();
    shown?.screen.tick?.(now);
    notices.tick(now);
    holdWhileWaiting(now);
  }, TICK_MS);

  return {
    render,
    ctx,
    get view() {
      return lastView;
    },
    destroy() {
      clearInterval(timer);
    },
  };
}

/** Which screen a view shows: its name, and for a code, its factor. Another factor is another
 *  screen (its own heading and field, focused on arrival): updating in place would leave focus on
 *  the "Use another way" button it replaced. */
export function screenKey(view: View): string {
  return view.screen === "enter_code" ? `enter_code:${view.factor}` : view.screen;
}

function unknownScreen(view: View): Screen {
  // A newer core than this window: say so rather than show nothing.
  const root = h(
    "section",
    { id: "unknown-screen", class: "screen" },
    h("h2", { tabindex: "-1" }, t("ui-unknown-screen-title")),
    h("p", {}, t("ui-unknown-screen", { screen: String(view.screen) })),
  );
  return { root, update() {}, focus: () => root.querySelector<HTMLElement>("h2")?.focus() };
}

/** Start: subscribe to views first, then ask for the current one, so a view emitted while
 *  starting (a deep link at cold start) cannot slip between the two. */
export async function start(doc: Document = document): Promise<App> {
  const app = createApp(doc);
  let eventsSeen = 0;
  await onView((view) => {
    eventsSeen += 1;
    app.render(view);
  });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const before = eventsSeen;
    try {
      const view = await currentView();
      // An event that arrived while we asked may be newer than the answer: ask again.
      if (eventsSeen === before) {
        app.render(view);
        break;
      }
    } catch (err) {
      if (eventsSeen > 0) break;
      app.ctx.setLocalNotice({
        kind: "error",
        code: "ipc_failed",
        message: t("ui-start-failed", { error: errorText(err) }),
        action: null,
        retry_at: null,
      });
      break;
    }
  }
  prefetchSoon();
  return app;
}

/** Fetch the lazily loaded screens once the first view is up, so they are ready when needed. */
function prefetchSoon(): void {
  const run = (): void => void loadEnrollPhone().catch(() => undefined);
  if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}
