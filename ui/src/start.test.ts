/// <reference types="vite/client" />
import { beforeEach, describe, expect, it, vi, type Mock } from "vitest";

vi.mock("./api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { currentView, onView } from "./api";
import { start } from "./app";
import { views } from "./fixtures";
import type { View } from "./types";
import indexHtml from "../index.html?raw";

const currentViewMock = currentView as unknown as Mock;
const onViewMock = onView as unknown as Mock;

function loadIndexBody(): void {
  const body = /<body>([\s\S]*)<\/body>/.exec(indexHtml)?.[1] ?? "";
  document.body.innerHTML = body;
}

let emit: (view: View) => void = () => undefined;

beforeEach(() => {
  currentViewMock.mockReset();
  onViewMock.mockReset();
  onViewMock.mockImplementation((handler: (view: View) => void) => {
    emit = handler;
    return Promise.resolve(() => undefined);
  });
  loadIndexBody();
});

describe("index.html", () => {
  it("paints the shell before any script runs, with no inline script or style", () => {
    expect(document.querySelector("header h1")?.textContent).toBe("Gatehouse");
    expect(document.querySelector("main#app")?.getAttribute("data-screen")).toBe("starting");
    expect(document.querySelector("#notice")).not.toBeNull();
    expect(document.querySelector("section#starting")?.textContent).toBe("Restoring your session…");
    expect(indexHtml).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(indexHtml).not.toMatch(/\sstyle=/);
    expect(indexHtml).not.toMatch(/<style/);
    expect(indexHtml).not.toMatch(/https?:\/\//);
  });
});

describe("start", () => {
  it("subscribes to views, then renders current_view", async () => {
    currentViewMock.mockResolvedValue(views.signIn());
    const app = await start(document);
    expect(onViewMock.mock.invocationCallOrder[0]).toBeLessThan(currentViewMock.mock.invocationCallOrder[0]!);
    expect(document.querySelectorAll("header h1")).toHaveLength(1);
    expect(document.querySelector("main#app")?.getAttribute("data-screen")).toBe("sign_in");
    expect(document.activeElement?.id).toBe("email");

    emit(views.checkEmail());
    expect(document.querySelector("main#app")?.getAttribute("data-screen")).toBe("check_email");
    app.destroy();
  });

  it("asks again when a view event overtakes current_view", async () => {
    currentViewMock
      .mockImplementationOnce(() => {
        // A deep link at cold start: the machine moved on while we were asking.
        emit(views.enterCode());
        return Promise.resolve(views.signIn());
      })
      .mockResolvedValueOnce(views.enterCode());
    const app = await start(document);
    expect(currentViewMock).toHaveBeenCalledTimes(2);
    expect(document.querySelector("main#app")?.getAttribute("data-screen")).toBe("enter_code");
    app.destroy();
  });

  it("says so when the core cannot be reached", async () => {
    currentViewMock.mockRejectedValue(new Error("ipc down"));
    const app = await start(document);
    expect(document.querySelector<HTMLElement>("#notice")?.dataset.code).toBe("ipc_failed");
    app.destroy();
  });
});
