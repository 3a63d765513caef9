import { describe, expect, it } from "vitest";
import { MAX_ID } from "./common.ts";
import { parsePathId } from "./path-id.ts";

describe("parsePathId", () => {
  it("reads canonical decimal ids", () => {
    expect(parsePathId("1")).toBe(1);
    expect(parsePathId("42")).toBe(42);
    expect(parsePathId(String(MAX_ID))).toBe(MAX_ID);
  });

  it.each(["", "0", "01", "0x1", "+1", "1e0", "1.0", " 1", "1 ", "-1", "１", String(MAX_ID + 1), "99999999999", "abc"])("%j names no record", (raw) => {
    expect(parsePathId(raw)).toBeNull();
  });
});
