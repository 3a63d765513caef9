import { beforeAll, describe, expect, it } from "vitest";
import * as actions from "@/app/api/groups/[id]/actions/route.ts";
import * as groupHa from "@/app/api/groups/[id]/ha/route.ts";
import * as group from "@/app/api/groups/[id]/route.ts";
import * as groups from "@/app/api/groups/route.ts";
import * as overview from "@/app/api/ha/route.ts";
import * as events from "@/app/api/events/route.ts";
import * as stream from "@/app/api/events/stream/route.ts";
import * as lab from "@/app/api/lab/route.ts";
import * as nodes from "@/app/api/nodes/route.ts";
import * as faults from "@/app/api/nodes/[id]/faults/route.ts";
import * as services from "@/app/api/nodes/[id]/services/[service]/route.ts";
import { call } from "./support/call.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

const runtime = useTestRuntime();
let cookie = "";
let groupId = 0;
let a = 0;
let b = 0;

async function addNode(hostName: string) {
  const answer = await call(nodes.POST, { method: "POST", path: "/api/nodes", cookie, body: { hostName, softwareVersion: "15.0.1.12900-12", cluster: "api-lab" } });
  expect(answer.status).toBe(201);
  return answer.body.id as number;
}

const act = (body: unknown) =>
  call(actions.POST, { method: "POST", path: `/api/groups/${groupId}/actions`, params: { id: String(groupId) }, cookie, body });
const status = () => call(groupHa.GET, { path: `/api/groups/${groupId}/ha`, params: { id: String(groupId) }, cookie });
const states = async () => (await status()).body.nodes.map((n: { state: string; reason: string }) => `${n.state} / ${n.reason}`);

beforeAll(async () => {
  cookie = await signInAsAdmin();
  // Zero-length steps make every transition complete within the request.
  const put = await call(lab.PUT, { method: "PUT", path: "/api/lab", cookie, body: { speed: 1, stepSeconds: 0, srmStartSeconds: 0, bootSeconds: 0 } });
  expect(put.status).toBe(200);
  await addNode("api-ha-pub"); // the cluster's publisher, in its own DefaultCUPSubCluster
  a = await addNode("api-ha-a");
  b = await addNode("api-ha-b");
  const created = await call(groups.POST, { method: "POST", path: "/api/groups", cookie, body: { name: "API-HA", server1Id: a, server2Id: b, haEnabled: true } });
  expect(created.status).toBe(201);
  groupId = created.body.id;
  const { clusterId: cluster } = await runtime().db.node.findUniqueOrThrow({ where: { id: a } });
  await runtime().db.endUser.createMany({
    data: Array.from({ length: 10 }, (_, i) => ({ userId: `api-u${i}`, userKey: `api-u${i}`, firstKey: "", lastKey: "", clusterId: cluster, assignedNodeId: i < 6 ? a : b, servingNodeId: i < 6 ? a : b, signedIn: i % 2 === 0 })),
  });
});

describe("HA actions over the API", () => {
  it("shows Normal / Normal with users and the allowed actions", async () => {
    const answer = await status();
    expect(answer.status).toBe(200);
    expect(answer.body.allowedActions).toEqual({ failover: [a, b], fallback: [], recover: false });
    expect(answer.body.nodes.map((n: { users: unknown }) => n.users)).toEqual([
      { assigned: 6, serving: 6, active: 3, waiting: 0 },
      { assigned: 4, serving: 4, active: 2, waiting: 0 },
    ]);
  });

  it("fails over with 202 and the new state, refuses what the state does not allow with 409 and the current state", async () => {
    const failover = await act({ action: "failover", node: a });
    expect(failover.status).toBe(202);
    expect(failover.body.nodes.map((n: { state: string }) => n.state)).toEqual(["Idle", "Running in Backup Mode"]);
    expect(failover.body.nodes[1].users).toEqual({ assigned: 4, serving: 10, active: 5, waiting: 0 });

    const again = await act({ action: "failover", node: a });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
    expect(again.body.error.current.nodes.map((n: { state: string }) => n.state)).toEqual(["Idle", "Running in Backup Mode"]);
    const recover = await act({ action: "recover" });
    expect(recover.status).toBe(409);

    const fallback = await act({ action: "fallback", node: a });
    expect(fallback.status).toBe(202);
    expect(await states()).toEqual(["Normal / Normal", "Normal / Normal"]);
  });

  it("refuses disabling HA or deleting the group while a node is failed over", async () => {
    expect((await act({ action: "failover", node: b })).status).toBe(202);
    const current = await call(group.GET, { path: `/api/groups/${groupId}`, params: { id: String(groupId) }, cookie });
    const disable = await call(group.PATCH, { method: "PATCH", path: `/api/groups/${groupId}`, params: { id: String(groupId) }, cookie, body: { version: current.body.version, haEnabled: false } });
    expect(disable.status).toBe(409);
    const remove = await call(group.DELETE, { method: "DELETE", path: `/api/groups/${groupId}?version=${current.body.version}`, params: { id: String(groupId) }, cookie });
    expect(remove.status).toBe(409);
    expect((await call(group.GET, { path: `/api/groups/${groupId}`, params: { id: String(groupId) }, cookie })).body.haEnabled).toBe(true);
    expect((await act({ action: "fallback", node: b })).status).toBe(202);
  });

  it.each([
    [{ action: "explode" }, "action"],
    [{ action: "failover" }, "node"],
    [{ action: "failover", node: "a" }, "node"],
  ])("refuses %o with 422 naming the field", async (body, field) => {
    const answer = await act(body);
    expect(answer.status).toBe(422);
    expect(Object.keys(answer.body.error.fields)).toContain(field);
  });

  it("answers 404 for an unknown group or node", async () => {
    const answer = await call(actions.POST, { method: "POST", path: "/api/groups/99999/actions", params: { id: "99999" }, cookie, body: { action: "recover" } });
    expect(answer.status).toBe(404);
    const fault = await call(faults.POST, { method: "POST", path: "/api/nodes/99999/faults", params: { id: "99999" }, cookie, body: { fault: "reboot" } });
    expect(fault.status).toBe(404);
  });
});

describe("services and faults over the API", () => {
  const service = (name: string, action: string) =>
    call(services.POST, { method: "POST", path: `/api/nodes/${a}/services/x`, params: { id: String(a), service: name }, cookie, body: { action } });

  it("stops and starts a service; an unknown service is 404", async () => {
    const stop = await service("Cisco SIP Proxy", "stop");
    expect(stop.status).toBe(202);
    expect(stop.body.nodes[0].services["Cisco SIP Proxy"]).toBe("STOPPED");
    expect((await service("Cisco SIP Proxy", "start")).body.nodes[0].services["Cisco SIP Proxy"]).toBe("STARTED");
    expect((await service("Cisco Nothing", "start")).status).toBe(404);
    expect((await service("Cisco SIP Proxy", "pause")).status).toBe(422);
  });

  it("injects faults, refusing those that do not apply now with 409", async () => {
    const fault = (body: unknown) => call(faults.POST, { method: "POST", path: `/api/nodes/${b}/faults`, params: { id: String(b) }, cookie, body });
    expect((await fault({ fault: "power-on" })).status).toBe(409);
    expect((await fault({ fault: "melt" })).status).toBe(422);
    const isolate = await fault({ fault: "isolate-network" });
    expect(isolate.status).toBe(202);
    expect(isolate.body.nodes[1].isolated).toBe(true);
    expect((await fault({ fault: "restore-network" })).status).toBe(202);
    expect(await states()).toEqual(["Normal / Normal", "Normal / Normal"]);
  });
});

describe("history, overview, lab and the live stream", () => {
  it("lists events newest first, filtered by group and kind", async () => {
    const answer = await call(events.GET, { path: `/api/events?group=${groupId}&kind=action`, cookie });
    expect(answer.status).toBe(200);
    const messages = answer.body.items.map((e: { message: string }) => e.message);
    expect(messages[0]).toMatch(/Fallback of api-ha-b/);
    expect(answer.body.items.every((e: { kind: string; actor: string }) => e.kind === "action" && e.actor === "admin")).toBe(true);
    expect((await call(events.GET, { path: "/api/events?pageSize=7", cookie })).status).toBe(422);
  });

  it("gives every group's status in the overview", async () => {
    const answer = await call(overview.GET, { path: "/api/ha", cookie });
    expect(answer.status).toBe(200);
    expect(answer.body.groups.find((g: { groupId: number }) => g.groupId === groupId).haEnabled).toBe(true);
  });

  it("validates lab settings", async () => {
    const answer = await call(lab.PUT, { method: "PUT", path: "/api/lab", cookie, body: { speed: 0, stepSeconds: 0, srmStartSeconds: 0, bootSeconds: 0 } });
    expect(answer.status).toBe(422);
    expect(answer.body.error.fields.speed).toBe("Speed must be at least 0.1");
  });

  it("streams a change event when a state changes", async () => {
    const controller = new AbortController();
    const response = await stream.GET(
      new (await import("next/server")).NextRequest("http://127.0.0.1/api/events/stream", { headers: { cookie }, signal: controller.signal }),
      { params: Promise.resolve({}) },
    );
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    text += decoder.decode((await reader.read()).value);
    expect(text).toContain("event: tick");
    await act({ action: "failover", node: a });
    while (!text.includes("event: change")) text += decoder.decode((await reader.read()).value);
    expect(text).toContain(`"groupId":${groupId}`);
    controller.abort();
    await act({ action: "fallback", node: a });
  });

  it("accepts fractional lab durations, and reboot, Fallback and an SRM start work after them (issue 9, item 20)", async () => {
    const put = (body: unknown) => call(lab.PUT, { method: "PUT", path: "/api/lab", cookie, body });
    const fractional = await put({ speed: 1, stepSeconds: 0.0005, srmStartSeconds: 0.0004, bootSeconds: 0.0005 });
    expect(fractional.status).toBe(200);
    expect(fractional.body).toMatchObject({ stepSeconds: 0.0005, srmStartSeconds: 0.0004, bootSeconds: 0.0005 });
    try {
      const fault = (body: unknown) => call(faults.POST, { method: "POST", path: `/api/nodes/${b}/faults`, params: { id: String(b) }, cookie, body });
      expect((await fault({ fault: "reboot" })).status).toBe(202);
      expect((await fault({ fault: "stop-srm" })).status).toBe(202);
      expect((await fault({ fault: "start-srm" })).status).toBe(202);
      const settled = async () => {
        for (let i = 0; i < 100 && (await states()).some((s: string) => s !== "Normal / Normal"); i++) await new Promise((r) => setTimeout(r, 20));
        return states();
      };
      expect(await settled()).toEqual(["Normal / Normal", "Normal / Normal"]);
      expect((await act({ action: "failover", node: a })).status).toBe(202);
      for (let i = 0; i < 100 && (await states())[0] !== "Idle / On Admin Request"; i++) await new Promise((r) => setTimeout(r, 20));
      expect((await act({ action: "fallback", node: a })).status).toBe(202);
      expect(await settled()).toEqual(["Normal / Normal", "Normal / Normal"]);
    } finally {
      expect((await put({ speed: 1, stepSeconds: 0, srmStartSeconds: 0, bootSeconds: 0 })).status).toBe(200);
    }
  });
});
