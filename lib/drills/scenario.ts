import { z } from "zod";
import { SERVICE_NAMES } from "../domain/services.ts";
import { FAULTS } from "../schemas/ha.ts";

const serviceName = z.enum(SERVICE_NAMES as [string, ...string[]], { error: `service must be one of: ${SERVICE_NAMES.join(", ")}` });
const at = z
  .number({ error: "atSeconds must be a number" })
  .min(0, "atSeconds must be 0 or more")
  .max(24 * 3600, "atSeconds may be at most 86400");
/** Which node of the group the drill runs on: its first or its second server. */
const node = z.enum(["node1", "node2"], { error: "node must be node1 or node2" });

/** One timed event of a drill, at lab seconds after its start. */
export const drillStepSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("fault"), atSeconds: at, node, fault: z.enum(FAULTS), service: serviceName.optional() }),
    z.object({ kind: z.literal("service"), atSeconds: at, node, action: z.enum(["start", "stop", "restart"]), service: serviceName }),
    z.object({ kind: z.literal("action"), atSeconds: at, action: z.enum(["failover", "fallback"]), node }),
    z.object({ kind: z.literal("recover"), atSeconds: at }),
  ],
  { error: "kind must be fault, service, action or recover" },
);
export type DrillStep = z.infer<typeof drillStepSchema>;

/**
 * A drill as written and exported: it starts on a group with HA on, both
 * nodes Normal and every user on its assigned node; its steps happen at
 * their times; it is passed when, after its last step, both nodes are
 * Normal again with every user on its assigned node, within the time limit.
 */
export const scenarioSchema = z
  .object({
    name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(100, "name may be at most 100 characters"),
    description: z.string().max(2000, "description may be at most 2000 characters").default(""),
    /** The documented way back, shown when the drill ends. */
    recovery: z.string().max(2000, "recovery may be at most 2000 characters").default(""),
    steps: z.array(drillStepSchema).min(1, "a drill has at least one step").max(50, "a drill has at most 50 steps"),
    timeLimitSeconds: z
      .number({ error: "timeLimitSeconds must be a number" })
      .int("timeLimitSeconds must be whole seconds")
      .min(10, "timeLimitSeconds must be at least 10")
      .max(24 * 3600, "timeLimitSeconds may be at most 86400"),
  })
  .refine((s) => s.steps.every((step) => step.atSeconds < s.timeLimitSeconds), {
    message: "every step must happen before the time limit",
    path: ["steps"],
  });
export type Scenario = z.infer<typeof scenarioSchema>;
