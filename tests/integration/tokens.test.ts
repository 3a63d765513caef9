import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as nodes from "@/app/api/nodes/route.ts";
import * as session from "@/app/api/session/route.ts";
import * as token from "@/app/api/tokens/[id]/route.ts";
import * as tokens from "@/app/api/tokens/route.ts";
import type { CreatedTokenView, TokenView } from "@/lib/schemas/tokens.ts";
import { call } from "./support/call.ts";
import { expectError, leavesUnchanged } from "./support/expect.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();
let cookie = "";
beforeAll(async () => {
  cookie = await signInAsAdmin();
});

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const create = (name: unknown, headers: Record<string, string> = {}) =>
  call<CreatedTokenView>(tokens.POST, { method: "POST", path: "/api/tokens", body: { name }, cookie, headers });
const list = () => call<TokenView[]>(tokens.GET, { path: "/api/tokens", cookie });
const revoke = (id: number | string) => call(token.DELETE, { method: "DELETE", path: `/api/tokens/${id}`, params: { id: String(id) }, cookie });
const nodesWith = (headers: Record<string, string>) => call(nodes.GET, { path: "/api/nodes", headers });
const stored = () => runtime().db.apiToken.findMany({ orderBy: { id: "asc" } });

describe("API tokens", () => {
  it("a created token acts as its account on any route, and only its hash is kept", async () => {
    const created = await create("ci-runner");
    expect(created.status).toBe(201);
    const { secret } = created.body;
    expect(secret).toMatch(/^prg_[A-Za-z0-9_-]{43}$/);

    const me = await call(session.GET, { path: "/api/session", headers: bearer(secret) });
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe("admin");
    expect((await nodesWith(bearer(secret))).status).toBe(200);

    const rows = await stored();
    const row = rows.find((r) => r.id === created.body.id)!;
    expect(row.tokenHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it("shows the secret once: the list never holds it", async () => {
    const created = await create("shown-once");
    const listed = await list();
    expect(listed.status).toBe(200);
    const entry = listed.body.find((t) => t.id === created.body.id)!;
    expect(Object.keys(entry).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name"]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
  });

  it("notes the last use", async () => {
    const created = await create("last-used");
    const lastUsed = async () => (await list()).body.find((t) => t.id === created.body.id)!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const before = Date.now();
    await nodesWith(bearer(created.body.secret));
    const first = await lastUsed();
    expect(Date.parse(first!)).toBeGreaterThanOrEqual(before - 1000);
    await new Promise((r) => setTimeout(r, 5));
    await nodesWith(bearer(created.body.secret));
    expect(Date.parse((await lastUsed())!)).toBeGreaterThan(Date.parse(first!));
  });

  it("a revoked token is answered 401", async () => {
    const created = await create("to-revoke");
    expect((await nodesWith(bearer(created.body.secret))).status).toBe(200);
    expect((await revoke(created.body.id)).status).toBe(204);
    expectError(await nodesWith(bearer(created.body.secret)), 401, "unauthorized");
    expect((await list()).body.map((t) => t.id)).not.toContain(created.body.id);
    expectError(await revoke(created.body.id), 404, "not_found");
  });

  it("an unknown or empty bearer secret is 401 even with a valid session cookie", async () => {
    for (const header of ["Bearer prg_nothing", "Bearer ", "bearer x"]) {
      expectError(await call(nodes.GET, { path: "/api/nodes", cookie, headers: { authorization: header } }), 401, "unauthorized");
    }
  });

  it("bearer writes are not subject to the cross-origin check; cookie writes still are", async () => {
    const { secret } = (await create("automation")).body;
    const fromElsewhere = { origin: "https://elsewhere.example" };
    expect((await create("via-token", { ...fromElsewhere, ...bearer(secret) })).status).toBe(201);
    await leavesUnchanged(stored, async () => expectError(await create("via-cookie", fromElsewhere), 403, "forbidden"));
  });

  it("refuses bad names and duplicates with the field named, changing nothing", async () => {
    await create("dup");
    for (const [name, status, code] of [
      ["", 422, "validation_failed"],
      ["x".repeat(65), 422, "validation_failed"],
      ["bad<name>", 422, "validation_failed"],
      [42, 422, "validation_failed"],
      ["dup", 409, "conflict"],
    ] as const) {
      await leavesUnchanged(stored, async () => expectError(await create(name), status, code, "name"));
    }
  });

  it("needs a signed-in account", async () => {
    expectError(await call(tokens.GET, { path: "/api/tokens" }), 401, "unauthorized");
    expectError(await call(tokens.POST, { method: "POST", path: "/api/tokens", body: { name: "x" } }), 401, "unauthorized");
  });
});
