import { describe, expect, it } from "vitest";
import { getGroup, updateGroup } from "@/lib/groups/service.ts";
import { DEFAULT_CLUSTER_PARAMETERS } from "@/lib/params/definitions.ts";
import { previewChange, type WhatIf } from "@/lib/whatif/preview.ts";
import { LAB, useHaLab, type Pair } from "./support/ha-lab.ts";

/**
 * For the trigger of every row of Table 2 (driven as ha-conformance.test.ts
 * drives it), the preview computed beforehand equals what then happens: the
 * history rows written, the users served, the actions offered afterwards.
 */
const lab = useHaLab();
const STEP = LAB.stepSeconds;
const OP = 2 * STEP + 1;
const CSD = DEFAULT_CLUSTER_PARAMETERS.criticalServiceDownDelay;
const SRM_SERVICE = "Cisco Server Recovery Manager";
const PRESENCE_ENGINE = "Cisco Presence Engine";

type Node = "n1" | "n2";
type Trigger =
  | { kind: "action"; action: "failover" | "fallback" | "recover"; node?: Node }
  | { kind: "fault"; node: Node; fault: Extract<WhatIf, { kind: "fault" }>["fault"]; service?: string }
  | { kind: "service"; node: Node; service: string; action: "start" | "stop" | "restart" }
  | { kind: "ha"; enabled: boolean }
  | { kind: "parameters"; params: typeof DEFAULT_CLUSTER_PARAMETERS };

const whatIf = (p: Pair, t: Trigger): WhatIf => {
  switch (t.kind) {
    case "action":
      return { kind: "action", action: t.action, node: t.node ? p[t.node] : undefined };
    case "fault":
      return { kind: "fault", node: p[t.node], fault: t.fault, service: t.service };
    case "service":
      return { kind: "service", node: p[t.node], service: t.service, action: t.action };
    default:
      return t;
  }
};

async function doIt(p: Pair, t: Trigger) {
  switch (t.kind) {
    case "action":
      return lab.act(p, t.action, t.node);
    case "fault":
      return lab.fault(p, t.node, t.fault, t.service);
    case "service":
      return lab.service(p, t.node, t.service, t.action);
    case "parameters":
      return lab.controller().setParameters(t.params);
    case "ha": {
      const db = lab.runtime().db;
      const { version } = await getGroup(db, p.groupId);
      return lab.controller().changeGroups("admin", () => updateGroup(db, p.groupId, { version, haEnabled: t.enabled }));
    }
  }
}

async function manualFailover(p: Pair) {
  await lab.act(p, "failover", "n1");
  await lab.advance(OP);
}
async function criticalServiceFailover(p: Pair) {
  await lab.fault(p, "n1", "service-crash", PRESENCE_ENGINE);
  await lab.advance(CSD + 1 + OP);
}

interface Case {
  row: number;
  haOff?: boolean;
  setup?: (p: Pair) => Promise<void>;
  trigger: Trigger;
  autoFallback?: boolean;
}

const CASES: Case[] = [
  { row: 1, haOff: true, trigger: { kind: "ha", enabled: true } },
  { row: 2, trigger: { kind: "action", action: "failover", node: "n1" } },
  { row: 3, trigger: { kind: "action", action: "failover", node: "n1" } },
  { row: 4, setup: manualFailover, trigger: { kind: "action", action: "fallback", node: "n1" } },
  { row: 5, setup: manualFailover, trigger: { kind: "service", node: "n1", service: SRM_SERVICE, action: "restart" } },
  {
    row: 6,
    setup: async (p) => {
      await manualFailover(p);
      await lab.service(p, "n1", SRM_SERVICE, "restart");
    },
    trigger: { kind: "service", node: "n2", service: SRM_SERVICE, action: "restart" },
  },
  { row: 7, setup: manualFailover, trigger: { kind: "service", node: "n2", service: SRM_SERVICE, action: "restart" } },
  {
    row: 8,
    setup: async (p) => {
      await lab.act(p, "failover", "n1");
      await lab.advance(1);
    },
    trigger: { kind: "service", node: "n2", service: SRM_SERVICE, action: "restart" },
  },
  {
    row: 9,
    setup: async (p) => {
      await manualFailover(p);
      await lab.act(p, "fallback", "n1");
      await lab.advance(1);
    },
    trigger: { kind: "service", node: "n1", service: SRM_SERVICE, action: "restart" },
  },
  { row: 10, autoFallback: true, setup: criticalServiceFailover, trigger: { kind: "service", node: "n1", service: PRESENCE_ENGINE, action: "start" } },
  { row: 11, setup: criticalServiceFailover, trigger: { kind: "service", node: "n1", service: PRESENCE_ENGINE, action: "start" } },
  { row: 12, trigger: { kind: "fault", node: "n1", fault: "service-crash", service: PRESENCE_ENGINE } },
  { row: 13, trigger: { kind: "fault", node: "n1", fault: "database-failure" } },
  {
    row: 14,
    setup: async (p) => {
      await manualFailover(p);
      await lab.fault(p, "n1", "service-start-failure");
    },
    trigger: { kind: "action", action: "fallback", node: "n1" },
  },
  { row: 15, setup: manualFailover, trigger: { kind: "fault", node: "n2", fault: "service-crash", service: PRESENCE_ENGINE } },
  { row: 16, setup: () => lab.alignToHeartbeat(), trigger: { kind: "fault", node: "n1", fault: "stop-srm" } },
  { row: 17, setup: () => lab.alignToHeartbeat(), trigger: { kind: "fault", node: "n1", fault: "power-off" } },
  {
    row: 18,
    // Node 2 came back alone and took every user; the row's pair shows once node 1 is back.
    setup: async (p) => {
      await lab.fault(p, "n1", "power-off");
      await lab.fault(p, "n2", "power-off");
      await lab.fault(p, "n2", "power-on");
      await lab.advance(LAB.bootSeconds + DEFAULT_CLUSTER_PARAMETERS.initializationKeepAliveTimeout + OP);
    },
    trigger: { kind: "fault", node: "n1", fault: "power-on" },
  },
  { row: 19, setup: (p) => lab.fault(p, "n1", "user-move-failure").then(() => {}), trigger: { kind: "action", action: "failover", node: "n1" } },
  {
    row: 20,
    setup: async (p) => {
      await manualFailover(p);
      await lab.fault(p, "n2", "user-move-failure");
    },
    trigger: { kind: "action", action: "fallback", node: "n1" },
  },
  {
    row: 21,
    setup: async (p) => {
      await lab.fault(p, "n1", "user-move-failure");
      await manualFailover(p);
    },
    trigger: { kind: "service", node: "n1", service: SRM_SERVICE, action: "restart" },
  },
  {
    row: 22,
    setup: async (p) => {
      await criticalServiceFailover(p);
      await lab.service(p, "n1", PRESENCE_ENGINE, "start");
    },
    trigger: { kind: "fault", node: "n2", fault: "database-failure" },
  },
  {
    row: 23,
    setup: async (p) => {
      await criticalServiceFailover(p);
      await lab.service(p, "n1", PRESENCE_ENGINE, "start");
    },
    trigger: { kind: "fault", node: "n2", fault: "service-crash", service: "Cisco XCP Router" },
  },
  { row: 24, haOff: true, setup: (p) => lab.fault(p, "n1", "stop-srm").then(() => {}), trigger: { kind: "ha", enabled: true } },
];

const comparable = (e: { at: Date | number; nodeId: number | null; kind: string; fromState: string | null; toState: string | null; reason: string | null; actor: string; message: string }) => ({
  at: typeof e.at === "number" ? e.at : e.at.getTime(),
  nodeId: e.nodeId,
  kind: e.kind,
  fromState: e.fromState,
  toState: e.toState,
  reason: e.reason,
  actor: e.actor,
  message: e.message,
});

async function check(c: Case) {
  const p = await lab.pair([6, 4], !c.haOff);
  if (c.autoFallback) await lab.controller().setParameters({ ...DEFAULT_CLUSTER_PARAMETERS, enableAutomaticFallback: true });
  try {
    await c.setup?.(p);
    const db = lab.runtime().db;
    const lastId = (await db.haEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
    const statusBefore = JSON.stringify(lab.controller().groupStatus(p.groupId));

    const preview = await previewChange(db, lab.controller(), p.groupId, whatIf(p, c.trigger), "admin");

    // The preview changed nothing.
    expect(JSON.stringify(lab.controller().groupStatus(p.groupId))).toBe(statusBefore);
    expect(await db.haEvent.count({ where: { id: { gt: lastId } } })).toBe(0);
    expect(preview.allowed).toBe(true);
    expect(preview.settled).toBe(true);
    expect(preview.situations.map((s) => s.row)).toContain(c.row);

    await doIt(p, c.trigger);
    await lab.controller().advanceTo(preview.until, (t) => lab.clock.set(Math.max(t, lab.clock.now())));
    const happened = await db.haEvent.findMany({ where: { groupId: p.groupId, id: { gt: lastId } }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(preview.events.map(comparable)).toEqual(happened.map(comparable));
    const [s1, s2] = await lab.served(p);
    expect(preview.users).toEqual([
      { nodeId: p.n1, before: expect.any(Number), after: s1 },
      { nodeId: p.n2, before: expect.any(Number), after: s2 },
    ]);
    expect(preview.allowedAfter).toEqual(lab.controller().groupStatus(p.groupId).allowedActions);
  } finally {
    if (c.autoFallback) await lab.controller().setParameters(DEFAULT_CLUSTER_PARAMETERS);
  }
}

describe("what-if preview equals what then happens", () => {
  for (const c of CASES) it(`row ${c.row}: ${c.trigger.kind}`, () => check(c));

  it("a parameter change: monitoring the XCP Authentication Service while it is down fails the node over", async () => {
    const p = await lab.pair([3, 3]);
    await lab.fault(p, "n1", "service-crash", "Cisco XCP Authentication Service");
    const params = { ...DEFAULT_CLUSTER_PARAMETERS, monitorXcpAuthentication: true };
    try {
      const preview = await previewChange(lab.runtime().db, lab.controller(), p.groupId, { kind: "parameters", params }, "admin");
      expect(preview.situations.map((s) => s.row)).toContain(12);
      expect(preview.userMoves).toEqual([{ at: expect.any(Number), from: p.n1, to: p.n2, users: 3 }]);
    } finally {
      await lab.controller().setParameters(DEFAULT_CLUSTER_PARAMETERS);
    }
  });

  it("an input the SRM refuses now is previewed as refused, with its reason", async () => {
    const p = await lab.pair([1, 1]);
    const preview = await previewChange(lab.runtime().db, lab.controller(), p.groupId, { kind: "action", action: "fallback", node: p.n1 }, "admin");
    expect(preview).toMatchObject({ allowed: false, events: [], userMoves: [] });
    expect(preview.refusal).toBeTruthy();
    await expect(lab.act(p, "fallback", "n1")).rejects.toMatchObject({ code: "conflict", message: preview.refusal });
  });
});
