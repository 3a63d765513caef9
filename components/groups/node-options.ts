"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api.ts";
import type { Page } from "@/lib/schemas/find-list.ts";
import type { NodeView } from "@/lib/schemas/nodes.ts";

/** Nodes a group may choose: those in no group, plus the group's own. */
export function useAssignableNodes(groupId: number | "new") {
  return useQuery({
    queryKey: ["nodes", "assignable", groupId],
    queryFn: () => api<Page<NodeView>>(`/api/nodes?assignableTo=${groupId}&pageSize=250`),
  });
}
