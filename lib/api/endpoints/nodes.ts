import { idParams } from "../../schemas/common.ts";
import { z } from "zod";
import {
  clusterListSchema,
  nodeCreateSchema,
  nodeDetailSchema,
  nodeListQuery,
  nodePageSchema,
  nodeServicesSchema,
} from "../../schemas/nodes.ts";
import { endpoint } from "../endpoint.ts";

export const listNodes = endpoint({
  method: "GET",
  path: "/api/nodes",
  summary: "Find and List IM and Presence nodes",
  tag: "Nodes",
  auth: true,
  permission: "view",
  query: nodeListQuery,
  response: nodePageSchema,
});

export const getNode = endpoint({
  method: "GET",
  path: "/api/nodes/{id}",
  summary: "One IM and Presence node with its services",
  tag: "Nodes",
  auth: true,
  permission: "view",
  params: idParams,
  response: nodeDetailSchema,
  errors: [404],
});

export const listNodeServices = endpoint({
  method: "GET",
  path: "/api/nodes/{id}/services",
  summary: "Status of the services on one node",
  tag: "Nodes",
  auth: true,
  permission: "view",
  params: idParams,
  response: nodeServicesSchema,
  errors: [404],
});

export const createNode = endpoint({
  method: "POST",
  path: "/api/nodes",
  summary: "Add an IM and Presence node (a node naming a new cluster becomes its publisher)",
  tag: "Nodes",
  auth: true,
  permission: "inventory",
  body: nodeCreateSchema,
  response: nodeDetailSchema,
  status: 201,
  errors: [409, 503],
});

export const deleteNode = endpoint({
  method: "DELETE",
  path: "/api/nodes/{id}",
  summary: "Delete an IM and Presence node that is in no group",
  tag: "Nodes",
  auth: true,
  permission: "inventory",
  params: idParams,
  response: z.null(),
  status: 204,
  errors: [404, 409, 503],
});

export const listClusters = endpoint({
  method: "GET",
  path: "/api/clusters",
  summary: "Clusters with their database publisher",
  tag: "Nodes",
  auth: true,
  permission: "view",
  response: clusterListSchema,
});
