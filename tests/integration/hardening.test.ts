import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as events from "@/app/api/events/route.ts";
import * as groups from "@/app/api/groups/route.ts";
import * as nodes from "@/app/api/nodes/route.ts";
import * as groupById from "@/app/api/groups/[id]/route.ts";
import * as session from "@/app/api/session/route.ts";
import * as users from "@/app/api/users/route.ts";
import * as userById from "@/app/api/users/[id]/route.ts";
import { call } from "./support/call.ts";
import { expectError, leavesUnchanged } from "./support/expect.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { TEST_ADMIN_PASSWORD, useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();
let cookie = "";
beforeAll(async () => {
  cookie = await signInAsAdmin();
});

describe("requests the API refuses without changing anything", () => {
  it("a body without a JSON content type: 400", async () => {
    const request = new NextRequest("http://127.0.0.1/api/groups", {
      method: "POST",
      headers: { cookie, "content-type": "text/plain", host: "127.0.0.1", origin: "http://127.0.0.1" },
      body: JSON.stringify({ name: "Sneaky", server1Id: 1 }),
    });
    const response = await groups.POST(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("malformed_request");
    expect(await runtime().db.presenceRedundancyGroup.count({ where: { name: "Sneaky" } })).toBe(0);
  });

  it("a write from another origin: 403", async () => {
    const request = new NextRequest("http://127.0.0.1:3000/api/groups", {
      method: "POST",
      headers: { cookie, "content-type": "application/json", origin: "http://127.0.0.1:8080", host: "127.0.0.1:3000" },
      body: JSON.stringify({ name: "CrossOrigin", server1Id: 1 }),
    });
    const response = await groups.POST(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(403);
    expect(await runtime().db.presenceRedundancyGroup.count({ where: { name: "CrossOrigin" } })).toBe(0);
  });

  it("ids beyond what the database holds and control characters in search text: 422, never 500", async () => {
    expect((await call(groups.POST, { method: "POST", path: "/api/groups", cookie, body: { name: "Big", server1Id: 2147483648 } })).status).toBe(422);
    expect((await call(events.GET, { path: "/api/events?group=2147483648", cookie })).status).toBe(422);
    expect((await call(nodes.GET, { path: "/api/nodes?assignableTo=2147483648", cookie })).status).toBe(422);
    const nul = await call(nodes.GET, { path: "/api/nodes?q=%00", cookie });
    expect(nul.status).toBe(422);
    expect(nul.body.error.fields.q).toBe("Search text may not contain control characters");
  });

  it("sign-out without a session: 401", async () => {
    expect((await call(session.DELETE, { method: "DELETE", path: "/api/session" })).status).toBe(401);
  });

  it("after ten failed sign-ins the same user from the same address waits, even with the right password", async () => {
    const attempt = (password: string) =>
      call(session.POST, { method: "POST", path: "/api/session", body: { username: "admin", password } });
    const headersless = await Promise.all(Array.from({ length: 10 }, () => attempt("wrong")));
    expect(headersless.every((a) => a.status === 401)).toBe(true);
    const blocked = await attempt(TEST_ADMIN_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("too_many_requests");
    expect(blocked.headers.get("set-cookie")).toBeNull();
  });
});

describe("only the canonical decimal form of an id names a record", () => {
  it("0x…, +…, …e0, leading zeros, spaces and fractions name nothing: 404, and nothing is deleted", async () => {
    const created = await call(users.POST, { method: "POST", path: "/api/users", cookie, body: { userId: "odd.ids" } });
    expect(created.status).toBe(201);
    const id: number = created.body.id;
    const odd = [`0x${id.toString(16)}`, `+${id}`, `${id}e0`, `0${id}`, ` ${id}`, `${id} `, `${id}.0`, `${id}.`, `-${id}`, "", "1_0"];
    const snapshot = () => runtime().db.endUser.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true } });
    await leavesUnchanged(snapshot, async () => {
      for (const text of odd) {
        const answer = await call(userById.DELETE, { method: "DELETE", path: `/api/users/${encodeURIComponent(text)}`, cookie, params: { id: text } });
        expectError(answer, 404, "not_found");
        expectError(await call(groupById.GET, { path: `/api/groups/${encodeURIComponent(text)}`, cookie, params: { id: text } }), 404, "not_found");
      }
    });
    expect((await call(userById.DELETE, { method: "DELETE", path: `/api/users/${id}`, cookie, params: { id: String(id) } })).status).toBe(204);
  });

  it("ids in query strings follow the same rule: 422 naming the field", async () => {
    for (const text of ["0x1", "+1", "1e0", "01"]) {
      expectError(await call(events.GET, { path: `/api/events?group=${encodeURIComponent(text)}`, cookie }), 422, "validation_failed", "group");
      expectError(await call(nodes.GET, { path: `/api/nodes?assignableTo=${encodeURIComponent(text)}`, cookie }), 422, "validation_failed", "assignableTo");
    }
  });
});

describe("a write with a session cookie from no known origin is cross-origin", () => {
  const write = (headers: Record<string, string>) =>
    groups.POST(
      new NextRequest("http://127.0.0.1:3000/api/groups", {
        method: "POST",
        headers: { cookie, "content-type": "application/json", host: "127.0.0.1:3000", ...headers },
        body: JSON.stringify({ name: "FromNowhere", description: "", server1Id: 999999 }),
      }),
      { params: Promise.resolve({}) },
    );
  const refused = async (headers: Record<string, string>) => {
    const response = await write(headers);
    expectError({ status: response.status, body: await response.json(), headers: response.headers }, 403, "forbidden");
  };

  it("Origin: null, an Origin that does not parse, or a foreign Referer without Origin: 403", async () => {
    const snapshot = () => runtime().db.presenceRedundancyGroup.findMany({ orderBy: { id: "asc" } });
    await leavesUnchanged(snapshot, async () => {
      await refused({ origin: "null" });
      await refused({ origin: "not an origin" });
      await refused({ origin: "http://127.0.0.1:3000.evil.example" });
      await refused({ referer: "http://evil.example/page" });
      await refused({ referer: "garbage" });
      await refused({ origin: "http://evil.example", referer: "http://127.0.0.1:3000/system" });
      // Neither header with the session cookie: browsers always send one, so the request was stripped.
      await refused({});
    });
    // The same write from the console's own origin is judged on its content.
    expect((await write({ origin: "http://127.0.0.1:3000" })).status).toBe(422);
    expect((await write({ referer: "http://127.0.0.1:3000/system/presence-redundancy-groups/new" })).status).toBe(422);
  });

  it("sign-in from a sandboxed frame (Origin: null) is refused too", async () => {
    const response = await session.POST(
      new NextRequest("http://127.0.0.1/api/session", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "null" },
        body: JSON.stringify({ username: "admin", password: TEST_ADMIN_PASSWORD }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
  });
});
