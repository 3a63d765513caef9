import { describe, expect, it } from "vitest";
import type { MessageRef } from "../http/errors.ts";
import { english } from "../http/rule-messages.ts";
import * as rules from "./groups.ts";
import type { CandidateNode } from "./groups.ts";

// The rules answer with catalogue messages; these tests read them as the English answer words them.
const inEnglish = (errors: Record<string, MessageRef>) => Object.fromEntries(Object.entries(errors).map(([k, ref]) => [k, english(ref)]));
const serverPairErrors = (...args: Parameters<typeof rules.serverPairErrors>) => inEnglish(rules.serverPairErrors(...args));
const membershipErrors = (...args: Parameters<typeof rules.membershipErrors>) => inEnglish(rules.membershipErrors(...args));
const publisherKept = (...args: Parameters<typeof rules.publisherKept>) => inEnglish(rules.publisherKept(...args));
const deleteWarnings = (...args: Parameters<typeof rules.deleteWarnings>) => rules.deleteWarnings(...args).map(english);

function node(over: Partial<CandidateNode> & { id: number }): CandidateNode {
  return {
    hostName: `imp-sub${over.id}`,
    softwareVersion: "15.0.1.12900-12",
    clusterId: 1,
    clusterName: "imp-cluster-01",
    publisherHostName: "imp-pub",
    isPublisher: false,
    group: null,
    ...over,
  };
}

describe("serverPairErrors", () => {
  it("accepts a single Presence Server", () => {
    expect(serverPairErrors(node({ id: 1 }), null)).toEqual({});
  });

  it("accepts two nodes of one cluster, publisher and software version", () => {
    expect(serverPairErrors(node({ id: 1 }), node({ id: 2 }))).toEqual({});
  });

  it("refuses nodes of different clusters, against Presence Server 2, naming both clusters", () => {
    const errors = serverPairErrors(
      node({ id: 1 }),
      node({ id: 2, hostName: "imp-b", clusterId: 2, clusterName: "imp-cluster-02", publisherHostName: "imp-b" }),
    );
    expect(Object.keys(errors)).toEqual(["server2Id"]);
    expect(errors.server2Id).toContain("imp-cluster-02");
    expect(errors.server2Id).toContain("imp-cluster-01");
  });

  it("refuses nodes with different database publishers", () => {
    const errors = serverPairErrors(node({ id: 1 }), node({ id: 2, publisherHostName: "imp-other-pub" }));
    expect(errors).toEqual({ server2Id: "Both Presence Servers must have the same database publisher" });
  });

  it("refuses nodes on different software versions, naming both versions", () => {
    const errors = serverPairErrors(node({ id: 1 }), node({ id: 5, softwareVersion: "14.0.1.14900-8" }));
    expect(Object.keys(errors)).toEqual(["server2Id"]);
    expect(errors.server2Id).toContain("14.0.1.14900-8");
    expect(errors.server2Id).toContain("15.0.1.12900-12");
  });

  it("reports the cluster rule first when both cluster and version differ", () => {
    const errors = serverPairErrors(
      node({ id: 1 }),
      node({ id: 2, clusterId: 2, clusterName: "imp-cluster-02", softwareVersion: "14.0.1.14900-8" }),
    );
    expect(errors.server2Id).toMatch(/same cluster/);
  });
});

describe("membershipErrors", () => {
  it("accepts nodes in no group", () => {
    expect(
      membershipErrors(null, [
        { field: "server1Id", node: node({ id: 1 }) },
        { field: "server2Id", node: node({ id: 2 }) },
      ]),
    ).toEqual({});
  });

  it("accepts nodes already in the group being edited", () => {
    const inGroup = node({ id: 1, group: { id: 7, name: "east" } });
    expect(membershipErrors(7, [{ field: "server1Id", node: inGroup }])).toEqual({});
  });

  it("refuses a node in another group, against the field that chose it, naming that group", () => {
    const pub = node({ id: 1, hostName: "imp-pub", isPublisher: true, group: { id: 1, name: "DefaultCUPSubCluster" } });
    const errors = membershipErrors(null, [
      { field: "server1Id", node: node({ id: 2 }) },
      { field: "server2Id", node: pub },
    ]);
    expect(Object.keys(errors)).toEqual(["server2Id"]);
    expect(errors.server2Id).toContain("imp-pub");
    expect(errors.server2Id).toContain("DefaultCUPSubCluster");
  });

  it("refuses a node of another group also when editing a group", () => {
    const other = node({ id: 3, group: { id: 8, name: "west" } });
    expect(Object.keys(membershipErrors(7, [{ field: "server1Id", node: other }]))).toEqual(["server1Id"]);
  });

  it("reports both fields when both nodes are taken", () => {
    const taken = { id: 9, name: "taken" };
    const errors = membershipErrors(null, [
      { field: "server1Id", node: node({ id: 1, group: taken }) },
      { field: "server2Id", node: node({ id: 2, group: taken }) },
    ]);
    expect(Object.keys(errors).sort()).toEqual(["server1Id", "server2Id"]);
  });
});

describe("publisherKept", () => {
  const pub = node({ id: 1, hostName: "imp-pub", isPublisher: true });
  const sub = node({ id: 2 });

  it("allows any change to a group that does not hold the publisher", () => {
    expect(publisherKept([sub], [3, null])).toEqual({});
    expect(publisherKept([], [3, 4])).toEqual({});
  });

  it("allows keeping the publisher as Presence Server 1 or moving it to Presence Server 2", () => {
    expect(publisherKept([pub], [1, null])).toEqual({});
    expect(publisherKept([pub, sub], [2, 1])).toEqual({});
  });

  it("refuses removing the publisher, naming it", () => {
    const errors = publisherKept([pub, sub], [2, null]);
    expect(Object.keys(errors)).toEqual(["server1Id"]);
    expect(errors.server1Id).toContain("imp-pub");
  });
});

describe("deleteWarnings", () => {
  it("has nothing to say about an empty group in the Normal state", () => {
    expect(deleteWarnings({ name: "g", userCount: 0 })).toEqual([]);
    expect(deleteWarnings({ name: "g", userCount: 0, haState: "Normal" })).toEqual([]);
    expect(deleteWarnings({ name: "g", userCount: 0, haState: null })).toEqual([]);
  });

  it("warns about assigned end users, in the singular and the plural", () => {
    expect(deleteWarnings({ name: "g", userCount: 1 })).toEqual([
      "1 end user is assigned to its nodes and will lose their Presence Redundancy Group",
    ]);
    expect(deleteWarnings({ name: "g", userCount: 250 })[0]).toMatch(/^250 end users are assigned/);
  });

  it("warns when the nodes are not in the Normal state, naming the state", () => {
    expect(deleteWarnings({ name: "g", userCount: 0, haState: "Running in Backup Mode" })).toEqual([
      "its nodes are not in the Normal state (Running in Backup Mode)",
    ]);
  });

  it("words the state as the page's language does", () => {
    expect(deleteWarnings({ name: "g", userCount: 0, haState: "Failed Over / Normal" }, (s) => s.toUpperCase())).toEqual([
      "its nodes are not in the Normal state (FAILED OVER / NORMAL)",
    ]);
  });

  it("writes the number of users as it is, however large", () => {
    expect(deleteWarnings({ name: "g", userCount: 12000 })[0]).toMatch(/^12000 end users are assigned/);
  });

  it("gives both warnings, users first", () => {
    const warnings = deleteWarnings({ name: "g", userCount: 3, haState: "Failed Over" });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^3 end users/);
    expect(warnings[1]).toMatch(/Failed Over/);
  });
});
