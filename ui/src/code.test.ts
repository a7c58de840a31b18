import { describe, expect, it } from "vitest";
import { isCompleteCode, normaliseCode } from "./code";

describe("normaliseCode", () => {
  it.each([
    ["123456", "123456"],
    ["123 456", "123456"],
    ["123-456", "123456"],
    ["  12 34 56 ", "123456"],
    ["123\u00a0456", "123456"],
    ["Your Gatehouse code is 654 321. It expires in 2 minutes.", "654321"],
    ["12a3", "123"],
    ["1234567", "123456"],
    ["", ""],
  ])("%j becomes %j", (raw, expected) => {
    expect(normaliseCode(raw)).toBe(expected);
  });
});

describe("isCompleteCode", () => {
  it("wants exactly six digits", () => {
    expect(isCompleteCode("123456")).toBe(true);
    expect(isCompleteCode("12345")).toBe(false);
    expect(isCompleteCode("12345a")).toBe(false);
    expect(isCompleteCode("1234567")).toBe(false);
  });
});
