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

export type FieldErrors = Record<string, string>;

/**
 * The documented rules for the two Presence Servers of one group: both in the
 * same cluster, with the same database publisher and software version.
 * Errors are reported against Presence Server 2.
 */
export function serverPairErrors(server1: CandidateNode, server2: CandidateNode | null): FieldErrors {
  if (!server2) return {};
  if (server1.clusterId !== server2.clusterId) {
    return {
      server2Id: `Presence Server 2 (${server2.hostName}, cluster ${server2.clusterName}) must be in the same cluster as Presence Server 1 (${server1.hostName}, cluster ${server1.clusterName})`,
    };
  }
  if (server1.publisherHostName !== server2.publisherHostName) {
    return { server2Id: "Both Presence Servers must have the same database publisher" };
  }
  if (server1.softwareVersion !== server2.softwareVersion) {
    return {
      server2Id: `Presence Server 2 (${server2.hostName}) runs ${server2.softwareVersion} but Presence Server 1 (${server1.hostName}) runs ${server1.softwareVersion}: both must run the same software version`,
    };
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
      errors[field] = `${node.hostName} is already in the Presence Redundancy Group ${node.group.name}; a node can belong to one group only`;
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
  return {
    server1Id: `${publisher.hostName} is the database publisher and must stay in this group`,
  };
}

/** What a delete confirmation must tell the admin about a group. */
export function deleteWarnings(group: { name: string; userCount: number; haState?: string | null }): string[] {
  const warnings: string[] = [];
  if (group.userCount > 0) {
    warnings.push(
      `${group.userCount} end user${group.userCount === 1 ? " is" : "s are"} assigned to its nodes and will lose their Presence Redundancy Group`,
    );
  }
  if (group.haState && group.haState !== "Normal") {
    warnings.push(`its nodes are not in the Normal state (${group.haState})`);
  }
  return warnings;
}
