"use client";

import { useTranslations } from "next-intl";
import type { UnreachableBecause } from "@/lib/ha/reachability.ts";
import { useHaLabels } from "./use-ha-labels.ts";

const WHY: Record<UnreachableBecause, string> = {
  "powered off": "reachability.poweredOff",
  booting: "reachability.booting",
  "network isolated": "reachability.isolated",
  "SRM stopped": "reachability.srmStopped",
};

/**
 * Beside a node's state: that its peer cannot reach it, why (in the lab), and
 * the state its peer's SRM last heard from it; its users wait.
 */
export function NodeReachability({
  unreachable,
  lastHeard,
  waiting,
}: {
  unreachable: UnreachableBecause | string | null | undefined;
  lastHeard?: { state: string; reason: string } | null;
  waiting?: number;
}) {
  const t = useTranslations("ha");
  const labels = useHaLabels();
  if (!unreachable) return null;
  const heard = !lastHeard
    ? t("reachability.notHeard")
    : lastHeard.reason
      ? t("reachability.lastHeardReason", { state: labels.state(lastHeard.state), reason: labels.reason(lastHeard.reason) })
      : t("reachability.lastHeard", { state: labels.state(lastHeard.state) });
  return (
    <div className="bad" data-testid="node-unreachable">
      {t("reachability.unreachable", { why: unreachable in WHY ? t(WHY[unreachable as UnreachableBecause]) : unreachable })}
      {heard}
      {waiting ? t("reachability.waiting", { count: waiting }) : ""}.
    </div>
  );
}
