import { describe, expect, it } from "vitest";
import { changeEvent, changeKind } from "../ha/change-event.ts";
import { LIVE_KEYS, queriesOf } from "./live-scope.ts";

const keys = (event: Parameters<typeof queriesOf>[0]) => queriesOf(event).map((s) => JSON.stringify(s.queryKey) + (s.exact ? "!" : ""));

describe("change events", () => {
  it("name their kind from what the step did", () => {
    expect(changeKind({ groupId: null, nodeIds: [], at: 0 })).toBe("all");
    expect(changeKind({ groupId: 1, nodeIds: [1, 2], at: 0 })).toBe("status");
    expect(changeKind({ groupId: 1, nodeIds: [1, 2], at: 0, events: [{} as never] })).toBe("state");
    expect(changeKind({ groupId: 1, nodeIds: [1, 2], at: 0, events: [{} as never], userMoves: 3 })).toBe("users");
  });

  it("keep the kind a relayed notice carries, whose history rows were dropped on the way", () => {
    expect(changeKind({ groupId: 1, nodeIds: [], at: 0, kind: "users" })).toBe("users");
  });

  it("leave the moves and history rows out of what browsers receive", () => {
    const event = changeEvent({ groupId: 4, nodeIds: [7], at: 9, events: [{} as never], userMoves: 1, moves: [{} as never] });
    expect(event).toEqual({ groupId: 4, kind: "users", nodeIds: [7], at: 9 });
  });
});

describe("queries a change concerns", () => {
  it("are every live query when no one group changed", () => {
    expect(queriesOf({ groupId: null, kind: "all", nodeIds: [] }).map((s) => s.queryKey)).toEqual(LIVE_KEYS);
  });

  it("are only the group's and its nodes' live status for a status change", () => {
    const k = keys({ groupId: 3, kind: "status", nodeIds: [5, 6] });
    expect(k).toContain('["ha","group",3]');
    expect(k).toContain('["ha","group","3"]');
    expect(k).toContain('["ha","node",5]');
    expect(k).toContain('["ha"]!');
    // Not another group's panel, not the lists, not the history.
    expect(k).not.toContain('["ha"]');
    expect(k.some((x) => x.startsWith('["ha","group",4'))).toBe(false);
    expect(k.some((x) => x.startsWith('["events"') || x.startsWith('["groups"') || x.startsWith('["clients"'))).toBe(false);
  });

  it("add the history, lists and alerts for a state change, and the clients only when users moved", () => {
    const state = keys({ groupId: 3, kind: "state", nodeIds: [5] });
    expect(state).toEqual(expect.arrayContaining(['["events"]', '["groups"]', '["group",3]', '["node",5]', '["alerts"]', '["ha","scheduled",3]']));
    expect(state).not.toContain('["clients"]');
    expect(keys({ groupId: 3, kind: "users", nodeIds: [5] })).toEqual([...state, '["clients"]']);
  });
});
