import { idParams } from "../../schemas/common.ts";
import {
  drillListSchema,
  drillResultSchema,
  drillRunListSchema,
  drillRunsQuery,
  drillSchema,
  previewSchema,
  scenarioSchema,
  scheduleActionSchema,
  scheduledActionSchema,
  scheduledListSchema,
  startDrillSchema,
  whatIfSchema,
} from "../../schemas/planning.ts";
import { endpoint } from "../endpoint.ts";

const TAG = "Planning and drills";

export const listScheduledActions = endpoint({
  method: "GET",
  path: "/api/groups/{id}/scheduled-actions",
  permission: "view",
  summary: "The group's scheduled actions (maintenance windows and drill steps), pending first by lab time, then the latest finished",
  tag: TAG,
  auth: true,
  params: idParams,
  response: scheduledListSchema,
  errors: [404],
});

export const scheduleAction = endpoint({
  method: "POST",
  path: "/api/groups/{id}/scheduled-actions",
  permission: "ha_actions",
  summary:
    "Schedule a Failover or Fallback of a node, or a Recover, at a lab time. When due it runs through the controller; if the state then does not allow it, it is skipped with the reason (history row)",
  tag: TAG,
  auth: true,
  params: idParams,
  body: scheduleActionSchema,
  response: scheduledActionSchema,
  status: 201,
  errors: [404],
});

export const cancelScheduledAction = endpoint({
  method: "DELETE",
  path: "/api/scheduled-actions/{id}",
  permission: "ha_actions",
  summary: "Cancel a pending scheduled action; 409 once it ran, was skipped or cancelled, or when it belongs to a drill",
  tag: TAG,
  auth: true,
  params: idParams,
  response: scheduledActionSchema,
  errors: [404, 409],
});

export const previewGroupChange = endpoint({
  method: "POST",
  path: "/api/groups/{id}/preview",
  // A preview changes nothing, but it is the first half of acting: those who may act may preview.
  permission: "ha_actions",
  summary:
    "What-if: what an action, fault, service action, SRM parameter change or HA switch would do to the group (state pairs with reasons and lab times, users moved, actions offered afterwards), computed by the SRM state machine on a copy; changes nothing",
  tag: TAG,
  auth: true,
  params: idParams,
  body: whatIfSchema,
  response: previewSchema,
  errors: [404],
});

export const listDrills = endpoint({
  method: "GET",
  path: "/api/drills",
  permission: "view",
  summary: "Built-in and custom drills, with their scenarios (the export format)",
  tag: TAG,
  auth: true,
  response: drillListSchema,
});

export const createDrill = endpoint({
  method: "POST",
  path: "/api/drills",
  permission: "faults",
  summary: "Write or import a custom drill (its scenario as exported); 409 when a drill of that name exists",
  tag: TAG,
  auth: true,
  body: scenarioSchema,
  response: drillSchema,
  status: 201,
  errors: [409],
});

export const deleteDrill = endpoint({
  method: "DELETE",
  path: "/api/drills/{id}",
  permission: "faults",
  summary: "Delete a custom drill (runs already made keep their copy of it)",
  tag: TAG,
  auth: true,
  params: idParams,
  response: drillSchema,
  errors: [404],
});

export const startDrillRun = endpoint({
  method: "POST",
  path: "/api/groups/{id}/drill-runs",
  permission: "faults",
  summary: "Start a drill on the group (HA on, both nodes Normal); its steps run on the lab clock; 409 when the group is not ready or runs a drill",
  tag: TAG,
  auth: true,
  params: idParams,
  body: startDrillSchema,
  response: drillResultSchema,
  status: 201,
  errors: [404, 409],
});

export const listDrillRuns = endpoint({
  method: "GET",
  path: "/api/drill-runs",
  permission: "view",
  summary: "The latest 50 drill runs (of a group, with ?group=), newest first, each scored",
  tag: TAG,
  auth: true,
  query: drillRunsQuery,
  response: drillRunListSchema,
});

export const getDrillRun = endpoint({
  method: "GET",
  path: "/api/drill-runs/{id}",
  permission: "view",
  summary: "A drill run: goal met or not, time taken, the trainee's actions beside the state changes, the recommended action per situation",
  tag: TAG,
  auth: true,
  params: idParams,
  response: drillResultSchema,
  errors: [404],
});

export const abandonDrillRun = endpoint({
  method: "POST",
  path: "/api/drill-runs/{id}/abandon",
  permission: "faults",
  summary: "Stop a running drill: its steps not yet run are cancelled; 409 when it has ended",
  tag: TAG,
  auth: true,
  params: idParams,
  response: drillResultSchema,
  errors: [404, 409],
});
