import { idParams } from "../../schemas/common.ts";
import {
  CLIENT_BULK_MAX,
  clientBulkResultSchema,
  clientBulkSchema,
  clientProfileSchema,
  clientSettingsInput,
  clientSettingsSchema,
  countersQuery,
  countersSchema,
  outageReportPageSchema,
  outageReportSchema,
  outageReportsQuery,
} from "../../schemas/clients.ts";
import { endpoint } from "../endpoint.ts";

const TAG = "Clients";

export const setUserClient = endpoint({
  method: "PUT",
  path: "/api/users/{id}/client",
  permission: "end_users",
  summary:
    "Set an end user's simulated Jabber client: kind (desktop, mobile in the foreground, ios-background waiting for push), " +
    "secure (secure XMPP mode; false is the unrestricted build, never dual) and dual (dual registration). The client logs in again at once",
  tag: TAG,
  auth: true,
  params: idParams,
  body: clientProfileSchema,
  response: clientProfileSchema,
  errors: [404],
});

export const setClients = endpoint({
  method: "POST",
  path: "/api/users/clients",
  permission: "end_users",
  summary: `Find and List bulk action: set kind, secure and/or dual of the clients of up to ${CLIENT_BULK_MAX} end users; unknown ids are skipped (updated says how many changed)`,
  tag: TAG,
  auth: true,
  body: clientBulkSchema,
  response: clientBulkResultSchema,
});

export const getClientCounters = endpoint({
  method: "GET",
  path: "/api/clients/counters",
  permission: "view",
  summary:
    "Per node (of one group with ?group=), the JSM counters: ActiveJsmSessions, InactiveJsmSessions, JsmSessionsComposed, " +
    "JsmSessionsClient (active client sessions), JsmSessionsClientInactive (inactive client sessions), with the clients waiting to re-login or for push. " +
    "Open pages get the same through the `clients` event of /api/events/stream, at most once a second",
  tag: TAG,
  auth: true,
  query: countersQuery,
  response: countersSchema,
});

export const listOutageReports = endpoint({
  method: "GET",
  path: "/api/outage-reports",
  permission: "view",
  summary:
    "Outage reports, newest first: one per failover, fallback and automatic recovery (and user move), with the clients affected, " +
    "p50/p95/p99/max outage per client (lab ms) and the series of clients active, waiting to re-login and waiting for push",
  tag: TAG,
  auth: true,
  query: outageReportsQuery,
  response: outageReportPageSchema,
});

export const getOutageReport = endpoint({
  method: "GET",
  path: "/api/outage-reports/{id}",
  permission: "view",
  summary: "One outage report",
  tag: TAG,
  auth: true,
  params: idParams,
  response: outageReportSchema,
  errors: [404],
});

export const getClientSettings = endpoint({
  method: "GET",
  path: "/api/clients/settings",
  permission: "view",
  summary: "Multiple Device Messaging per cluster (on: clients take twice as long to come back after a failover)",
  tag: TAG,
  auth: true,
  response: clientSettingsSchema,
});

export const setClientSettings = endpoint({
  method: "PUT",
  path: "/api/clients/settings",
  permission: "parameters",
  summary: "Turn Multiple Device Messaging on or off for one cluster (404 for an unknown cluster)",
  tag: TAG,
  auth: true,
  body: clientSettingsInput,
  response: clientSettingsSchema,
  errors: [404],
});
