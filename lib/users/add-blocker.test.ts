import { describe, expect, it } from "vitest";
import { REASON, STATE } from "../ha/names.ts";
import { english } from "../http/rule-messages.ts";
import { addUsersBlocker, isFailoverState, type GroupHaStatus } from "./add-blocker.ts";

const clusterA = { name: "cluster-a", nodeIds: new Set([1, 2]) };
const pair = (s1: string, s2: string, haEnabled = true, ids = [1, 2]): GroupHaStatus => ({
  haEnabled,
  nodes: [
    { id: ids[0]!, hostName: `node-${ids[0]}`, state: s1, reason: s1 === STATE.NORMAL ? REASON.NORMAL : REASON.ADMIN },
    { id: ids[1]!, hostName: `node-${ids[1]}`, state: s2, reason: REASON.ADMIN },
  ],
});

describe("adding end users is refused", () => {
  it("only outside Normal and Initializing", () => {
    expect(Object.values(STATE).filter(isFailoverState).sort()).toEqual(
      Object.values(STATE)
        .filter((s) => s !== STATE.NORMAL && s !== STATE.INITIALIZING)
        .sort(),
    );
  });

  it("while a node of the same cluster is in a failover state, naming the node, its state and reason", () => {
    expect(english(addUsersBlocker(clusterA, [pair(STATE.IDLE, STATE.BACKUP)])!)).toBe(
      "End users of cluster-a cannot be added while a node of that cluster is in a failover state: node-1 is Idle (On Admin Request)",
    );
  });

  it("not while a node is Initializing", () => {
    expect(addUsersBlocker(clusterA, [pair(STATE.INITIALIZING, STATE.INITIALIZING)])).toBeNull();
  });

  it("not because of a failover in another cluster", () => {
    expect(addUsersBlocker(clusterA, [pair(STATE.NORMAL, STATE.NORMAL), pair(STATE.IDLE, STATE.BACKUP, true, [3, 4])])).toBeNull();
  });

  it("not for a group with High Availability disabled", () => {
    expect(addUsersBlocker(clusterA, [pair(STATE.UNKNOWN, STATE.UNKNOWN, false)])).toBeNull();
  });
});
