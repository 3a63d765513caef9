"use client";

import { useHaLabels } from "@/components/ha/use-ha-labels.ts";

/** A group's HA summary (lib/ha/summary.ts: one state, or each node's joined by " / ") in the page's language. */
export function useHaSummaryLabel(): (summary: string) => string {
  const labels = useHaLabels();
  return (summary) => summary.split(" / ").map(labels.state).join(" / ");
}
