// Each error from Rust shows its reference code for the helpdesk (issue #23, item 10); the
// window's own validation messages and information show none.
import { describe, expect, it } from "vitest";

import { NoticeRegion } from "./notice";

function region(): { el: HTMLElement; notices: NoticeRegion } {
  const el = document.createElement("div");
  return { el, notices: new NoticeRegion(el, () => Promise.resolve()) };
}

describe("the reference code", () => {
  it("is shown under an error from Rust", () => {
    const { el, notices } = region();
    notices.render({ kind: "error", code: "member_locked", message: "Locked.", action: null, retry_at: null });
    expect(el.querySelector("#notice-reference")?.textContent).toBe("Reference: member_locked");
  });

  it("is not shown for information or for the window's own checks", () => {
    const { el, notices } = region();
    notices.render({ kind: "info", code: "code_resent", message: "Sent.", action: null, retry_at: null });
    expect(el.querySelector("#notice-reference")).toBeNull();
    notices.render({ kind: "error", code: "code_incomplete_local", message: "Six digits.", action: null, retry_at: null });
    expect(el.querySelector("#notice-reference")).toBeNull();
    notices.render({ kind: "error", code: "ipc_failed", message: "Could not.", action: null, retry_at: null });
    expect(el.querySelector("#notice-reference")).toBeNull();
  });
});
