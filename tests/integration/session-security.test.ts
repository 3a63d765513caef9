import { afterEach, describe, expect, it } from "vitest";
import * as session from "@/app/api/session/route.ts";
import { findSession, sessionLimits, signIn } from "@/lib/auth/sessions.ts";
import { FAILURE_POINTS, SignInThrottle } from "@/lib/auth/throttle.ts";
import { call, cookieFrom } from "./support/call.ts";
import { TEST_ADMIN_PASSWORD, useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();
const MINUTE = 60_000;

afterEach(() => {
  delete process.env.SESSION_IDLE_MINUTES;
  delete process.env.SESSION_MAX_MINUTES;
});

describe("session expiry", () => {
  it("ends a session left idle for SESSION_IDLE_MINUTES, and keeps one in use", async () => {
    process.env.SESSION_IDLE_MINUTES = "10";
    const t0 = new Date("2030-01-01T00:00:00Z");
    const s = (await signIn(runtime().db, "admin", TEST_ADMIN_PASSWORD, t0))!;
    // Used every 9 minutes: still open after 45.
    for (let m = 9; m <= 45; m += 9) expect(await findSession(runtime().db, s.token, new Date(t0.getTime() + m * MINUTE)), `minute ${m}`).not.toBeNull();
    // Then 10 minutes without a request: gone, and gone for good.
    expect(await findSession(runtime().db, s.token, new Date(t0.getTime() + 55 * MINUTE))).toBeNull();
    expect(await findSession(runtime().db, s.token, new Date(t0.getTime() + 46 * MINUTE))).toBeNull();
  });

  it("ends a session SESSION_MAX_MINUTES after sign-in however busy", async () => {
    process.env.SESSION_MAX_MINUTES = "60";
    process.env.SESSION_IDLE_MINUTES = "30";
    const t0 = new Date("2030-01-02T00:00:00Z");
    const s = (await signIn(runtime().db, "admin", TEST_ADMIN_PASSWORD, t0))!;
    expect(s.expiresAt.getTime() - t0.getTime()).toBe(60 * MINUTE);
    for (let m = 10; m < 60; m += 10) expect(await findSession(runtime().db, s.token, new Date(t0.getTime() + m * MINUTE))).not.toBeNull();
    expect(await findSession(runtime().db, s.token, new Date(t0.getTime() + 60 * MINUTE))).toBeNull();
  });

  it("defaults: 30 minutes idle, 12 hours at most; a bad setting stops with its name", () => {
    expect(sessionLimits({})).toEqual({ idleMs: 30 * MINUTE, maxMs: 12 * 60 * MINUTE });
    expect(() => sessionLimits({ SESSION_IDLE_MINUTES: "soon" })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => sessionLimits({ SESSION_MAX_MINUTES: "-5" })).toThrow(/SESSION_MAX_MINUTES/);
  });

  it("rotates on sign-in: the session the browser held before ends", async () => {
    const first = await call(session.POST, { method: "POST", path: "/api/session", body: { username: "admin", password: TEST_ADMIN_PASSWORD } });
    const old = cookieFrom(first);
    const second = await call(session.POST, { method: "POST", path: "/api/session", cookie: old, body: { username: "admin", password: TEST_ADMIN_PASSWORD } });
    expect(second.status).toBe(200);
    expect(cookieFrom(second)).not.toBe(old);
    expect((await call(session.GET, { path: "/api/session", cookie: old })).status).toBe(401);
    expect((await call(session.GET, { path: "/api/session", cookie: cookieFrom(second) })).status).toBe(200);
  });

  it("signing out ends the session in the database, so every instance refuses it at once", async () => {
    const cookie = cookieFrom(await call(session.POST, { method: "POST", path: "/api/session", body: { username: "admin", password: TEST_ADMIN_PASSWORD } }));
    await call(session.DELETE, { method: "DELETE", path: "/api/session", cookie });
    expect(await findSession(runtime().db, cookie.split("=")[1])).toBeNull();
  });
});

describe("sign-in throttle", () => {
  it("holds across a restart and across instances: the counts are in the database", async () => {
    const db = runtime().db;
    const before = new SignInThrottle(db);
    for (let i = 0; i < FAILURE_POINTS; i++) await before.recordFailure("192.0.2.7", "Admin");
    expect(await before.blockedFor("192.0.2.7", "admin")).toBeGreaterThan(0);
    // A new process (or another instance) on the same database.
    const after = new SignInThrottle(db);
    expect(await after.blockedFor("192.0.2.7", "admin")).toBeGreaterThan(0);
    expect(await after.blockedFor("192.0.2.8", "admin")).toBe(0);
    expect(await db.signInThrottle.count()).toBeGreaterThan(0);
    await after.recordSuccess("192.0.2.7", "admin");
    expect(await before.blockedFor("192.0.2.7", "admin")).toBe(0);
  });

  it("the sign-in route answers 429 once the failures are used up, and audits it", async () => {
    for (let i = 0; i < FAILURE_POINTS; i++) {
      const wrong = await call(session.POST, { method: "POST", path: "/api/session", body: { username: "nobody", password: "wrong" } });
      expect(wrong.status).toBe(401);
    }
    const blocked = await call(session.POST, { method: "POST", path: "/api/session", body: { username: "nobody", password: "wrong" } });
    expect(blocked.status).toBe(429);
    expect(await runtime().db.auditLog.count({ where: { action: "signIn", status: 429, username: "nobody" } })).toBe(1);
  });
});
