import { idParams } from "../../schemas/common.ts";
import { nodeDetailSchema, nodeListQuery, nodePageSchema, nodeServicesSchema } from "../../schemas/nodes.ts";
import { endpoint } from "../endpoint.ts";

export const listNodes = endpoint({
  method: "GET",
  path: "/api/nodes",
  summary: "Find and List IM and Presence nodes",
  tag: "Nodes",
  auth: true,
  query: nodeListQuery,
  response: nodePageSchema,
});

export const getNode = endpoint({
  method: "GET",
  path: "/api/nodes/{id}",
  summary: "One IM and Presence node with its services",
  tag: "Nodes",
  auth: true,
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
  params: idParams,
  response: nodeServicesSchema,
  errors: [404],
});
