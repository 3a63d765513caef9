import { z } from "zod";
import { ruleMessage } from "../http/rule-messages.ts";
import { MAX_ID, wholeNumberText } from "./common.ts";
import { findListQuery, pageOf } from "./find-list.ts";

export const GROUP_NAME_MAX = 128;
export const GROUP_DESCRIPTION_MAX = 128;

/** Descriptions may not hold " % & \ < > (as on the product's page) nor control characters. */
const DESCRIPTION_ALLOWED = /^[^"%&\\<>\u0000-\u001f\u007f-\u009f]*$/;

const CHOOSE_NODE = ruleMessage("field.chooseNode");
const nodeId = (missing: string) => z.number({ error: missing }).int(CHOOSE_NODE).positive(CHOOSE_NODE).max(MAX_ID, CHOOSE_NODE);

const NAME_REQUIRED = ruleMessage("field.required", { field: { key: "label.name" } });

const groupFields = z.object({
  name: z
    .string({ error: NAME_REQUIRED })
    .min(1, NAME_REQUIRED)
    .max(GROUP_NAME_MAX, ruleMessage("field.tooLong", { field: { key: "label.name" }, limit: String(GROUP_NAME_MAX) }))
    .regex(/^[A-Za-z0-9_-]+$/, ruleMessage("field.groupNameCharacters")),
  description: z
    .string({ error: ruleMessage("field.mustBeText", { field: { key: "label.description" } }) })
    .max(GROUP_DESCRIPTION_MAX, ruleMessage("field.tooLong", { field: { key: "label.description" }, limit: String(GROUP_DESCRIPTION_MAX) }))
    .regex(DESCRIPTION_ALLOWED, ruleMessage("field.descriptionCharacters")),
  server1Id: nodeId(ruleMessage("field.required", { field: { key: "label.server1" } })),
  server2Id: nodeId(ruleMessage("field.server2NodeOrNull")).nullable(),
  haEnabled: z.boolean({ error: ruleMessage("field.trueOrFalse", { field: { key: "label.enableHa" } }) }),
});

/** The rules that join fields; the same on the page and in the API. */
function crossFieldRules(g: { server1Id?: number; server2Id?: number | null; haEnabled?: boolean }, ctx: z.RefinementCtx) {
  if (g.server2Id != null && g.server1Id === g.server2Id) {
    ctx.addIssue({ code: "custom", path: ["server2Id"], message: ruleMessage("field.differentServers") });
  }
  if (g.haEnabled && g.server2Id == null) {
    ctx.addIssue({ code: "custom", path: ["haEnabled"], message: ruleMessage("field.haNeedsTwoServers") });
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
  version: z.number({ error: ruleMessage("field.versionRequired") }).int().positive(),
});
export type GroupPatch = z.output<typeof groupPatchSchema>;

export const groupDeleteQuery = z.object({
  version: wholeNumberText(ruleMessage("field.versionRequiredWhole")),
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
