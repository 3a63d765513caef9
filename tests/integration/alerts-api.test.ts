import { beforeAll, describe, expect, it } from "vitest";
import * as acknowledgeRoute from "@/app/api/alerts/[id]/acknowledge/route.ts";
import * as alertsRoute from "@/app/api/alerts/route.ts";
import * as webhookRoute from "@/app/api/alerts/webhook/route.ts";
import type { AlertView } from "@/lib/schemas/alerts.ts";
import { call } from "./support/call.ts";
import { expectError, leavesUnchanged } from "./support/expect.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();
let cookie = "";
const ids: number[] = [];
beforeAll(async () => {
  cookie = await signInAsAdmin();
  const base = { groupId: 1, groupName: "PRG-1", reason: "On Admin Request", raisedAt: new Date(1_000) };
  for (const a of [
    { name: "SRMFailover", nodeId: 1, nodeName: "imp-a", clearedAt: new Date(2_000) },
    { name: "SRMFailed", nodeId: 2, nodeName: "imp-b", clearedAt: null },
    { name: "CriticalServiceDown", nodeId: 1, nodeName: "imp-a", clearedAt: null },
  ]) {
    ids.push((await runtime().db.alert.create({ data: { ...base, ...a } })).id);
  }
});

const list = (qs = "") => call<AlertView[]>(alertsRoute.GET, { path: `/api/alerts${qs ? `?${qs}` : ""}`, cookie });
const acknowledge = (id: number | string) =>
  call<AlertView>(acknowledgeRoute.POST, { method: "POST", path: `/api/alerts/${id}/acknowledge`, params: { id: String(id) }, cookie });
const names = async (qs: string) => (await list(qs)).body.map((a) => a.name).sort();

describe("GET /api/alerts and acknowledge", () => {
  it("lists with filters by name, status, node and acknowledgement", async () => {
    expect((await list()).body).toHaveLength(3);
    expect(await names("status=active")).toEqual(["CriticalServiceDown", "SRMFailed"]);
    expect(await names("status=cleared")).toEqual(["SRMFailover"]);
    expect(await names("name=SRMFailed")).toEqual(["SRMFailed"]);
    expect(await names("node=imp-a")).toEqual(["CriticalServiceDown", "SRMFailover"]);
    expectError(await list("status=open"), 422, "validation_failed", "status");
    expectError(await list("name=Nope"), 422, "validation_failed", "name");
  });

  it("acknowledges once, with who and when", async () => {
    const first = await acknowledge(ids[1]!);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: ids[1], acknowledgedBy: "admin" });
    expect(first.body.acknowledgedAt).not.toBeNull();
    const again = await acknowledge(ids[1]!);
    expect(again.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
    expect(await names("acknowledged=true")).toEqual(["SRMFailed"]);
    expect(await names("acknowledged=false")).toEqual(["CriticalServiceDown", "SRMFailover"]);
  });

  it("an unknown alert is 404 and changes nothing", async () => {
    await leavesUnchanged(() => runtime().db.alert.findMany({ orderBy: { id: "asc" } }), async () => {
      expectError(await acknowledge(999999), 404, "not_found");
    });
  });
});

describe("GET and PUT /api/alerts/webhook", () => {
  const get = () => call(webhookRoute.GET, { path: "/api/alerts/webhook", cookie });
  const put = (body: unknown) => call(webhookRoute.PUT, { method: "PUT", path: "/api/alerts/webhook", cookie, body });
  const stored = () => runtime().db.setting.findMany({ where: { scope: "alerts" } });

  it("is off until a URL is set, and empty turns it off again", async () => {
    expect((await get()).body).toEqual({ url: null, deliveries: [] });
    const set = await put({ url: "  https://hooks.example.com/prg  " });
    expect(set.status).toBe(200);
    expect(set.body.url).toBe("https://hooks.example.com/prg");
    expect((await get()).body.url).toBe("https://hooks.example.com/prg");
    expect((await put({ url: "" })).body.url).toBeNull();
  });

  it("refuses what is not an http or https address, and changes nothing", async () => {
    await put({ url: "http://keep.example/" });
    await leavesUnchanged(stored, async () => {
      for (const url of ["ftp://x.example/", "javascript:alert(1)", "not a url", "http://", `http://x.example/${"a".repeat(2000)}`, 42]) {
        expectError(await put({ url }), 422, "validation_failed", "url");
      }
      expectError(await put({}), 422, "validation_failed", "url");
    });
  });

  it("needs a signed-in account", async () => {
    expectError(await call(webhookRoute.PUT, { method: "PUT", path: "/api/alerts/webhook", body: { url: "" } }), 401, "unauthorized");
  });
});
