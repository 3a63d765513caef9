import { describe, expect, it } from "vitest";
import { DEFAULT_CLUSTER_PARAMETERS, DEFAULT_NODE_PARAMETERS } from "./definitions.ts";
import { english } from "../http/rule-messages.ts";
import * as validation from "./validation.ts";

// The warnings are catalogue messages; the API also sends them as the English catalogue words them.
const guidanceWarnings = (...args: Parameters<typeof validation.guidanceWarnings>) => validation.guidanceWarnings(...args).map(english);

const node = (hostName: string, groupId: number | null, values: Partial<typeof DEFAULT_NODE_PARAMETERS> = {}) => ({
  hostName,
  groupId,
  groupName: groupId === null ? null : `G${groupId}`,
  values: { ...DEFAULT_NODE_PARAMETERS, ...values },
});

describe("guidance warnings", () => {
  it("say nothing about factory defaults, although they disagree with the guidance", () => {
    expect(DEFAULT_NODE_PARAMETERS.clientReloginLowerLimit).not.toBe(DEFAULT_CLUSTER_PARAMETERS.criticalServiceDownDelay);
    expect(guidanceWarnings(DEFAULT_CLUSTER_PARAMETERS, [node("a", 1), node("b", 1), node("c", null)])).toEqual([]);
  });

  it("warn where a chosen lower limit differs from the delay", () => {
    const warnings = guidanceWarnings(DEFAULT_CLUSTER_PARAMETERS, [node("a", null, { clientReloginLowerLimit: 100 })]);
    expect(warnings).toEqual([
      "a: Client Re-Login Lower Limit (100 s) differs from the Critical Service Down Delay (90 s); Cisco recommends they be equal",
    ]);
  });

  it("warn about every node once the delay was chosen and differs from their limit", () => {
    const cluster = { ...DEFAULT_CLUSTER_PARAMETERS, criticalServiceDownDelay: 300 };
    const warnings = guidanceWarnings(cluster, [node("a", null), node("b", null, { clientReloginLowerLimit: 300 })]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^a: Client Re-Login Lower Limit \(120 s\) differs from the Critical Service Down Delay \(300 s\)/);
  });

  it("warn when the two nodes of a group hold different limits", () => {
    const warnings = guidanceWarnings(DEFAULT_CLUSTER_PARAMETERS, [node("a", 1, { clientReloginUpperLimit: 600 }), node("b", 1)]);
    expect(warnings).toEqual([
      "G1: the Client Re-Login limits of a (120/600 s) and b (120/537 s) differ; both nodes of a group should hold the same limits",
    ]);
  });
});
