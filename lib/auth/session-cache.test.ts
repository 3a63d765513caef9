import { describe, expect, it } from "vitest";
import { SessionCache } from "./session-cache.ts";

const session = (userId: number) => ({ userId, expiresAt: new Date(0), lastSeenAt: new Date(0) });

describe("the session cache", () => {
  it("keeps nothing while the database's notices are not heard, and forgets everything when they stop", () => {
    const cache = new SessionCache();
    cache.keep("a", session(1), cache.mark());
    expect(cache.get("a")).toBeUndefined();
    cache.listening(true);
    cache.keep("a", session(1), cache.mark());
    expect(cache.get("a")).toBeDefined();
    cache.listening(false);
    expect(cache.get("a")).toBeUndefined();
    cache.listening(true);
    expect(cache.get("a")).toBeUndefined();
  });

  it("forgets a session on its notice and every session of an account on the account's", () => {
    const cache = new SessionCache();
    cache.listening(true);
    for (const [key, user] of [["a", 1], ["b", 1], ["c", 2]] as const) cache.keep(key, session(user), cache.mark());
    cache.heard("k:c");
    expect(cache.get("c")).toBeUndefined();
    cache.heard("u:1");
    expect([cache.get("a"), cache.get("b")]).toEqual([undefined, undefined]);
  });

  it("does not keep a read that began before a forgetting: it may hold what was forgotten", () => {
    const cache = new SessionCache();
    cache.listening(true);
    const mark = cache.mark();
    // The read is under way when the session's notice arrives; then it answers the row as it was.
    cache.heard("k:a");
    cache.keep("a", session(1), mark);
    expect(cache.get("a")).toBeUndefined();
  });

  it("takes an unknown notice as a reason to forget everything", () => {
    const cache = new SessionCache();
    cache.listening(true);
    cache.keep("a", session(1), cache.mark());
    cache.heard("something new");
    expect(cache.get("a")).toBeUndefined();
  });
});
