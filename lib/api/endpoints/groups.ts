import { z } from "zod";
import { idParams } from "../../schemas/common.ts";
import { groupDeleteQuery, groupInputSchema, groupListQuery, groupPageSchema, groupPatchSchema, groupSchema } from "../../schemas/groups.ts";
import { endpoint } from "../endpoint.ts";

export const listGroups = endpoint({
  method: "GET",
  path: "/api/groups",
  summary: "Find and List Presence Redundancy Groups",
  tag: "Presence Redundancy Groups",
  auth: true,
  permission: "view",
  query: groupListQuery,
  response: groupPageSchema,
});

export const createGroup = endpoint({
  method: "POST",
  path: "/api/groups",
  summary: "Add a Presence Redundancy Group",
  tag: "Presence Redundancy Groups",
  auth: true,
  permission: "inventory",
  body: groupInputSchema,
  response: groupSchema,
  status: 201,
  errors: [409, 503],
});

export const getGroup = endpoint({
  method: "GET",
  path: "/api/groups/{id}",
  summary: "One Presence Redundancy Group",
  tag: "Presence Redundancy Groups",
  auth: true,
  permission: "view",
  params: idParams,
  response: groupSchema,
  errors: [404],
});

export const updateGroup = endpoint({
  method: "PATCH",
  path: "/api/groups/{id}",
  summary: "Change a group; send the version you read (a stale one gets 409 with the current group in error.current)",
  tag: "Presence Redundancy Groups",
  auth: true,
  permission: "inventory",
  params: idParams,
  body: groupPatchSchema,
  response: groupSchema,
  errors: [404, 409, 503],
});

export const deleteGroup = endpoint({
  method: "DELETE",
  path: "/api/groups/{id}",
  summary: "Delete a group; its nodes return to the unassigned pool",
  tag: "Presence Redundancy Groups",
  auth: true,
  permission: "inventory",
  params: idParams,
  query: groupDeleteQuery,
  response: z.null(),
  status: 204,
  errors: [404, 409, 503],
});
