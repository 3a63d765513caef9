"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { ChangeEvent } from "@/lib/ha/change-event.ts";
import { queriesOf } from "@/lib/client/live-scope.ts";

interface LabTime {
  labNow: number;
  speed: number;
  /** Wall time when labNow was received, to extrapolate between ticks. */
  wallAt: number;
}

const LabTimeContext = createContext<LabTime | null>(null);
const ConnectedContext = createContext(false);

export { LIVE_KEYS } from "@/lib/client/live-scope.ts";

/**
 * Subscribes once, for every console page, to the server-sent events of the
 * HA controller: each change refreshes what the pages show within a second,
 * and the lab time keeps the countdowns running.
 */
export function LiveUpdates({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [time, setTime] = useState<LabTime | null>(null);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const source = new EventSource("/api/events/stream");
    source.addEventListener("open", () => setConnected(true));
    source.addEventListener("error", () => setConnected(false));
    source.addEventListener("tick", (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as { labNow: number; speed: number };
      setTime({ ...data, wallAt: Date.now() });
    });
    // The server throttles these to one a second, however many clients reconnect.
    source.addEventListener("clients", (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as { nodes: unknown[] };
      queryClient.setQueryData(["clients", "counters"], (old: { labNow: number } | undefined) => ({ labNow: old?.labNow ?? 0, nodes: data.nodes }));
      // A move that changed the counters has left an outage report.
      void queryClient.invalidateQueries({ queryKey: ["clients", "outage-reports"] });
    });
    source.addEventListener("change", (e) => {
      const event = JSON.parse((e as MessageEvent<string>).data) as ChangeEvent;
      for (const scope of queriesOf(event)) void queryClient.invalidateQueries({ queryKey: [...scope.queryKey], exact: scope.exact });
    });
    return () => source.close();
  }, [queryClient]);

  return (
    <ConnectedContext.Provider value={connected}>
      <LabTimeContext.Provider value={time}>{children}</LabTimeContext.Provider>
    </ConnectedContext.Provider>
  );
}

/** Lab time now, re-rendering the caller every quarter second. */
export function useLabNow(): { now: number | null; speed: number } {
  const time = useContext(LabTimeContext);
  const [, setFrame] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setFrame((f) => f + 1), 250);
    return () => clearInterval(t);
  }, []);
  if (!time) return { now: null, speed: 1 };
  return { now: time.labNow + (Date.now() - time.wallAt) * time.speed, speed: time.speed };
}

export function useLiveConnected(): boolean {
  return useContext(ConnectedContext);
}

type StatusLike = { haEnabled: boolean; nodes: { lastPeerHeartbeat: number | null }[] };

/**
 * Heartbeats arrive between change notices, so a status showing heartbeat
 * ages is re-read every second of real time: the age shown is then lab time
 * (from the server's ticks) minus the server's latest heartbeat, never a
 * local count that keeps rising while heartbeats arrive. Once a second keeps
 * the single-connection embedded database free for the controller.
 */
export function heartbeatRefetchInterval(data: { groups?: StatusLike[] } | StatusLike | undefined): number | false {
  if (!data) return false;
  const statuses = "groups" in data && data.groups ? data.groups : [data as StatusLike];
  const shows = statuses.some((s) => s.haEnabled && s.nodes.some((n) => n.lastPeerHeartbeat !== null));
  return shows ? 1000 : false;
}
