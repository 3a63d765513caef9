import { describe, expect, it } from "vitest";
import { CliFailure, runCommand, tokenize, type CliBackend, type CliGroupStatus, type CliNode } from "./commands.ts";

const started = { "Cisco XCP Router": "STARTED", "Cisco Presence Engine": "STOPPED", "Cisco Server Recovery Manager": "STARTED" };
const NODES: CliNode[] = [
  { id: 1, hostName: "imp-a", softwareVersion: "15.0.1", cluster: "c1", replicationState: 2, group: { id: 7, name: "G1" } },
  { id: 2, hostName: "imp-b", softwareVersion: "15.0.1", cluster: "c1", replicationState: 3, group: { id: 7, name: "G1" } },
  { id: 3, hostName: "other", softwareVersion: "15.0.1", cluster: "c2", replicationState: 2, group: { id: 8, name: "G2" } },
];
const status = (groupId: number, name: string, nodes: CliNode[], state = "Normal"): CliGroupStatus => ({
  groupId,
  groupName: name,
  haEnabled: true,
  nodes: nodes.map((n) => ({ id: n.id, hostName: n.hostName, state, reason: state, power: "ON", isolated: false, services: started })),
});

function fakeBackend(refuse = false) {
  const calls: unknown[] = [];
  const g1 = status(7, "G1", NODES.slice(0, 2));
  const backend: CliBackend = {
    nodes: async () => NODES,
    groups: async () => [g1, status(8, "G2", NODES.slice(2))],
    nodeStatus: async (id) => (id === 3 ? status(8, "G2", NODES.slice(2)) : g1),
    action: async (groupId, action, nodeId) => {
      calls.push({ groupId, action, nodeId });
      if (refuse) throw new CliFailure("refused", "imp-a is Idle: Failover is not allowed");
      return status(7, "G1", NODES.slice(0, 2), "Idle");
    },
    serviceAction: async (nodeId, service, action) => {
      calls.push({ nodeId, service, action });
      return g1;
    },
    now: async () => Date.UTC(2026, 0, 1),
  };
  return { backend, calls };
}

describe("the admin CLI commands", () => {
  it("splits words, keeping quoted service names whole", () => {
    expect(tokenize('  utils service start "Cisco XCP Router" ')).toEqual(["utils", "service", "start", "Cisco XCP Router"]);
    expect(tokenize("")).toEqual([]);
  });

  it("prints utils ha status as the product's block, for this node's cluster only", async () => {
    const { backend } = fakeBackend();
    const answer = await runCommand(["utils", "ha", "status"], backend, { node: "imp-a" });
    expect(answer.text).toBe("Subcluster Name: G1\nNode 1 Name : imp-a State: Normal Reason: Normal\nNode 2 Name : imp-b State: Normal Reason: Normal");
    const all = await runCommand(["utils", "ha", "status"], backend);
    expect(all.text).toContain("Subcluster Name: G2");
    expect(all.json).toMatchObject({ subclusters: [{ subcluster: "G1" }, { subcluster: "G2" }] });
  });

  it("fails over the named node in its group, and reports a refusal as the CLI does", async () => {
    const { backend, calls } = fakeBackend();
    const answer = await runCommand(["utils", "ha", "failover", "IMP-A"], backend, { node: "imp-b" });
    expect(calls).toEqual([{ groupId: 7, action: "failover", nodeId: 1 }]);
    expect(answer.text.split("\n").slice(0, 2)).toEqual(["Initiate Manual Failover for Node >imp-a<", "Request SUCCESSFUL."]);

    const refused = await runCommand(["utils", "ha", "failover", "imp-a"], fakeBackend(true).backend);
    expect(refused).toMatchObject({ ok: false, failure: "refused", text: "Executed command unsuccessfully\nimp-a is Idle: Failover is not allowed" });
  });

  it("recovers a group by name, and acts only on its own cluster", async () => {
    const { backend, calls } = fakeBackend();
    await runCommand(["utils", "ha", "recover", "g1"], backend, { node: "imp-a" });
    expect(calls).toEqual([{ groupId: 7, action: "recover", nodeId: undefined }]);
    expect((await runCommand(["utils", "ha", "recover", "G2"], backend, { node: "imp-a" })).failure).toBe("not_found");
    expect((await runCommand(["utils", "ha", "failover", "other"], backend, { node: "imp-a" })).failure).toBe("not_found");
  });

  it("lists and controls the services of its own node, in the documented order", async () => {
    const { backend, calls } = fakeBackend();
    const list = await runCommand(["utils", "service", "list"], backend, { node: "imp-a" });
    expect(list.text.split("\n").slice(1)).toEqual(["Cisco XCP Router[STARTED]", "Cisco Presence Engine[STOPPED]", "Cisco Server Recovery Manager[STARTED]"]);
    await runCommand(["utils", "service", "start", "cisco", "presence", "engine"], backend, { node: "imp-a" });
    expect(calls).toEqual([{ nodeId: 1, service: "Cisco Presence Engine", action: "start" }]);
    expect((await runCommand(["utils", "service", "list"], backend)).failure).toBe("usage");
  });

  it("shows replication state per server with its meaning", async () => {
    const { backend } = fakeBackend();
    const answer = await runCommand(["utils", "dbreplication", "runtimestate"], backend, { node: "imp-a" });
    expect(answer.text).toContain("Cluster Replication State: Replication is bad in the cluster");
    expect(answer.text).toMatch(/imp-b\s+\(3\) Replication is bad in the cluster/);
    expect(answer.text).not.toContain("other");
  });

  it("answers unknown commands and wrong arguments without a stack trace", async () => {
    const { backend } = fakeBackend();
    for (const words of [["utils"], ["utils", "ha"], ["show", "status", "x"], ["utils", "dbreplication", "status", "x"], ["rm", "-rf"]]) {
      const answer = await runCommand(words, backend, { node: "imp-a" });
      expect(answer.ok).toBe(false);
      expect(answer.failure).toBe("usage");
      expect(answer.text).toMatch(/^Executed command unsuccessfully\n/);
    }
    const broken = { ...backend, nodes: async () => Promise.reject(new Error("connection lost at db.ts:12")) };
    const failed = await runCommand(["utils", "ha", "status"], broken, { node: "imp-a" });
    expect(failed.text).not.toContain("db.ts");
    expect(failed.failure).toBe("unavailable");
  });

  it("ends the session on exit and quit", async () => {
    const { backend } = fakeBackend();
    expect((await runCommand(["exit"], backend)).exit).toBe(true);
    expect((await runCommand(["QUIT"], backend)).exit).toBe(true);
  });
});
