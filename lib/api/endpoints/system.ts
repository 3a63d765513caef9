import { z } from "zod";
import { consoleInstancesSchema, healthSchema } from "../../schemas/cluster.ts";
import { endpoint } from "../endpoint.ts";

export const health = endpoint({
  method: "GET",
  path: "/api/health",
  summary: "Liveness: the database, this instance, whether it leads (runs the HA controller), and its last check",
  tag: "System",
  auth: false,
  permission: "public",
  response: healthSchema,
  /** When this instance cannot serve (its database out of reach for longer than the lease lasts): the same body. */
  errors: [503],
});

export const consoleInstances = endpoint({
  method: "GET",
  path: "/api/console-instances",
  summary: "The console instances on this database, which one leads (runs the HA controller), since when, and its fencing token",
  tag: "System",
  auth: true,
  permission: "view",
  response: consoleInstancesSchema,
});

export const openApiDocument = endpoint({
  method: "GET",
  path: "/api/openapi.json",
  summary: "This API's OpenAPI 3.1 document",
  tag: "System",
  auth: true,
  permission: "view",
  response: z.looseObject({ openapi: z.string() }),
});
