import { describe, expect, it } from "vitest";
import { chooseNodes, rebalancePlan, type GroupLoad } from "./assignment.ts";

const group = (a: number, b?: number): GroupLoad => ({
  groupId: 1,
  nodes: b === undefined ? [{ id: 1, users: a }] : [{ id: 1, users: a }, { id: 2, users: b }],
});

describe("Sync Agent assignment", () => {
  it("Balanced spreads new users evenly over each group's nodes, and over groups", () => {
    const groups: GroupLoad[] = [
      { groupId: 1, nodes: [{ id: 1, users: 0 }, { id: 2, users: 0 }] },
      { groupId: 2, nodes: [{ id: 3, users: 0 }, { id: 4, users: 0 }] },
    ];
    const placed = chooseNodes("Balanced", groups, 8);
    expect(placed.filter((n) => n === 1)).toHaveLength(2);
    expect(placed.filter((n) => n === 4)).toHaveLength(2);
  });

  it("Active-Standby puts every new user on the first node of its group", () => {
    const groups: GroupLoad[] = [{ groupId: 1, nodes: [{ id: 1, users: 5 }, { id: 2, users: 0 }] }];
    expect(chooseNodes("Active-Standby", groups, 3)).toEqual([1, 1, 1]);
  });

  it("None assigns no one", () => {
    expect(chooseNodes("None", [group(0, 0)], 2)).toEqual([null, null]);
  });

  it("with no group, users stay unassigned", () => {
    expect(chooseNodes("Balanced", [], 1)).toEqual([null]);
  });

  it("rebalances with the fewest moves", () => {
    expect(rebalancePlan("Balanced", group(10, 0))).toEqual([{ from: 1, to: 2, count: 5 }]);
    expect(rebalancePlan("Balanced", group(3, 4))).toEqual([]);
    expect(rebalancePlan("Balanced", group(9, 0))).toEqual([{ from: 1, to: 2, count: 4 }]);
    expect(rebalancePlan("Active-Standby", group(3, 4))).toEqual([{ from: 2, to: 1, count: 4 }]);
    expect(rebalancePlan("None", group(10, 0))).toEqual([]);
    expect(rebalancePlan("Balanced", group(7))).toEqual([]);
  });
});
