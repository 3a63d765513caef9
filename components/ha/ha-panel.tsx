"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";
import { NodeStatusTable } from "./node-status-table.tsx";

export function useGroupHa(groupId: number | null) {
  return useQuery({
    queryKey: ["ha", "group", groupId],
    queryFn: () => api<HaStatusView>(`/api/groups/${groupId}/ha`),
    enabled: groupId !== null,
  });
}

/** The High Availability section of the group configuration page. */
export function HaPanel({ groupId }: { groupId: number }) {
  const ha = useGroupHa(groupId);
  if (ha.isError) return <p className="status-error">{ha.error.message}</p>;
  if (!ha.data) return <p>Loading…</p>;
  return <NodeStatusTable status={ha.data} />;
}
