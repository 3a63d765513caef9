import { beforeAll, describe, expect, it } from "vitest";
import * as haRoute from "@/app/api/ha/route.ts";
import * as nodesRoute from "@/app/api/nodes/route.ts";
import * as topologyRoute from "@/app/api/topology/route.ts";
import { DEMO_CLUSTER } from "@/lib/inventory/demo-seed.ts";
import type { NodeView } from "@/lib/schemas/nodes.ts";
import type { TopologyView } from "@/lib/schemas/users.ts";
import { call } from "./support/call.ts";
import { signInAsAdmin } from "./support/sign-in.ts";
import { useTestRuntime } from "./support/test-runtime.ts";

useTestRuntime();
let cookie = "";
beforeAll(async () => {
  cookie = await signInAsAdmin();
});

const UNGROUPED = ["imp-sub1", "imp-sub2", "imp-sub3", "imp-sub4", "imp-sub5"];

describe("nodes in no Presence Redundancy Group are flagged", () => {
  it("on the Server list: inGroup is false for them only", async () => {
    const answer = await call(nodesRoute.GET, { path: "/api/nodes?pageSize=250", cookie });
    expect(answer.status).toBe(200);
    const items = answer.body.items as NodeView[];
    expect(items.filter((n) => !n.inGroup).map((n) => n.hostName)).toEqual(UNGROUPED);
    expect(items.find((n) => n.hostName === "imp-pub")).toMatchObject({ inGroup: true, group: { name: "DefaultCUPSubCluster" } });
  });

  it("on the High Availability status: every one listed with its cluster", async () => {
    const answer = await call(haRoute.GET, { path: "/api/ha", cookie });
    expect(answer.status).toBe(200);
    expect(answer.body.nodesInNoGroup).toEqual(UNGROUPED.map((hostName) => ({ id: expect.any(Number), hostName, cluster: DEMO_CLUSTER })));
  });

  it("on the topology: every one listed, users or not, with inGroup false", async () => {
    const answer = await call<TopologyView>(topologyRoute.GET, { path: "/api/topology", cookie });
    expect(answer.status).toBe(200);
    expect(answer.body.ungroupedNodes.map((n) => [n.hostName, n.inGroup])).toEqual(UNGROUPED.map((h) => [h, false]));
    expect(answer.body.groups.flatMap((g) => g.nodes).every((n) => n.inGroup)).toBe(true);
  });
});
