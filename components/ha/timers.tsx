"use client";

import { useTranslations } from "next-intl";
import { useLabNow } from "./live.tsx";

/** The timers the controller runs (lib/ha), each with its label in the ha catalogue. */
const TIMER_LABELS: Record<string, string> = {
  "heartbeat-timeout": "timer.heartbeat-timeout",
  "critical-service-down": "timer.critical-service-down",
  "automatic-fallback": "timer.automatic-fallback",
  "srm-start": "timer.srm-start",
  boot: "timer.boot",
  "failover-step-1": "timer.failover-step-1",
  "failover-step-2": "timer.failover-step-2",
  "fallback-step-1": "timer.fallback-step-1",
  "fallback-step-2": "timer.fallback-step-2",
  "takeover-step-1": "timer.takeover-step-1",
};

/** Countdowns of the running timers, in lab time. */
export function Countdowns({ timers, lastPeerHeartbeat }: { timers: { kind: string; at: number }[]; lastPeerHeartbeat?: number | null }) {
  const { now } = useLabNow();
  const t = useTranslations("ha");
  if (now === null) return null;
  const seconds = (ms: number) => {
    const s = Math.max(0, Math.ceil(ms / 1000));
    return s >= 60 ? t("timer.minutes", { m: Math.floor(s / 60), s: String(s % 60).padStart(2, "0") }) : t("timer.seconds", { s });
  };
  return (
    <ul className="timers">
      {lastPeerHeartbeat != null && <li data-testid="heartbeat-age">{t("timer.heartbeatAge", { age: seconds(now - lastPeerHeartbeat) })}</li>}
      {timers.map((timer) => (
        <li key={timer.kind} data-testid={`timer-${timer.kind}`}>
          {timer.kind in TIMER_LABELS ? t(TIMER_LABELS[timer.kind]!, { left: seconds(timer.at - now) }) : `${timer.kind} ${seconds(timer.at - now)}`}
        </li>
      ))}
    </ul>
  );
}
