import type { MessageRef } from "../http/errors.ts";

/** The group the product creates when the publisher node is installed. */
export const DEFAULT_GROUP_NAME = "DefaultCUPSubCluster";

/** What the group rules need to know of a node chosen as a Presence Server. */
export interface CandidateNode {
  id: number;
  hostName: string;
  softwareVersion: string;
  clusterId: number;
  clusterName: string;
  /** Host name of its cluster's database publisher, if the cluster has one. */
  publisherHostName: string | null;
  isPublisher: boolean;
  group: { id: number; name: string } | null;
}

/** A refusal per field, as messages of the errors catalogue (worded in each language there). */
export type FieldErrors = Record<string, MessageRef>;

/**
 * The documented rules for the two Presence Servers of one group: both in the
 * same cluster, with the same database publisher and software version.
 * Errors are reported against Presence Server 2.
 */
export function serverPairErrors(server1: CandidateNode, server2: CandidateNode | null): FieldErrors {
  if (!server2) return {};
  if (server1.clusterId !== server2.clusterId) {
    const values = { host1: server1.hostName, cluster1: server1.clusterName, host2: server2.hostName, cluster2: server2.clusterName };
    return { server2Id: { key: "group.otherCluster", values } };
  }
  if (server1.publisherHostName !== server2.publisherHostName) {
    return { server2Id: { key: "group.otherPublisher" } };
  }
  if (server1.softwareVersion !== server2.softwareVersion) {
    const values = { host1: server1.hostName, version1: server1.softwareVersion, host2: server2.hostName, version2: server2.softwareVersion };
    return { server2Id: { key: "group.otherVersion", values } };
  }
  return {};
}

/** A node may be chosen only if it is in no group, or already in this one. */
export function membershipErrors(
  groupId: number | null,
  servers: { field: "server1Id" | "server2Id"; node: CandidateNode }[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, node } of servers) {
    if (node.group && node.group.id !== groupId) {
      errors[field] = { key: "group.inAnotherGroup", values: { host: node.hostName, group: node.group.name } };
    }
  }
  return errors;
}

/**
 * The database publisher must always belong to a group, as the product keeps
 * it in DefaultCUPSubCluster: a group holding it can be renamed but neither
 * deleted nor left without it.
 */
export function publisherKept(current: CandidateNode[], nextServerIds: (number | null)[]): FieldErrors {
  const publisher = current.find((n) => n.isPublisher);
  if (!publisher || nextServerIds.includes(publisher.id)) return {};
  return { server1Id: { key: "group.publisherStays", values: { host: publisher.hostName } } };
}

/**
 * What a delete confirmation must tell the admin about a group. `stateLabel`
 * words the group's HA state (one state, or the nodes' states joined by " / ")
 * in the page's language.
 */
export function deleteWarnings(
  group: { name: string; userCount: number; haState?: string | null },
  stateLabel: (summary: string) => string = (summary) => summary,
): MessageRef[] {
  const warnings: MessageRef[] = [];
  if (group.userCount > 0) {
    warnings.push({ key: "group.usersLoseGroup", values: { count: group.userCount, users: String(group.userCount) } });
  }
  if (group.haState && group.haState !== "Normal") {
    warnings.push({ key: "group.notNormal", values: { state: stateLabel(group.haState) } });
  }
  return warnings;
}
