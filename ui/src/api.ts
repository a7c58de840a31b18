// The only module that talks to Tauri, so that tests can replace it with vi.mock("./api").
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { CommandArgs, CommandName, View } from "./types";

export const VIEW_EVENT = "view";

/** Send an intent to the sign-in machine. */
export function call<K extends CommandName>(name: K, ...args: CommandArgs<K>): Promise<void> {
  return invoke<void>(name, args[0] as Record<string, unknown> | undefined);
}

export function currentView(): Promise<View> {
  return invoke<View>("current_view");
}

/** Subscribe to the machine's views; resolves once the subscription is in place. */
export function onView(handler: (view: View) => void): Promise<() => void> {
  return listen<View>(VIEW_EVENT, (event) => handler(event.payload));
}
