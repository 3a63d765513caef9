import { z } from "zod";
import { SERVICE_NAMES } from "../domain/services.ts";
import { scenarioSchema } from "../drills/scenario.ts";
import { clusterFields } from "../params/validation.ts";
import { recordId } from "./common.ts";
import { eventMessageFields, FAULTS } from "./ha.ts";

const serviceName = z.enum(SERVICE_NAMES as [string, ...string[]], { error: `service must be one of: ${SERVICE_NAMES.join(", ")}` });
const labTime = z.number({ error: "at must be a lab time in milliseconds" }).int("at must be whole milliseconds").min(0).max(8.64e15);

// ---- scheduled actions -------------------------------------------------------

export const scheduleActionSchema = z
  .object({
    action: z.enum(["failover", "fallback", "recover"], { error: "action must be failover, fallback or recover" }),
    node: recordId("node (the id of the node to fail over or fall back)").optional(),
    /** Lab time (ms since the epoch) it runs; must be later than the lab time now. */
    at: labTime,
  })
  .refine((b) => b.action === "recover" || b.node !== undefined, { message: "node is required for failover and fallback", path: ["node"] });
export type ScheduleActionInput = z.infer<typeof scheduleActionSchema>;

export const scheduledActionSchema = z.object({
  id: z.number().int(),
  groupId: z.number().int(),
  kind: z.string(),
  nodeId: z.number().int().nullable(),
  hostName: z.string().nullable(),
  fault: z.string().nullable(),
  service: z.string().nullable(),
  description: z.string(),
  runAt: z.number(),
  status: z.enum(["pending", "running", "done", "skipped", "cancelled"]),
  outcome: z.string(),
  createdBy: z.string(),
  finishedAt: z.number().nullable(),
  drillRunId: z.number().int().nullable(),
});
export type ScheduledActionView = z.infer<typeof scheduledActionSchema>;

export const scheduledListSchema = z.object({ labNow: z.number(), items: z.array(scheduledActionSchema) });

// ---- what-if -------------------------------------------------------------------

export const whatIfSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("action"),
      action: z.enum(["failover", "fallback", "recover"], { error: "action must be failover, fallback or recover" }),
      node: recordId("node").optional(),
    }),
    z.object({ kind: z.literal("fault"), node: recordId("node"), fault: z.enum(FAULTS), service: serviceName.optional() }),
    z.object({ kind: z.literal("service"), node: recordId("node"), service: serviceName, action: z.enum(["start", "stop", "restart"]) }),
    /** The SRM parameters to change; the others keep their values. */
    z.object({ kind: z.literal("parameters"), params: clusterFields.partial() }),
    z.object({ kind: z.literal("ha"), enabled: z.boolean() }),
  ],
  { error: "kind must be action, fault, service, parameters or ha" },
);
export type WhatIfInput = z.infer<typeof whatIfSchema>;

const previewNode = z.object({ nodeId: z.number(), hostName: z.string(), state: z.string(), reason: z.string(), unreachable: z.boolean() });

export const previewSchema = z.object({
  allowed: z.boolean(),
  refusal: z.string().nullable(),
  from: z.number(),
  until: z.number(),
  settled: z.boolean(),
  events: z.array(
    z.object({
      at: z.number(),
      nodeId: z.number().nullable(),
      kind: z.string(),
      fromState: z.string().nullable(),
      toState: z.string().nullable(),
      reason: z.string().nullable(),
      actor: z.string(),
      message: z.string(),
    }),
  ),
  situations: z.array(z.object({ at: z.number(), nodes: z.array(previewNode), row: z.number().nullable(), recommendedAction: z.string().nullable() })),
  userMoves: z.array(z.object({ at: z.number(), from: z.number(), to: z.number(), users: z.number() })),
  users: z.array(z.object({ nodeId: z.number(), before: z.number(), after: z.number() })),
  allowedAfter: z.object({ failover: z.array(z.number()), fallback: z.array(z.number()), recover: z.boolean() }),
});

// ---- drills --------------------------------------------------------------------

export { scenarioSchema };

export const drillSchema = z.object({
  /** "builtin:<key>" or "custom:<id>". */
  key: z.string(),
  builtIn: z.boolean(),
  id: z.number().int().nullable(),
  scenario: scenarioSchema,
});
export const drillListSchema = z.object({ items: z.array(drillSchema) });

export const startDrillSchema = z.object({
  drill: z.string({ error: "drill is required: the key of a drill" }).regex(/^(builtin:[a-z-]{1,60}|custom:[1-9][0-9]{0,9})$/, "drill must be the key of a drill (builtin:<name> or custom:<id>)"),
});

const timelineEntry = z.object({
  at: z.number(),
  offsetSeconds: z.number(),
  source: z.enum(["drill", "trainee", "srm"]),
  kind: z.string(),
  nodeId: z.number().nullable(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  reason: z.string().nullable(),
  actor: z.string(),
  ...eventMessageFields,
});

export const drillResultSchema = z.object({
  id: z.number().int(),
  groupId: z.number().int(),
  name: z.string(),
  status: z.enum(["running", "passed", "failed", "abandoned"]),
  startedBy: z.string(),
  startedAt: z.number(),
  deadline: z.number(),
  endedAt: z.number().nullable(),
  timeTakenSeconds: z.number().nullable(),
  goalMet: z.boolean(),
  recovery: z.string(),
  timeline: z.array(timelineEntry),
  situations: z.array(
    z.object({
      at: z.number(),
      offsetSeconds: z.number(),
      nodes: z.array(z.object({ nodeId: z.number(), state: z.string(), reason: z.string() })),
      row: z.number().nullable(),
      recommendedAction: z.string().nullable(),
    }),
  ),
});
export type DrillResultView = z.infer<typeof drillResultSchema>;

export const drillRunListSchema = z.object({ items: z.array(drillResultSchema) });
export const drillRunsQuery = z.object({ group: z.string().regex(/^[1-9][0-9]{0,9}$/, "group must be the id of a group").transform(Number).optional() });
