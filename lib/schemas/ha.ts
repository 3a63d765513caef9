import { z } from "zod";
import { labSettingsSchema } from "../ha/lab-settings.ts";
import { ACTIONS } from "../ha/names.ts";
import { SERVICE_NAMES } from "../domain/services.ts";
import { idParams, idText, recordId, searchText } from "./common.ts";
import { pageNumber, pageOf, pageSize } from "./find-list.ts";

export const FAULTS = [
  "power-off",
  "power-on",
  "reboot",
  "isolate-network",
  "restore-network",
  "service-crash",
  "database-failure",
  "stop-srm",
  "start-srm",
  "service-start-failure",
  "user-move-failure",
] as const;

/** What each lab fault does, for the lab panel and the API document. */
export const FAULT_LABELS: Record<(typeof FAULTS)[number], string> = {
  "power-off": "Power off",
  "power-on": "Power on",
  reboot: "Reboot",
  "isolate-network": "Isolate network",
  "restore-network": "Restore network",
  "service-crash": "Crash a service",
  "database-failure": "Fail the database",
  "stop-srm": "Stop SRM",
  "start-srm": "Start SRM",
  "service-start-failure": "Critical services fail to start (until reboot)",
  "user-move-failure": "Next user move fails (database error)",
};

const serviceName = z.enum(SERVICE_NAMES as [string, ...string[]], { error: `Service must be one of: ${SERVICE_NAMES.join(", ")}` });

export const haActionSchema = z.discriminatedUnion(
  "action",
  [
    z.object({
      action: z.enum(["failover", "fallback"]),
      node: recordId("node (the id of the node to fail over or fall back)"),
    }),
    z.object({ action: z.literal("recover") }),
  ],
  { error: `action must be one of ${ACTIONS.join(", ")}` },
);

export const faultSchema = z.object({
  fault: z.enum(FAULTS, { error: `fault must be one of ${FAULTS.join(", ")}` }),
  service: serviceName.optional(),
});

export const serviceActionSchema = z.object({
  action: z.enum(["start", "stop", "restart"], { error: "action must be start, stop or restart" }),
});

export const serviceParams = z.object({
  id: idParams.shape.id,
  service: serviceName,
});

const timerSchema = z.object({ kind: z.string(), at: z.number() });

export const haNodeStatusSchema = z.object({
  id: z.number().int(),
  hostName: z.string(),
  state: z.string(),
  reason: z.string(),
  stateSince: z.number(),
  power: z.enum(["ON", "OFF", "BOOTING"]),
  isolated: z.boolean(),
  srmRunning: z.boolean(),
  unreachable: z.enum(["powered off", "booting", "network isolated", "SRM stopped"]).nullable(),
  servicesStoppedBySrm: z.boolean(),
  services: z.record(z.string(), z.enum(["STARTED", "STOPPED"])),
  faults: z.object({ startFailure: z.boolean(), moveFailure: z.boolean() }),
  failedOver: z.boolean(),
  lastPeerHeartbeat: z.number().nullable(),
  /** This node's state as its peer's SRM last heard it, and when. */
  peerLastHeard: z.object({ state: z.string(), reason: z.string(), at: z.number() }).nullable(),
  timers: z.array(timerSchema),
  users: z.object({ assigned: z.number().int(), serving: z.number().int(), active: z.number().int(), waiting: z.number().int() }),
});

export const haStatusSchema = z.object({
  groupId: z.number().int().nullable(),
  groupName: z.string(),
  haEnabled: z.boolean(),
  labNow: z.number(),
  speed: z.number(),
  operation: z
    .object({ kind: z.string(), from: z.number(), to: z.number(), reason: z.string(), step: z.number(), stepEndsAt: z.number() })
    .nullable(),
  allowedActions: z.object({ failover: z.array(z.number()), fallback: z.array(z.number()), recover: z.boolean() }),
  nodes: z.array(haNodeStatusSchema),
  groupTimers: z.array(timerSchema),
});
export type HaStatusView = z.infer<typeof haStatusSchema>;

export const haOverviewSchema = z.object({
  labNow: z.number(),
  speed: z.number(),
  groups: z.array(haStatusSchema),
});

export const eventsQuery = z.object({
  group: idText("group must be the id of an existing record").optional(),
  node: idText("node must be the id of an existing record").optional(),
  kind: z.enum(["state", "action", "fault", "service", "warning", "parameter"]).optional(),
  q: searchText.optional(),
  page: pageNumber,
  pageSize: pageSize(50),
});

/**
 * A history message: the English `message`, and for rows written since keys
 * were kept the catalogue key (of the `ha` namespace, messages/<locale>/ha.json)
 * and its values, for showing it in another language (lib/ha/event-text.ts).
 */
export const eventMessageFields = {
  message: z.string(),
  messageKey: z.string().nullable().describe("The message's key in the ha catalogue; null for rows written before keys were kept"),
  messageValues: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe("The key's values: names shown as they are, numbers, or nested messages {key, ns?, values?}"),
};

export const eventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  groupId: z.number().int().nullable(),
  nodeId: z.number().int().nullable(),
  kind: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  reason: z.string().nullable(),
  actor: z.string(),
  ...eventMessageFields,
});

export const eventPageSchema = pageOf(eventSchema);

export { labSettingsSchema };
