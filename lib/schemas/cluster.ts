import { z } from "zod";

export const healthSchema = z.object({
  status: z.literal("ok"),
  database: z.enum(["embedded", "postgres"]),
  /** This console process, as the Console Instances list names it. */
  instance: z.string(),
  /** Whether this instance runs the HA controller (holds the leader lease); always true on the embedded database. */
  leading: z.boolean(),
  fencingToken: z.string().nullable(),
  /** Wall milliseconds since the last lease check (PostgreSQL) or timer check (embedded), null before the first. */
  lastCheckAgeMs: z.number().nullable(),
  /** Failed checks since start, and the last failure. */
  errors: z.number().int(),
  lastError: z.string().nullable(),
});
export type HealthView = z.infer<typeof healthSchema>;

export const consoleInstancesSchema = z.object({
  /** Which database: on the embedded database there is only ever this one instance. */
  database: z.enum(["embedded", "postgres"]),
  self: z.string(),
  lease: z
    .object({ holder: z.string(), fencingToken: z.string(), since: z.string(), expiresAt: z.string() })
    .nullable(),
  instances: z.array(
    z.object({
      id: z.string(),
      hostName: z.string(),
      pid: z.number().int(),
      address: z.string(),
      startedAt: z.string(),
      lastSeen: z.string(),
      leading: z.boolean(),
    }),
  ),
});
export type ConsoleInstancesView = z.infer<typeof consoleInstancesSchema>;
