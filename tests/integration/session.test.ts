import { beforeAll, describe, expect, it } from "vitest";
import * as session from "@/app/api/session/route.ts";
import * as nodes from "@/app/api/nodes/route.ts";
import { call, cookieFrom } from "./support/call.ts";
import { TEST_ADMIN_PASSWORD, useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();

describe("sign-in", () => {
  beforeAll(() => expect(TEST_ADMIN_PASSWORD).not.toBe(""));

  it("creates the admin account with a hashed password on first start", async () => {
    const admin = await runtime().db.adminUser.findUniqueOrThrow({ where: { username: "admin" } });
    expect(admin.passwordHash).not.toContain(TEST_ADMIN_PASSWORD);
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("sets an httpOnly SameSite session cookie and stores only the token's hash", async () => {
    const answer = await call(session.POST, {
      method: "POST",
      path: "/api/session",
      body: { username: "admin", password: TEST_ADMIN_PASSWORD },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ user: { id: expect.any(Number), username: "admin", role: "super_user", mustChangePassword: false } });
    const setCookie = answer.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    const token = cookieFrom(answer).split("=")[1]!;
    const stored = await runtime().db.session.findMany();
    expect(stored.some((s) => s.tokenHash === token)).toBe(false);
  });

  it.each([
    ["wrong password", { username: "admin", password: "not-the-password" }],
    ["unknown user", { username: "nobody", password: TEST_ADMIN_PASSWORD }],
  ])("refuses a %s with the same message, giving no hint which part was wrong", async (_, body) => {
    const before = await runtime().db.session.count();
    const answer = await call(session.POST, { method: "POST", path: "/api/session", body });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: { code: "unauthorized", message: "Invalid user ID or password" } });
    expect(answer.headers.get("set-cookie")).toBeNull();
    expect(await runtime().db.session.count()).toBe(before);
  });

  it("answers malformed JSON with 400 and missing fields with 422 naming the field", async () => {
    const malformed = await call(session.POST, { method: "POST", path: "/api/session", rawBody: "{not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("malformed_request");

    const missing = await call(session.POST, { method: "POST", path: "/api/session", body: { username: "admin" } });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({ code: "validation_failed", fields: { password: "Password is required" } });
  });

  it("signs out: the session ends and the cookie no longer works", async () => {
    const signedIn = await call(session.POST, {
      method: "POST",
      path: "/api/session",
      body: { username: "admin", password: TEST_ADMIN_PASSWORD },
    });
    const cookie = cookieFrom(signedIn);
    expect((await call(nodes.GET, { path: "/api/nodes", cookie })).status).toBe(200);

    const out = await call(session.DELETE, { method: "DELETE", path: "/api/session", cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/i);
    const after = await call(nodes.GET, { path: "/api/nodes", cookie });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthorized");
  });

  it("refuses a forged session cookie", async () => {
    const answer = await call(session.GET, { path: "/api/session", cookie: "prg_session=forged-token" });
    expect(answer.status).toBe(401);
  });
});
