import { z } from "zod";
import { idParams } from "../../schemas/common.ts";
import {
  eventPageSchema,
  eventsQuery,
  faultSchema,
  haActionSchema,
  haOverviewSchema,
  haStatusSchema,
  labSettingsSchema,
  serviceActionSchema,
  serviceParams,
} from "../../schemas/ha.ts";
import { STREAMS_PER_SESSION } from "../../http/event-streams.ts";
import { nodeInNoGroupSchema } from "../../schemas/nodes.ts";
import { endpoint } from "../endpoint.ts";

const TAG = "High Availability";

export const groupAction = endpoint({
  method: "POST",
  path: "/api/groups/{id}/actions",
  summary: "Failover or Fallback a node of the group, or Recover the group; 409 with the current state when not allowed now",
  tag: TAG,
  auth: true,
  permission: "ha_actions",
  params: idParams,
  body: haActionSchema,
  response: haStatusSchema,
  status: 202,
  errors: [404, 409, 503],
});

export const groupHaStatus = endpoint({
  method: "GET",
  path: "/api/groups/{id}/ha",
  summary: "The group's nodes with state, reason, users, timers and the actions allowed now",
  tag: TAG,
  auth: true,
  permission: "view",
  params: idParams,
  response: haStatusSchema,
  errors: [404],
});

export const haOverview = endpoint({
  method: "GET",
  path: "/api/ha",
  summary: "Every group's High Availability status",
  tag: TAG,
  auth: true,
  permission: "view",
  response: haOverviewSchema.extend({
    /** Nodes outside every group: they serve no users and have no High Availability. */
    nodesInNoGroup: z.array(nodeInNoGroupSchema),
  }),
});

export const nodeHaStatus = endpoint({
  method: "GET",
  path: "/api/nodes/{id}/ha",
  summary: "The status of a node's group (or of the node alone when it is in no group), with power, network and faults",
  tag: TAG,
  auth: true,
  permission: "view",
  params: idParams,
  response: haStatusSchema,
  errors: [404],
});

export const serviceAction = endpoint({
  method: "POST",
  path: "/api/nodes/{id}/services/{service}",
  summary: "Start, stop or restart a service on a node (Control Center - Network Services)",
  tag: TAG,
  auth: true,
  permission: "services",
  params: serviceParams,
  body: serviceActionSchema,
  response: haStatusSchema,
  status: 202,
  errors: [404, 409, 503],
});

export const injectFault = endpoint({
  method: "POST",
  path: "/api/nodes/{id}/faults",
  summary: "Lab fault injection on a node",
  tag: TAG,
  auth: true,
  permission: "faults",
  params: idParams,
  body: faultSchema,
  response: haStatusSchema,
  status: 202,
  errors: [404, 409, 503],
});

export const listEvents = endpoint({
  method: "GET",
  path: "/api/events",
  summary: "History of state changes, admin actions, faults and parameter changes, newest first",
  tag: TAG,
  auth: true,
  permission: "view",
  query: eventsQuery,
  response: eventPageSchema,
});

export const eventStream = endpoint({
  method: "GET",
  path: "/api/events/stream",
  summary:
    "Server-sent events: a `change` event for every state change as it happens, a `clients` event with the JSM counters of every node when they change (at most once a second), and a `tick` with the lab time every second. " +
    `The stream ends when its session ends (sign-out or expiry); at most ${STREAMS_PER_SESSION} may be open per session (429 beyond)`,
  tag: TAG,
  auth: true,
  permission: "view",
  response: z.string(),
  responseType: "text/event-stream",
  errors: [429],
});

const labResponse = labSettingsSchema.extend({ labNow: z.number() });

export const getLab = endpoint({
  method: "GET",
  path: "/api/lab",
  summary: "Lab settings: speed factor of lab time and the durations of steps, SRM starts and boots",
  tag: "Lab",
  auth: true,
  permission: "view",
  response: labResponse,
});

export const putLab = endpoint({
  method: "PUT",
  path: "/api/lab",
  summary: "Change the lab settings",
  tag: "Lab",
  auth: true,
  permission: "faults",
  body: labSettingsSchema,
  response: labResponse,
  errors: [503],
});
