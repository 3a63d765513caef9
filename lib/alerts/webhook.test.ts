import { describe, expect, it } from "vitest";
import { backoffDelay } from "./webhook.ts";

describe("webhook backoff", () => {
  it("doubles the wait after each failed attempt", () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, 1000))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });
});
