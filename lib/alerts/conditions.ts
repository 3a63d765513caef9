import type { HaStatus } from "../ha/controller.ts";
import { REASON, STATE } from "../ha/names.ts";

/** The RTMT alerts the console raises. */
export const ALERT_NAMES = ["SRMFailover", "SRMFailed", "CriticalServiceDown"] as const;
export type AlertName = (typeof ALERT_NAMES)[number];

export interface Condition {
  name: AlertName;
  nodeId: number;
  nodeName: string;
  reason: string;
}

/**
 * The alert conditions a group is in now, read from its HA status: a node
 * whose users its peer serves (SRMFailover), a node Running in Failed Mode
 * (SRMFailed), a node the SRM sees with critical services down
 * (CriticalServiceDown). Each lasts as long as the state that shows it.
 */
export function conditionsOf(status: HaStatus): Condition[] {
  const out: Condition[] = [];
  for (const n of status.nodes) {
    const at = { nodeId: n.id, nodeName: n.hostName, reason: n.reason };
    if (n.failedOver) out.push({ name: "SRMFailover", ...at });
    if (n.state === STATE.FAILED_MODE) out.push({ name: "SRMFailed", ...at });
    if (n.reason === REASON.CRITICAL_SERVICES_DOWN && (n.state === STATE.FAILED_OVER_CSNR || n.state === STATE.FAILING_OVER || n.state === STATE.FAILED_MODE)) {
      out.push({ name: "CriticalServiceDown", ...at });
    }
  }
  return out;
}
