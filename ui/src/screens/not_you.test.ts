// Every second step has a way back (issue #23): "Not you? Use another email", with the address.
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from "vitest";

vi.mock("../api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { call } from "../api";
import { createApp, type App } from "../app";
import { $ } from "../testing";
import { T0, factorViews, views } from "../fixtures";

const callMock = call as unknown as Mock;
let app: App;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
  vi.setSystemTime(T0);
  document.body.innerHTML = "";
  callMock.mockClear();
  app = createApp(document);
});

afterEach(() => {
  app.destroy();
  vi.useRealTimers();
});

describe("the way back", () => {
  const second = [
    views.enterCode(),
    factorViews.choose(),
    factorViews.enrollTotp(),
    factorViews.recovery(),
  ];
  it("offers 'Not you? Use another email' with the address on every second step", () => {
    for (const view of second) {
      document.body.innerHTML = "";
      app.destroy();
      app = createApp(document);
      callMock.mockClear();
      app.render(view);
      expect($(".not-you__who").textContent, view.screen).toBe("Signing in as ada@example.com.");
      $<HTMLButtonElement>("#not-you").click();
      expect(callMock, view.screen).toHaveBeenCalledExactlyOnceWith("use_another_address");
    }
  });
});
