import { describe, expect, it } from "vitest";

describe("placeholder", () => {
  it("runs", () => {
    expect(1 + 1).toBe(2);
  });
});
