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

export const WEBHOOK_URL_MAX = 2000;

/** The webhook Alert Central delivers to; an empty URL turns delivery off. */
export const webhookInputSchema = z.object({
  url: z
    .string({ error: "URL must be text" })
    .trim()
    .max(WEBHOOK_URL_MAX, `URL may be at most ${WEBHOOK_URL_MAX} characters`)
    .refine((v) => v === "" || /^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v), { message: "URL must be an http:// or https:// address, or empty to turn delivery off" }),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;

export const alertDeliverySchema = z.object({
  id: z.number().int(),
  alertId: z.number().int(),
  event: z.enum(["raised", "cleared"]),
  url: z.string(),
  attempt: z.number().int(),
  /** delivered; retrying: another attempt follows after a backoff; failed: the last attempt failed. */
  outcome: z.enum(["delivered", "retrying", "failed"]),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  at: z.string(),
});
export type AlertDeliveryView = z.infer<typeof alertDeliverySchema>;

export const webhookSchema = z.object({
  url: z.string().nullable(),
  /** The latest delivery attempts, newest first (at most 100). */
  deliveries: z.array(alertDeliverySchema),
});
