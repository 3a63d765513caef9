"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api.ts";
import type { CountersView } from "@/lib/schemas/clients.ts";

/** The JSM counters of every node; the live updates refresh them on each `clients` event (at most once a second). */
export function useClientCounters() {
  return useQuery({
    queryKey: ["clients", "counters"],
    queryFn: () => api<CountersView>("/api/clients/counters"),
    // Users added or deleted reach the counters without an event: look again now and then.
    refetchInterval: 10_000,
  });
}
