import { z } from "zod";
import { endpoint } from "../endpoint.ts";

export const health = endpoint({
  method: "GET",
  path: "/api/health",
  summary: "Liveness, and which database the console runs on",
  tag: "System",
  auth: false,
  permission: "public",
  response: z.object({ status: z.literal("ok"), database: z.enum(["embedded", "postgres"]) }),
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
