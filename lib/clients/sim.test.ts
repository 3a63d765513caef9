import { describe, expect, it } from "vitest";
import { summarize } from "./outage.ts";
import {
  ClientSim,
  DueCounts,
  RESEARCH_DELAY_MS,
  SEARCH_INTERVAL_MS,
  TEMP_WATCHER_SHARE,
  type ClientProfile,
  type NodeInfo,
} from "./sim.ts";

const T0 = Date.UTC(2026, 0, 1);
const S = 1000;
const DESKTOP: ClientProfile = { kind: "desktop", secure: true, dual: true };
const NO_DUAL: ClientProfile = { kind: "desktop", secure: true, dual: false };
const IOS: ClientProfile = { kind: "ios-background", secure: true, dual: true };

/** A pair 1–2 with HA enabled and the documented default limits (120 s / 537 s). */
function pair(slowdown = 1, limits: [number, number] = [120, 537], watcherShare?: number) {
  const sim = new ClientSim(7, watcherShare);
  const info = (peer: number): NodeInfo => ({ peer, reloginLowerMs: limits[0] * S, reloginUpperMs: limits[1] * S, slowdown });
  sim.setNodes(new Map([[1, info(2)], [2, info(1)]]), T0);
  return sim;
}

function logIn(sim: ClientSim, from: number, count: number, node: 1 | 2, profile: ClientProfile | ((i: number) => ClientProfile)) {
  for (let i = 0; i < count; i++) sim.login(from + i, typeof profile === "function" ? profile(i) : profile, node, node, T0);
}

describe("dual connections (domain.md §6)", () => {
  it("each client opens its inactive connection to the backup between the Lower and Upper Limit after login", () => {
    const sim = pair();
    logIn(sim, 1, 1000, 1, DESKTOP);
    expect(sim.counters(2, T0 + 119 * S, true).JsmSessionsClientInactive).toBe(0);
    const half = sim.counters(2, T0 + ((120 + 537) / 2) * S, true).JsmSessionsClientInactive;
    expect(half).toBeGreaterThan(400);
    expect(half).toBeLessThan(600);
    expect(sim.counters(2, T0 + 537 * S, true).JsmSessionsClientInactive).toBe(1000);
    // The active connections were there from the login.
    expect(sim.counters(1, T0 + 537 * S, true).JsmSessionsClient).toBe(1000);
  });

  it("X users on the primary and Y on the secondary show X/Y on the primary and Y/X on the secondary", () => {
    const sim = pair();
    logIn(sim, 1, 300, 1, DESKTOP);
    logIn(sim, 1001, 200, 2, DESKTOP);
    const at = T0 + 537 * S;
    const [a, b] = [sim.counters(1, at, true), sim.counters(2, at, true)];
    expect([a.JsmSessionsClient, a.JsmSessionsClientInactive, b.JsmSessionsClient, b.JsmSessionsClientInactive]).toEqual([300, 200, 200, 300]);
    expect([a.ActiveJsmSessions, a.InactiveJsmSessions, a.JsmSessionsComposed]).toEqual([300, 200, 500]);
  });

  it("no dual connection with dual registration off, in the unrestricted build, or for iOS in the background", () => {
    const sim = pair();
    logIn(sim, 1, 3, 1, (i) => [NO_DUAL, { ...DESKTOP, secure: false }, IOS][i]!);
    expect(sim.counters(2, T0 + 600 * S, true).JsmSessionsClientInactive).toBe(0);
  });

  it("a node that stops serving drops the inactive connections to it; back up, they open again within the limits", () => {
    const sim = pair();
    logIn(sim, 1, 100, 1, DESKTOP);
    sim.setUp(2, false, T0 + 600 * S);
    expect(sim.counters(2, T0 + 600 * S, true).JsmSessionsClientInactive).toBe(0);
    sim.setUp(2, true, T0 + 700 * S);
    expect(sim.counters(2, T0 + 819 * S, true).JsmSessionsClientInactive).toBe(0);
    expect(sim.counters(2, T0 + 1237 * S, true).JsmSessionsClientInactive).toBe(100);
  });
});

describe("on a move", () => {
  it("clients with an inactive connection to the new node activate it at once", () => {
    const sim = pair();
    logIn(sim, 1, 500, 1, DESKTOP);
    const at = T0 + 600 * S;
    const moved = sim.move(1, 2, at);
    expect(moved.every((m) => m.outageMs === 0 && m.wait === "none")).toBe(true);
    expect(sim.counters(2, at, true).JsmSessionsClient).toBe(500);
    expect(summarize(moved)).toMatchObject({ affected: 500, dual: 500, maxMs: 0, p99Ms: 0 });
  });

  it("a client whose inactive connection is not up yet re-logs in like any other", () => {
    const sim = pair();
    logIn(sim, 1, 10, 1, DESKTOP);
    const moved = sim.move(1, 2, T0 + 60 * S);
    expect(moved.every((m) => m.wait === "relogin")).toBe(true);
  });

  it("the others re-login a random Lower–Upper of the new node later, spread over that window", () => {
    const sim = pair(1, [120, 2620]);
    logIn(sim, 1, 2000, 1, NO_DUAL);
    const at = T0 + 600 * S;
    const moved = sim.move(1, 2, at);
    const outages = moved.map((m) => m.outageMs / S);
    expect(Math.min(...outages)).toBeGreaterThanOrEqual(120);
    expect(Math.max(...outages)).toBeLessThanOrEqual(2620);
    const r = summarize(moved);
    expect(r.p50Ms / S).toBeGreaterThan(1200);
    expect(r.p50Ms / S).toBeLessThan(1540);
    // Counters: nobody active on the new node until the Lower Limit, everyone by the Upper.
    expect(sim.counters(2, at + 119 * S, true)).toMatchObject({ JsmSessionsClient: 0, waitingRelogin: 2000 });
    expect(sim.counters(2, at + 2620 * S, true)).toMatchObject({ JsmSessionsClient: 2000, waitingRelogin: 0 });
  });

  it("iOS clients in the background wait for the backup to recreate their JSM sessions: 10–20 minutes for 15,000 users", () => {
    const sim = pair();
    logIn(sim, 1, 15_000, 1, IOS);
    const moved = sim.move(1, 2, T0 + 600 * S);
    const r = summarize(moved);
    expect(r.push).toBe(15_000);
    expect(r.maxMs / S).toBeGreaterThanOrEqual(10 * 60);
    expect(r.maxMs / S).toBeLessThanOrEqual(20 * 60);
  });

  it("Multiple Device Messaging doubles the failover time", () => {
    const run = (slowdown: number) => {
      const sim = pair(slowdown);
      logIn(sim, 1, 5000, 1, (i) => (i % 2 ? IOS : NO_DUAL));
      return summarize(sim.move(1, 2, T0 + 600 * S));
    };
    const [plain, mdm] = [run(1), run(2)];
    expect(mdm.maxMs / plain.maxMs).toBeGreaterThan(1.9);
    expect(mdm.maxMs / plain.maxMs).toBeLessThan(2.1);
    expect(mdm.p50Ms / plain.p50Ms).toBeGreaterThan(1.8);
    expect(mdm.p50Ms / plain.p50Ms).toBeLessThan(2.2);
  });

  it("the same seed gives the same outages", () => {
    const run = () => {
      const sim = pair();
      logIn(sim, 1, 100, 1, NO_DUAL);
      return sim.move(1, 2, T0).map((m) => m.outageMs);
    };
    expect(run()).toEqual(run());
  });

  it("a client removed or moved again while waiting is counted once, where it is", () => {
    const sim = pair();
    logIn(sim, 1, 10, 1, NO_DUAL);
    const at = T0 + 600 * S;
    sim.move(1, 2, at);
    sim.remove(1);
    sim.moveIds([2], 1, at + 10 * S);
    const [a, b] = [sim.counters(1, at + 10 * S, true), sim.counters(2, at + 10 * S, true)];
    expect([a.clients, b.clients, a.waitingRelogin + b.waitingRelogin]).toEqual([1, 8, 9]);
    const later = at + 10_000 * S;
    const total = sim.counters(1, later, true).JsmSessionsClient + sim.counters(2, later, true).JsmSessionsClient;
    expect(total).toBe(9);
  });
});

describe("temporary presence subscriptions (domain.md §7)", () => {
  const watched = (limits: [number, number] = [120, 537]) => pair(1, limits, 1);

  it("a move drops them even for dual clients back at once: watchers see stale presence until they search again", () => {
    const sim = watched();
    logIn(sim, 1, 1000, 1, DESKTOP);
    const at = T0 + 600 * S;
    const moved = sim.move(1, 2, at);
    expect(moved.every((m) => m.outageMs === 0)).toBe(true);
    const stale = moved.map((m) => m.staleMs!);
    // Back online at once, they search again within RESEARCH_DELAY_MS (the last search, at login, is long past).
    expect(Math.min(...stale)).toBeGreaterThan(0);
    expect(Math.max(...stale)).toBeLessThanOrEqual(RESEARCH_DELAY_MS);
    expect(sim.counters(2, at, true)).toMatchObject({ JsmSessionsClient: 1000, stalePresence: 1000 });
    const half = sim.counters(2, at + 30 * S, true).stalePresence;
    expect(half).toBeGreaterThan(400);
    expect(half).toBeLessThan(600);
    expect(sim.counters(2, at + RESEARCH_DELAY_MS, true).stalePresence).toBe(0);
    expect(sim.counters(1, at, true).stalePresence).toBe(0);
  });

  it("a watcher that re-logs in sees stale presence until after it is back online", () => {
    const sim = watched();
    logIn(sim, 1, 500, 1, NO_DUAL);
    const at = T0 + 600 * S;
    const moved = sim.move(1, 2, at);
    for (const m of moved) {
      expect(m.staleMs!).toBeGreaterThanOrEqual(m.outageMs);
      expect(m.staleMs!).toBeLessThanOrEqual(m.outageMs + RESEARCH_DELAY_MS + S);
    }
    const r = summarize(moved);
    expect(r.series[0]).toMatchObject({ relogin: 500, stale: 500 });
    expect(r.series.at(-1)).toMatchObject({ active: 500, stale: 0 });
  });

  it("no watcher searches the same user twice within 30 s, however quickly its user moves again", () => {
    // Inactive connections up 1–2 s after login: both moves activate them at once, so only the 30 s rule holds searches back.
    const sim = watched([1, 2]);
    logIn(sim, 1, 1000, 1, DESKTOP);
    const first = T0 + 5 * S;
    const moved1 = sim.move(1, 2, first);
    // Searched at login (T0): none again before T0 + 30 s, although all were back at T0 + 5 s.
    expect(moved1.every((m) => m.outageMs === 0 && first + m.staleMs! >= T0 + SEARCH_INTERVAL_MS)).toBe(true);
    expect(moved1.filter((m) => first + m.staleMs! === T0 + SEARCH_INTERVAL_MS).length).toBeGreaterThan(300);

    const second = T0 + 40 * S;
    const moved2 = sim.move(2, 1, second);
    // Both moves take the clients in login order.
    expect(moved2).toHaveLength(1000);
    let cancelled = 0;
    for (let i = 0; i < 1000; i++) {
      const search1 = first + moved1[i]!.staleMs!;
      // A search due after the second move never happened: the last one was at login.
      const last = search1 <= second ? search1 : T0;
      if (search1 > second) cancelled++;
      expect(second + moved2[i]!.staleMs!).toBeGreaterThanOrEqual(last + SEARCH_INTERVAL_MS);
    }
    expect(cancelled).toBeGreaterThan(0);
  });

  it("only a share of clients are watchers, the same users for the same seed; a removed watcher is not counted", () => {
    const run = () => {
      const sim = pair();
      logIn(sim, 1, 1000, 1, DESKTOP);
      return sim.move(1, 2, T0 + 600 * S).map((m) => m.staleMs !== null);
    };
    const watchers = run();
    expect(watchers).toEqual(run());
    const n = watchers.filter(Boolean).length;
    expect(n / 1000).toBeGreaterThan(TEMP_WATCHER_SHARE - 0.05);
    expect(n / 1000).toBeLessThan(TEMP_WATCHER_SHARE + 0.05);

    const sim = watched();
    logIn(sim, 1, 10, 1, DESKTOP);
    const at = T0 + 600 * S;
    sim.move(1, 2, at);
    sim.remove(1);
    sim.moveIds([2], 1, at);
    expect([sim.counters(1, at, true).stalePresence, sim.counters(2, at, true).stalePresence]).toEqual([1, 8]);
  });
});

describe("DueCounts", () => {
  it("counts what is due after a time, and forgets what is due by then", () => {
    const d = new DueCounts();
    d.add(10);
    d.add(10);
    d.add(20);
    expect(d.after(5)).toBe(3);
    expect(d.after(10)).toBe(1);
    d.remove(10); // already settled: nothing to take back
    expect(d.after(10)).toBe(1);
    d.remove(20);
    expect(d.after(10)).toBe(0);
  });
});
