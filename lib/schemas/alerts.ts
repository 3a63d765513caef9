import { z } from "zod";
import { ALERT_NAMES } from "../alerts/conditions.ts";

/** Filters of the alert list; every one optional. */
export const alertListQuery = z.object({
  name: z.enum(ALERT_NAMES, { error: `name must be one of ${ALERT_NAMES.join(", ")}` }).optional(),
  status: z.enum(["active", "cleared"], { error: "status must be active or cleared" }).optional(),
  acknowledged: z.enum(["true", "false"], { error: "acknowledged must be true or false" }).optional(),
  node: z.string().max(255, "node may be at most 255 characters").optional(),
});
export type AlertListQuery = z.output<typeof alertListQuery>;

export const alertSchema = z.object({
  id: z.number().int(),
  name: z.enum(ALERT_NAMES),
  nodeId: z.number().int(),
  nodeName: z.string(),
  groupId: z.number().int(),
  groupName: z.string(),
  reason: z.string(),
  raisedAt: z.string(),
  clearedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type AlertView = z.infer<typeof alertSchema>;

export const alertListSchema = z.array(alertSchema);
