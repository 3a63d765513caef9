"use client";

import { useLabNow } from "./live.tsx";

const TIMER_LABELS: Record<string, string> = {
  "heartbeat-timeout": "Peer declared down in",
  "critical-service-down": "Failover (critical service down) in",
  "automatic-fallback": "Automatic fallback in",
  "srm-start": "SRM started in",
  boot: "Booted in",
  "failover-step-1": "Stopping critical services",
  "failover-step-2": "Moving users",
  "fallback-step-1": "Starting critical services",
  "fallback-step-2": "Moving users back",
  "takeover-step-1": "Taking over users",
};

function seconds(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** Countdowns of the running timers, in lab time. */
export function Countdowns({ timers, lastPeerHeartbeat }: { timers: { kind: string; at: number }[]; lastPeerHeartbeat?: number | null }) {
  const { now } = useLabNow();
  if (now === null) return null;
  return (
    <ul className="timers">
      {lastPeerHeartbeat != null && <li data-testid="heartbeat-age">Heartbeat age {seconds(now - lastPeerHeartbeat)}</li>}
      {timers.map((t) => (
        <li key={t.kind} data-testid={`timer-${t.kind}`}>
          {TIMER_LABELS[t.kind] ?? t.kind} {seconds(t.at - now)}
        </li>
      ))}
    </ul>
  );
}
