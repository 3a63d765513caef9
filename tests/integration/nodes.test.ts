import { beforeAll, describe, expect, it } from "vitest";
import * as nodes from "@/app/api/nodes/route.ts";
import * as node from "@/app/api/nodes/[id]/route.ts";
import * as services from "@/app/api/nodes/[id]/services/route.ts";
import { DEMO_NODES, DEMO_OTHER_VERSION } from "@/lib/inventory/demo-seed.ts";
import { SERVICE_NAMES } from "@/lib/domain/services.ts";
import { call } from "./support/call.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

useTestRuntime();
let cookie = "";
beforeAll(async () => {
  cookie = await signInAsAdmin();
});

describe("GET /api/nodes", () => {
  it("needs a session", async () => {
    const answer = await call(nodes.GET, { path: "/api/nodes" });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: { code: "unauthorized", message: "Sign in to use this API" } });
  });

  it("lists the six demo nodes: one publisher in DefaultCUPSubCluster, one on another version", async () => {
    const answer = await call(nodes.GET, { path: "/api/nodes", cookie });
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(6);
    expect(answer.body.items.map((n: { hostName: string }) => n.hostName)).toEqual(DEMO_NODES.map((n) => n.hostName));
    const publishers = answer.body.items.filter((n: { isPublisher: boolean }) => n.isPublisher);
    expect(publishers).toHaveLength(1);
    expect(publishers[0].group).toMatchObject({ name: "DefaultCUPSubCluster", position: 1 });
    expect(answer.body.items.filter((n: { softwareVersion: string }) => n.softwareVersion === DEMO_OTHER_VERSION)).toHaveLength(1);
    expect(answer.body.items.every((n: { replicationState: number }) => n.replicationState === 2)).toBe(true);
  });

  it.each([
    ["begins", "imp-sub", 5],
    ["contains", "sub3", 1],
    ["ends", "pub", 1],
    ["exact", "IMP-SUB2", 1],
    ["empty", "", 0],
    ["notEmpty", "", 6],
  ])("filters host names: %s %s", async (match, q, expected) => {
    const answer = await call(nodes.GET, { path: `/api/nodes?field=hostName&match=${match}&q=${q}`, cookie });
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(expected);
  });

  it("pages and sorts, descending with a leading minus", async () => {
    const answer = await call(nodes.GET, { path: "/api/nodes?sort=-hostName&pageSize=25&page=1", cookie });
    expect(answer.body.items[0].hostName).toBe("imp-sub5");
    const page2 = await call(nodes.GET, { path: "/api/nodes?page=2", cookie });
    expect(page2.body).toMatchObject({ items: [], total: 6, page: 2 });
  });

  it.each([
    ["pageSize=30", "pageSize", "Rows per page must be one of 25, 50, 100, 150, 200, 250"],
    ["page=0", "page", "Page must be 1 or more"],
    ["sort=password", "sort", undefined],
    ["match=like", "match", undefined],
  ])("refuses %s with 422 naming the field", async (qs, field, message) => {
    const answer = await call(nodes.GET, { path: `/api/nodes?${qs}`, cookie });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe("validation_failed");
    expect(Object.keys(answer.body.error.fields)).toEqual([field]);
    if (message) expect(answer.body.error.fields[field]).toBe(message);
  });
});

describe("GET /api/nodes/{id}", () => {
  it("shows one node with its services in `utils service list` order", async () => {
    const list = await call(nodes.GET, { path: "/api/nodes?q=imp-sub1&match=exact", cookie });
    const id = String(list.body.items[0].id);
    const answer = await call(node.GET, { path: `/api/nodes/${id}`, params: { id }, cookie });
    expect(answer.status).toBe(200);
    expect(answer.body.hostName).toBe("imp-sub1");
    expect(answer.body.services.map((s: { name: string }) => s.name)).toEqual(SERVICE_NAMES);
    expect(answer.body.services.every((s: { status: string }) => s.status === "STARTED")).toBe(true);

    const svc = await call(services.GET, { path: `/api/nodes/${id}/services`, params: { id }, cookie });
    expect(svc.status).toBe(200);
    expect(svc.body.services).toHaveLength(SERVICE_NAMES.length);
  });

  it.each(["999999", "abc", "-1"])("answers 404 for unknown id %s", async (id) => {
    const answer = await call(node.GET, { path: `/api/nodes/${id}`, params: { id }, cookie });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe("not_found");
  });
});
