import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { REASON, STATE } from "@/lib/ha/names.ts";
import { LAB, useHaLab } from "./support/ha-lab.ts";

const lab = useHaLab();
const STEP = LAB.stepSeconds;

/** The scrape, as Prometheus's text parser reads it. */
async function scrape() {
  return parsePrometheusTextFormat(await lab.runtime().metrics.registry.metrics());
}

async function value(name: string, labels: Record<string, string>): Promise<number> {
  const family = (await scrape()).find((f) => f.name === name);
  const sample = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return sample ? Number(sample.value) : 0;
}

describe("Prometheus metrics", () => {
  it("parse as Prometheus text, and follow a failover and a fallback", async () => {
    const p = await lab.pair();
    const group = lab.controller().groupStatus(p.groupId).groupName;
    const [a, b] = lab.controller().groupStatus(p.groupId).nodes.map((n) => n.hostName) as [string, string];

    const families = await scrape();
    expect(families.map((f) => f.name)).toEqual(
      expect.arrayContaining(["prg_node_state", "prg_failovers_total", "prg_fallbacks_total", "prg_user_moves_total", "prg_http_request_duration_seconds"]),
    );
    const states = families.find((f) => f.name === "prg_node_state")!.metrics.filter((m) => m.labels?.node === a);
    expect(states).toHaveLength(Object.keys(STATE).length);
    expect(states.filter((m) => m.value === "1").map((m) => m.labels?.state)).toEqual([STATE.NORMAL]);
    expect(await value("prg_failovers_total", { group, reason: REASON.ADMIN })).toBe(0);

    await lab.act(p, "failover", "n1");
    await lab.advance(2 * STEP + 1);
    await lab.expectStates(p, [STATE.IDLE, REASON.ADMIN], [STATE.BACKUP, REASON.ADMIN]);
    expect(await value("prg_failovers_total", { group, reason: REASON.ADMIN })).toBe(1);
    expect(await value("prg_node_state", { node: a, state: STATE.IDLE })).toBe(1);
    expect(await value("prg_node_state", { node: a, state: STATE.NORMAL })).toBe(0);
    expect(await value("prg_node_state", { node: b, state: STATE.BACKUP })).toBe(1);
    const movesAfterFailover = await value("prg_user_moves_total", { group });
    expect(movesAfterFailover).toBeGreaterThan(0);

    await lab.act(p, "fallback", "n1");
    await lab.advance(2 * STEP + 1);
    await lab.expectStates(p, [STATE.NORMAL, REASON.NORMAL], [STATE.NORMAL, REASON.NORMAL]);
    expect(await value("prg_fallbacks_total", { group, reason: REASON.ADMIN })).toBe(1);
    expect(await value("prg_failovers_total", { group, reason: REASON.ADMIN })).toBe(1);
    expect(await value("prg_user_moves_total", { group })).toBeGreaterThan(movesAfterFailover);

    // Each operation took its two steps of lab time, from Taking Over / Taking Back to its end.
    // (The text parser drops a labelled histogram's labels, so this reads the registry's own values.)
    const durations = await lab.runtime().metrics.registry.getSingleMetric("prg_ha_operation_duration_seconds")!.get();
    for (const kind of ["failover", "fallback"]) {
      const of = (suffix: string) =>
        durations.values.find(
          (v) => (v as { metricName?: string }).metricName === `prg_ha_operation_duration_seconds_${suffix}` && v.labels.kind === kind && v.labels.outcome === "done",
        )!.value;
      expect(of("count")).toBeGreaterThanOrEqual(1);
      expect(of("sum") / of("count")).toBeCloseTo(2 * STEP, 0);
    }
  });

  it("carry each node's JSM session counters, which follow a failover", async () => {
    // lab.pair signs in every other user of node 1: 20 and 15 clients.
    const p = await lab.pair([40, 15]);
    await lab.runtime().clients.reconcile();
    const [a, b] = lab.controller().groupStatus(p.groupId).nodes.map((n) => n.hostName) as [string, string];
    expect(await value("prg_jsm_sessions", { node: a, counter: "ActiveJsmSessions" })).toBe(20);
    expect(await value("prg_jsm_sessions", { node: b, counter: "ActiveJsmSessions" })).toBe(15);
    await lab.act(p, "failover", "n1");
    await lab.advance(2 * STEP + 1);
    await lab.runtime().clients.settled();
    expect(await value("prg_jsm_sessions", { node: a, counter: "ActiveJsmSessions" })).toBe(0);
    expect(await value("prg_jsm_sessions", { node: b, counter: "JsmSessionsClient" })).toBeGreaterThanOrEqual(15);
  });

  it("observe the controller's timer lag for the steps its timers make", async () => {
    const lagCount = async () => {
      const family = (await scrape()).find((f) => f.name === "prg_controller_timer_lag_seconds");
      return Number((family?.metrics[0] as { count?: string } | undefined)?.count ?? 0);
    };
    const p = await lab.pair();
    const before = await lagCount();
    await lab.act(p, "failover", "n1");
    expect(await lagCount()).toBe(before);
    // The failover's further steps are timers.
    await lab.advance(2 * STEP + 1);
    expect(await lagCount()).toBeGreaterThan(before);
  });
});
