import { z } from "zod";
import { MAX_ID, wholeNumberText } from "./common.ts";
import { findListQuery, pageOf } from "./find-list.ts";

export const GROUP_NAME_MAX = 128;
export const GROUP_DESCRIPTION_MAX = 128;

/** Descriptions may not hold " % & \ < > (as on the product's page) nor control characters. */
const DESCRIPTION_ALLOWED = /^[^"%&\\<>\u0000-\u001f\u007f-\u009f]*$/;

const nodeId = (missing: string) =>
  z.number({ error: missing }).int("Choose a node from the list").positive("Choose a node from the list").max(MAX_ID, "Choose a node from the list");

const groupFields = z.object({
  name: z
    .string({ error: "Name is required" })
    .min(1, "Name is required")
    .max(GROUP_NAME_MAX, `Name may be at most ${GROUP_NAME_MAX} characters`)
    .regex(/^[A-Za-z0-9_-]+$/, "Name may contain only letters, digits, _ and -"),
  description: z
    .string({ error: "Description must be text" })
    .max(GROUP_DESCRIPTION_MAX, `Description may be at most ${GROUP_DESCRIPTION_MAX} characters`)
    .regex(DESCRIPTION_ALLOWED, 'Description may not contain " % & \\ < > or control characters'),
  server1Id: nodeId("Presence Server 1 is required"),
  server2Id: nodeId("Presence Server 2 must be a node or null").nullable(),
  haEnabled: z.boolean({ error: "Enable High Availability must be true or false" }),
});

/** The rules that join fields; the same on the page and in the API. */
function crossFieldRules(g: { server1Id?: number; server2Id?: number | null; haEnabled?: boolean }, ctx: z.RefinementCtx) {
  if (g.server2Id != null && g.server1Id === g.server2Id) {
    ctx.addIssue({ code: "custom", path: ["server2Id"], message: "Presence Server 2 must be a different node from Presence Server 1" });
  }
  if (g.haEnabled && g.server2Id == null) {
    ctx.addIssue({ code: "custom", path: ["haEnabled"], message: "High Availability needs two Presence Servers" });
  }
}

/** A whole group as Add and Save submit it. */
export const groupInputSchema = groupFields
  .extend({
    description: groupFields.shape.description.default(""),
    server2Id: groupFields.shape.server2Id.default(null),
    haEnabled: groupFields.shape.haEnabled.default(false),
  })
  .superRefine(crossFieldRules);
export type GroupInput = z.output<typeof groupInputSchema>;

/**
 * An update names the version it was based on and any fields to change;
 * the merged result is checked with groupInputSchema.
 */
export const groupPatchSchema = groupFields.partial().extend({
  version: z.number({ error: "version is required: send the version you last read" }).int().positive(),
});
export type GroupPatch = z.output<typeof groupPatchSchema>;

export const groupDeleteQuery = z.object({
  version: wholeNumberText("version is required: send the version you last read, a whole number"),
});

export const GROUP_SEARCH_FIELDS = { name: "Name", description: "Description" } as const;
export const GROUP_SORTS = ["name", "description", "server1", "server2", "haEnabled", "users"] as const;
export const groupListQuery = findListQuery(Object.keys(GROUP_SEARCH_FIELDS) as ["name", "description"], GROUP_SORTS);
export type GroupListQuery = z.output<typeof groupListQuery>;

const groupServerSchema = z.object({
  id: z.number().int(),
  hostName: z.string(),
  softwareVersion: z.string(),
  isPublisher: z.boolean(),
  userCount: z.number().int(),
});

export const groupSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The cluster of its Presence Servers: names are unique within a cluster. */
  cluster: z.object({ id: z.number().int(), name: z.string() }),
  description: z.string(),
  haEnabled: z.boolean(),
  version: z.number().int(),
  server1: groupServerSchema.nullable(),
  server2: groupServerSchema.nullable(),
  userCount: z.number().int(),
  holdsPublisher: z.boolean(),
  updatedAt: z.string(),
});
export type GroupView = z.output<typeof groupSchema>;

export const groupListItemSchema = groupSchema.extend({
  /** With HA enabled: "Normal", or the two nodes' states when not both Normal. */
  haState: z.string().nullable(),
});
export type GroupListItem = z.output<typeof groupListItemSchema>;

export const groupPageSchema = pageOf(groupListItemSchema);
