import { z } from "zod";
import { ruleMessage } from "../http/rule-messages.ts";
import { idText } from "./common.ts";
import { findListQuery, pageOf } from "./find-list.ts";

export const NODE_SEARCH_FIELDS = { hostName: "Host Name", softwareVersion: "Software Version" } as const;
export const NODE_SORTS = ["hostName", "softwareVersion", "replicationState", "group"] as const;

export const nodeListQuery = findListQuery(
  Object.keys(NODE_SEARCH_FIELDS) as ["hostName", "softwareVersion"],
  NODE_SORTS,
).extend({
  /** Only nodes a group may choose as Presence Server: in no group, or in group N. */
  assignableTo: z
    .union([z.literal("new"), idText(ruleMessage("field.assignableTo"))], {
      error: ruleMessage("field.assignableTo"),
    })
    .optional(),
});
export type NodeListQuery = z.infer<typeof nodeListQuery>;

export const serviceStatusSchema = z.enum(["STARTED", "STOPPED"]);

export const nodeSchema = z.object({
  id: z.number().int(),
  hostName: z.string(),
  softwareVersion: z.string(),
  cluster: z.object({ id: z.number().int(), name: z.string() }),
  isPublisher: z.boolean(),
  replicationState: z.number().int().min(0).max(4),
  replicationMeaning: z.string(),
  group: z.object({ id: z.number().int(), name: z.string(), position: z.number().int() }).nullable(),
  /** False for a node in the pool outside every group: it serves no users and has no High Availability. */
  inGroup: z.boolean(),
});
export type NodeView = z.infer<typeof nodeSchema>;

export const nodePageSchema = pageOf(nodeSchema);

export const nodeServiceSchema = z.object({
  name: z.string(),
  status: serviceStatusSchema,
  updatedAt: z.string(),
});

export const nodeDetailSchema = nodeSchema.extend({
  services: z.array(nodeServiceSchema),
  createdAt: z.string(),
});
export type NodeDetailView = z.infer<typeof nodeDetailSchema>;

export const nodeServicesSchema = z.object({
  node: z.object({ id: z.number().int(), hostName: z.string() }),
  services: z.array(nodeServiceSchema),
});

export const CLUSTER_NAME_MAX = 64;
export const clusterNameSchema = z
  .string({ error: ruleMessage("field.required", { field: { key: "label.cluster" } }) })
  .min(1, ruleMessage("field.required", { field: { key: "label.cluster" } }))
  .max(CLUSTER_NAME_MAX, ruleMessage("field.tooLong", { field: { key: "label.cluster" }, limit: String(CLUSTER_NAME_MAX) }))
  .regex(/^[A-Za-z0-9_.-]+$/, ruleMessage("field.clusterCharacters"));

const HOST_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const IPV4_OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
// One pattern, so the OpenAPI document states the rule the server applies:
// an IPv4 address, or a host name that is not all digits and dots.
const HOST_NAME_OR_IPV4 = new RegExp(
  `^(?:(?:${IPV4_OCTET}\\.){3}${IPV4_OCTET}|(?![\\d.]+$)${HOST_LABEL}(?:\\.${HOST_LABEL})*)$`,
);

const REPLICATION_STATE_RULE = ruleMessage("field.replicationStateRule");

export const nodeCreateSchema = z.object({
  hostName: z
    .string({ error: ruleMessage("field.required", { field: { key: "label.hostName" } }) })
    .min(1, ruleMessage("field.required", { field: { key: "label.hostName" } }))
    .max(253, ruleMessage("field.tooLong", { field: { key: "label.hostName" }, limit: "253" }))
    .regex(HOST_NAME_OR_IPV4, ruleMessage("field.hostNameRule")),
  softwareVersion: z
    .string({ error: ruleMessage("field.required", { field: { key: "label.softwareVersion" } }) })
    .regex(/^\d+(\.\d+){2,3}(-\d+)?$/, ruleMessage("field.softwareVersionRule")),
  cluster: clusterNameSchema,
  replicationState: z
    .number({ error: REPLICATION_STATE_RULE })
    .int(REPLICATION_STATE_RULE)
    .min(0, REPLICATION_STATE_RULE)
    .max(4, REPLICATION_STATE_RULE)
    .default(2),
});
export type NodeCreateInput = z.output<typeof nodeCreateSchema>;

/** A node in no group, as the High Availability status lists it. */
export const nodeInNoGroupSchema = z.object({ id: z.number().int(), hostName: z.string(), cluster: z.string() });
export type NodeInNoGroup = z.infer<typeof nodeInNoGroupSchema>;

export const clusterListSchema = z.object({
  items: z.array(z.object({ id: z.number().int(), name: z.string(), publisher: z.string().nullable(), nodeCount: z.number().int() })),
});
