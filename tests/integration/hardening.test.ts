import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as events from "@/app/api/events/route.ts";
import * as groups from "@/app/api/groups/route.ts";
import * as nodes from "@/app/api/nodes/route.ts";
import * as session from "@/app/api/session/route.ts";
import { call } from "./support/call.ts";
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
      headers: { cookie, "content-type": "text/plain" },
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
