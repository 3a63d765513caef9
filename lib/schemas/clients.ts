import { z } from "zod";
import { CLIENT_KINDS } from "../clients/sim.ts";
import { OUTAGE_KINDS } from "../clients/outage.ts";
import { idText, recordId } from "./common.ts";
import { pageNumber, pageOf, pageSize } from "./find-list.ts";

export const clientKindSchema = z.enum(CLIENT_KINDS, { error: `Client kind must be one of ${CLIENT_KINDS.join(", ")}` });

export const clientProfileSchema = z.object({
  kind: clientKindSchema,
  /** Secure XMPP client mode; false is the unrestricted (XU) build, never dual. */
  secure: z.boolean({ error: "secure must be true or false" }),
  /** Dual registration on the client side. */
  dual: z.boolean({ error: "dual must be true or false" }),
});
export type ClientProfileView = z.output<typeof clientProfileSchema>;

/** The most users one bulk change names: a Find and List page is at most 250 rows. */
export const CLIENT_BULK_MAX = 1000;

export const clientBulkSchema = z
  .object({
    ids: z
      .array(recordId("ids[]"), { error: "ids must be a list of end user ids" })
      .min(1, "Select at least one end user")
      .max(CLIENT_BULK_MAX, `At most ${CLIENT_BULK_MAX} end users at a time`),
    kind: clientKindSchema.optional(),
    secure: clientProfileSchema.shape.secure.optional(),
    dual: clientProfileSchema.shape.dual.optional(),
  })
  .refine((b) => b.kind !== undefined || b.secure !== undefined || b.dual !== undefined, {
    message: "Name at least one of kind, secure, dual to change",
    path: ["kind"],
  });

export const clientBulkResultSchema = z.object({ updated: z.number().int() });

const counterSchema = z.object({
  nodeId: z.number().int(),
  hostName: z.string(),
  groupId: z.number().int().nullable(),
  ActiveJsmSessions: z.number().int(),
  InactiveJsmSessions: z.number().int(),
  JsmSessionsComposed: z.number().int(),
  JsmSessionsClient: z.number().int(),
  JsmSessionsClientInactive: z.number().int(),
  waitingRelogin: z.number().int(),
  waitingPush: z.number().int(),
  openingInactive: z.number().int(),
  stalePresence: z
    .number()
    .int()
    .describe("Watchers served by the node that see stale presence: a move dropped their temporary subscriptions and they have not searched again"),
  clients: z.number().int(),
});

export const countersSchema = z.object({ labNow: z.number(), nodes: z.array(counterSchema) });
export type CountersView = z.output<typeof countersSchema>;

export const countersQuery = z.object({ group: idText("group must be the id of an existing record").optional() });

export const outageReportSchema = z.object({
  id: z.number().int(),
  groupId: z.number().int(),
  kind: z.enum(OUTAGE_KINDS),
  fromNode: z.object({ id: z.number().int(), hostName: z.string().nullable() }),
  toNode: z.object({ id: z.number().int(), hostName: z.string().nullable() }),
  at: z.string(),
  affected: z.number().int(),
  dual: z.number().int(),
  push: z.number().int(),
  p50Ms: z.number().int(),
  p95Ms: z.number().int(),
  p99Ms: z.number().int(),
  maxMs: z.number().int(),
  stalePresence: z.number().int().describe("Watchers among the moved clients whose temporary presence subscriptions the move dropped"),
  series: z.array(
    z.object({
      t: z.number(),
      active: z.number().int(),
      relogin: z.number().int(),
      push: z.number().int(),
      stale: z.number().int().describe("Watchers still seeing stale presence (0 in reports made before presence was simulated)"),
    }),
  ),
});
export type OutageReportView = z.output<typeof outageReportSchema>;

export const outageReportsQuery = z.object({
  group: idText("group must be the id of an existing record").optional(),
  page: pageNumber,
  pageSize: pageSize(25),
});
export const outageReportPageSchema = pageOf(outageReportSchema);

export const clientSettingsSchema = z.object({
  clusters: z.array(z.object({ id: z.number().int(), name: z.string(), multipleDeviceMessaging: z.boolean() })),
});
export const clientSettingsInput = z.object({
  cluster: recordId("cluster"),
  multipleDeviceMessaging: z.boolean({ error: "multipleDeviceMessaging must be true or false" }),
});
