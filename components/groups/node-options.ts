"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api.ts";
import { serverPairErrors, type CandidateNode } from "@/lib/domain/groups.ts";
import type { MessageRef } from "@/lib/http/errors.ts";
import type { Page } from "@/lib/schemas/find-list.ts";
import type { NodeView } from "@/lib/schemas/nodes.ts";

/** Nodes a group may choose: those in no group, plus the group's own. */
export function useAssignableNodes(groupId: number | "new") {
  return useQuery({
    queryKey: ["nodes", "assignable", groupId],
    queryFn: () => api<Page<NodeView>>(`/api/nodes?assignableTo=${groupId}&pageSize=250`),
  });
}

// One publisher per cluster: the same cluster means the same publisher.
const asCandidate = (n: NodeView): CandidateNode => ({
  id: n.id,
  hostName: n.hostName,
  softwareVersion: n.softwareVersion,
  clusterId: n.cluster.id,
  clusterName: n.cluster.name,
  publisherHostName: null,
  isPublisher: n.isPublisher,
  group: n.group,
});

/** Why `candidate` may not be Presence Server 2 beside `server1` (the group rule's own message), or null. */
export function pairProblem(server1: NodeView, candidate: NodeView): MessageRef | null {
  if (server1.id === candidate.id) return { key: "field.differentServers" };
  return serverPairErrors(asCandidate(server1), asCandidate(candidate)).server2Id ?? null;
}

/** The nodes Presence Server 2 may offer: not Server 1, and of its cluster and version. */
export function peerOptions(server1: NodeView | undefined, nodes: NodeView[]): NodeView[] {
  return server1 ? nodes.filter((n) => pairProblem(server1, n) === null) : nodes;
}
