// The window under test, shared by the UI's tests: a fresh app for each test, on fake timers at
// T0, in an empty document, with the Rust bridge's mock cleared (each test file mocks "./api"
// itself: Vitest hoists vi.mock to the file that calls it); torn down after.
import { afterEach, beforeEach, vi } from "vitest";

import { call } from "./api";
import { createApp, type App } from "./app";
import { T0 } from "./fixtures";

/** Call at a test file's top level; `ui.app` is the current test's window. */
export function freshApp(): { app: App } {
  const ui = { app: null as unknown as App };
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
    vi.setSystemTime(T0);
    document.body.innerHTML = "";
    vi.mocked(call).mockClear();
    vi.mocked(call).mockImplementation(() => Promise.resolve());
    ui.app = createApp(document);
  });
  afterEach(() => {
    ui.app.destroy();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  return ui;
}
