import { say, type EventText } from "../ha/event-text.ts";
import { SERVICE_ACTION_WORD } from "../ha/history-text.ts";
import type { ServiceAction } from "../ha/machine.ts";

export interface Describable {
  kind: string;
  nodeId: number | null;
  fault: string | null;
  service: string | null;
}

const planning = (key: string, values?: EventText["values"]): EventText => ({ ns: "planning", ...say(key, values) });

/**
 * What a scheduled row will do, as a catalogue message: the API answers its
 * English, the group page renders it in the viewer's language. Faults are
 * named as the lab panel's buttons name them.
 */
export function scheduledText(row: Describable, hostName?: string): EventText {
  const on: EventText["values"] = { on: hostName ?? (row.nodeId !== null ? planning("scheduled.describe.node", { id: String(row.nodeId) }) : "") };
  switch (row.kind) {
    case "recover":
      return planning("scheduled.describe.recover");
    case "fault": {
      const fault = { key: `lab.fault.${row.fault}` };
      return row.service ? planning("scheduled.describe.faultService", { fault, service: row.service, ...on }) : planning("scheduled.describe.fault", { fault, ...on });
    }
    case "service":
      return planning("scheduled.describe.service", { action: say(SERVICE_ACTION_WORD[row.fault as ServiceAction]), service: row.service ?? "", ...on });
    case "drill-end":
      return planning("scheduled.describe.drillEnd");
    default:
      return planning(row.kind === "failover" ? "scheduled.describe.failover" : "scheduled.describe.fallback", on);
  }
}
