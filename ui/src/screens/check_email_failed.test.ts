// A link that arrived but could not be checked (issue #23, item 8): the screen stops saying
// "check your email", and the notice's Try again is the way forward; Resend is no longer primary.
import { describe, expect, it, vi } from "vitest";

vi.mock("../api", () => ({
  call: vi.fn(() => Promise.resolve()),
  currentView: vi.fn(),
  onView: vi.fn(),
}));

import { freshApp } from "../test_app";
import { $ } from "../testing";
import { views } from "../fixtures";


const ui = freshApp();

const down = {
  kind: "error" as const,
  code: "stytch_down" as const,
  message: "The sign-in service is having trouble right now. Nothing was lost: try again in a minute.",
  action: "retry" as const,
  retry_at: null,
};

describe("a link that could not be checked", () => {
  it("says the link arrived, with Try again the one primary way forward", () => {
    ui.app.render(views.checkEmail({ link_check_failed: true, notice: down }));
    expect($("#check-email-title").textContent).toBe("Your link could not be checked");
    expect($("#check-email-lede").textContent).toContain("arrived");
    expect($("#check-email-lede").textContent).not.toContain("Open it");
    expect($("#resend-link").classList.contains("primary")).toBe(false);
    expect(document.querySelectorAll("#check-email-screen button.primary").length).toBe(0);
    expect($("#notice button#retry")).toBeTruthy();
  });

  it("goes back to 'Check your email' once the link is checked or a new one sent", () => {
    ui.app.render(views.checkEmail({ link_check_failed: true, notice: down }));
    ui.app.render(views.checkEmail());
    expect($("#check-email-title").textContent).toBe("Check your email");
    expect($("#check-email-lede").textContent).toBe("We sent a sign-in link to ada@example.com. Open it on this computer to continue.");
    expect($("#resend-link").classList.contains("primary")).toBe(true);
  });
});
