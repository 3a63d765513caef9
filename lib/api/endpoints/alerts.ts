import { alertListQuery, alertListSchema, alertSchema, webhookInputSchema, webhookSchema } from "../../schemas/alerts.ts";
import { idParams } from "../../schemas/common.ts";
import { endpoint } from "../endpoint.ts";

const TAG = "Alerts";

export const listAlerts = endpoint({
  method: "GET",
  path: "/api/alerts",
  summary:
    "Alert Central: SRMFailover, SRMFailed and CriticalServiceDown alerts, newest first (at most 500), each with node, group, reason, " +
    "the lab time raised and cleared (null while active) and any acknowledgement. Filters: name, status (active or cleared), acknowledged (true or false), node (host name)",
  tag: TAG,
  auth: true,
  permission: "view",
  query: alertListQuery,
  response: alertListSchema,
});

export const acknowledgeAlert = endpoint({
  method: "POST",
  path: "/api/alerts/{id}/acknowledge",
  summary: "Acknowledge an alert, active or cleared; acknowledging again keeps the first acknowledgement",
  tag: TAG,
  auth: true,
  permission: "alerts",
  params: idParams,
  response: alertSchema,
  errors: [404],
});

export const getAlertWebhook = endpoint({
  method: "GET",
  path: "/api/alerts/webhook",
  permission: "view",
  summary: "The webhook URL alerts are delivered to (null when off) and the latest delivery attempts, newest first",
  tag: TAG,
  auth: true,
  response: webhookSchema,
});

export const setAlertWebhook = endpoint({
  method: "PUT",
  path: "/api/alerts/webhook",
  permission: "parameters",
  summary:
    "Set the webhook URL (http or https; empty turns delivery off). Each raised or cleared alert is POSTed to it as JSON " +
    "{event, alert}, retried with exponential backoff until a 2xx answer or the last attempt",
  tag: TAG,
  auth: true,
  body: webhookInputSchema,
  response: webhookSchema,
});
