import { z } from "zod";
import { findListQuery } from "./find-list.ts";

export const NODE_SEARCH_FIELDS = { hostName: "Host Name", softwareVersion: "Software Version" } as const;
export const NODE_SORTS = ["hostName", "softwareVersion", "replicationState", "group"] as const;

export const nodeListQuery = findListQuery(
  Object.keys(NODE_SEARCH_FIELDS) as ["hostName", "softwareVersion"],
  NODE_SORTS,
);
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
});
export type NodeView = z.infer<typeof nodeSchema>;

export const nodePageSchema = z.object({
  items: z.array(nodeSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

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
