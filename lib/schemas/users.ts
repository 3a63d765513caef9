import { z } from "zod";
import { ruleMessage } from "../http/rule-messages.ts";
import { ASSIGNMENT_MODES } from "../users/assignment.ts";
import { clientProfileSchema } from "./clients.ts";
import { NO_CONTROL_CHARACTERS } from "./common.ts";
import { findListQuery, pageOf } from "./find-list.ts";
import { clusterNameSchema } from "./nodes.ts";

export const USER_ID_MAX = 128;
/** Unified CM's limit for an end user's first and last name. */
export const USER_NAME_MAX = 64;
export const IMPORT_MAX_ROWS = 100_000;
/** Ample for 100,000 rows of the longest values, quoted. */
export const IMPORT_MAX_CHARS = 32 * 1024 * 1024;
/** The 422 report of an import names at most this many errors; the message gives the total. */
export const IMPORT_MAX_REPORTED = 1000;

const USER_ID_PATTERN = /^[A-Za-z0-9._@-]+$/;

export const USER_ID_RULE = ruleMessage("field.userIdCharacters");

const USER_ID_REQUIRED = ruleMessage("field.required", { field: { key: "label.userId" } });

export const userIdSchema = z
  .string({ error: USER_ID_REQUIRED })
  .min(1, USER_ID_REQUIRED)
  .max(USER_ID_MAX, ruleMessage("field.tooLong", { field: { key: "label.userId" }, limit: String(USER_ID_MAX) }))
  .regex(USER_ID_PATTERN, USER_ID_RULE);

const nameSchema = (label: "label.firstName" | "label.lastName") =>
  z
    .string({ error: ruleMessage("field.mustBeText", { field: { key: label } }) })
    .max(USER_NAME_MAX, ruleMessage("field.tooLong", { field: { key: label }, limit: String(USER_NAME_MAX) }))
    .regex(NO_CONTROL_CHARACTERS, ruleMessage("field.noLineBreaks", { field: { key: label } }));

export const userFieldSchemas = {
  userId: userIdSchema,
  firstName: nameSchema("label.firstName"),
  lastName: nameSchema("label.lastName"),
  signedIn: z.boolean({ error: ruleMessage("field.trueOrFalse", { field: { key: "label.signedIn" } }) }),
  cluster: clusterNameSchema,
};

/**
 * An end user as Add New submits it; the Sync Agent chooses the node among
 * the groups of the user's home cluster. The cluster may be left out while
 * the console has one cluster only.
 */
export const userInputSchema = z.object({
  userId: userFieldSchemas.userId,
  cluster: userFieldSchemas.cluster.optional(),
  firstName: userFieldSchemas.firstName.default(""),
  lastName: userFieldSchemas.lastName.default(""),
  signedIn: userFieldSchemas.signedIn.default(false),
});
export type UserInput = z.output<typeof userInputSchema>;

export const USER_SEARCH_FIELDS = { userId: "User ID", name: "First or Last Name", cluster: "Cluster", assignedNode: "Assigned Node" } as const;
export const USER_SORTS = ["userId", "name", "cluster", "assignedNode", "servingNode", "signedIn"] as const;
export const userListQuery = findListQuery(Object.keys(USER_SEARCH_FIELDS) as ["userId", "name", "cluster", "assignedNode"], USER_SORTS);
export type UserListQuery = z.output<typeof userListQuery>;

const nodeRef = z.object({ id: z.number().int(), hostName: z.string() });

export const userSchema = z.object({
  id: z.number().int(),
  userId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  /** The home cluster. */
  cluster: z.object({ id: z.number().int(), name: z.string() }),
  assignedNode: nodeRef.nullable(),
  servingNode: nodeRef.nullable(),
  signedIn: z.boolean(),
  /** The simulated Jabber client (lib/clients). */
  client: clientProfileSchema,
});
export type UserView = z.output<typeof userSchema>;

export const userPageSchema = pageOf(userSchema);

export const importBodySchema = z.object({
  csv: z
    .string({ error: ruleMessage("field.csvRequired") })
    .max(IMPORT_MAX_CHARS, ruleMessage("field.csvTooLarge", { size: String(IMPORT_MAX_CHARS / 1024 / 1024) })),
});

export const importResultSchema = z.object({
  imported: z.number().int(),
  assignedPerNode: z.array(z.object({ nodeId: z.number().int(), hostName: z.string(), users: z.number().int() })),
  /** Users the Sync Agent left unassigned (mode None, or no group). */
  unassigned: z.number().int(),
});
export type ImportResult = z.output<typeof importResultSchema>;

/**
 * A rejected import reports each bad value in the error's `fields`, keyed
 * "row <n>: <column>" with the file's row numbers (the header is row 1).
 */
export function rowErrorKey(row: number, field: string): string {
  return `row ${row}: ${field}`;
}

export function parseRowErrorKey(key: string): { row: number; field: string } | null {
  const m = /^row (\d+): (.+)$/.exec(key);
  return m ? { row: Number(m[1]), field: m[2]! } : null;
}

const userCountsSchema = z.object({ assigned: z.number().int(), serving: z.number().int(), active: z.number().int() });

const topologyNodeSchema = z.object({
  id: z.number().int(),
  hostName: z.string(),
  state: z.string(),
  reason: z.string(),
  /** Why its peer cannot reach it (issue 10), or null. */
  unreachable: z.string().nullable(),
  /** Users assigned to the node, served by it now, and signed in on it now. */
  users: userCountsSchema,
  /** False for a node outside every group: it serves no users and has no High Availability. */
  inGroup: z.boolean(),
});

export const topologySchema = z.object({
  mode: z.enum(ASSIGNMENT_MODES),
  unassignedUsers: z.number().int(),
  groups: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      haEnabled: z.boolean(),
      /** Nodes in Presence Server order. */
      nodes: z.array(topologyNodeSchema),
      users: userCountsSchema,
    }),
  ),
  /** Every node outside every group (the users they hold were assigned before their group was deleted). */
  ungroupedNodes: z.array(topologyNodeSchema),
});
export type TopologyView = z.output<typeof topologySchema>;
