import type { MovedClient } from "./sim.ts";

export const OUTAGE_KINDS = ["failover", "fallback", "auto-recovery", "move"] as const;
export type OutageKind = (typeof OUTAGE_KINDS)[number];

/** Clients of the moved users at a lab time after the move (ms). */
export interface OutagePoint {
  t: number;
  active: number;
  relogin: number;
  push: number;
  /** Watchers whose temporary presence subscriptions the move dropped and who have not searched again yet. */
  stale: number;
}

export interface OutageSummary {
  affected: number;
  dual: number;
  push: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  series: OutagePoint[];
}

/** Points of the chart: enough to read a curve at a glance, few enough to store with each report. */
const POINTS = 120;

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** How many of the sorted values are <= x. */
function countAtMost(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The report of one move: every client's outage is known when the SRM moves
 * its user (the delays are drawn then), so the curve of clients back online
 * is computed at once, not sampled while it happens.
 */
export function summarize(moved: MovedClient[]): OutageSummary {
  const all = moved.map((m) => m.outageMs).sort((a, b) => a - b);
  const relogin = moved.filter((m) => m.wait === "relogin").map((m) => m.outageMs).sort((a, b) => a - b);
  const push = moved.filter((m) => m.wait === "push").map((m) => m.outageMs).sort((a, b) => a - b);
  const stale = moved.flatMap((m) => (m.staleMs === null ? [] : [m.staleMs])).sort((a, b) => a - b);
  const max = all.at(-1) ?? 0;
  // Dual clients are back at once but watchers among them still see stale presence: the chart runs until both end.
  const horizon = Math.max(max, stale.at(-1) ?? 0);
  const series: OutagePoint[] = [];
  const step = horizon / POINTS;
  for (let i = 0; i <= (horizon === 0 ? 0 : POINTS); i++) {
    const t = Math.round(i * step);
    series.push({
      t,
      active: countAtMost(all, t),
      relogin: relogin.length - countAtMost(relogin, t),
      push: push.length - countAtMost(push, t),
      stale: stale.length - countAtMost(stale, t),
    });
  }
  return {
    affected: moved.length,
    dual: moved.filter((m) => m.wait === "none").length,
    push: push.length,
    p50Ms: percentile(all, 50),
    p95Ms: percentile(all, 95),
    p99Ms: percentile(all, 99),
    maxMs: max,
    series,
  };
}
