// What every screen module provides to the renderer, and what the renderer lends to screens.
import type { CommandArgs, CommandName, LocalNoticeCode, Notice, ScreenName, View } from "./types";

export type ViewOf<S extends ScreenName> = Extract<View, { screen: S }>;

export interface Screen<V extends View = View> {
  /** The screen's element, placed in main#app. */
  root: HTMLElement;
  /** A new view for the same screen: update text, countdowns and disabled states, never inputs. */
  update(view: V): void;
  /** Called several times a second for countdowns. */
  tick?(now: number): void;
  /** Focus the first field (or the heading when there is none). */
  focus(): void;
}

export interface Ctx {
  /** Send an intent; a failure to reach Rust at all becomes a notice. */
  send<K extends CommandName>(name: K, ...args: CommandArgs<K>): Promise<void>;
  /** A notice raised by the webview itself (client-side validation); null clears it. */
  setLocalNotice(notice: Notice | null): void;
  /** Say something once to screen readers without showing it. */
  announce(text: string): void;
}

export function localError(code: LocalNoticeCode, message: string): Notice {
  return { kind: "error", code, message, action: null, retry_at: null };
}

export type Builder<S extends ScreenName> = (view: ViewOf<S>, ctx: Ctx) => Screen<ViewOf<S>>;
