// Every second step has a way back (issue #23): "Not you? Use another email", with the address.
import { describe, expect, it, vi, type Mock } from "vitest";

vi.mock("../api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { call } from "../api";
import { createApp } from "../app";
import { freshApp } from "../test_app";
import { $ } from "../testing";
import { factorViews, views } from "../fixtures";

const callMock = call as unknown as Mock;

const ui = freshApp();

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
      ui.app.destroy();
      ui.app = createApp(document);
      callMock.mockClear();
      ui.app.render(view);
      expect($(".not-you__who").textContent, view.screen).toBe("Signing in as ada@example.com.");
      $<HTMLButtonElement>("#not-you").click();
      expect(callMock, view.screen).toHaveBeenCalledExactlyOnceWith("use_another_address");
    }
  });
});
